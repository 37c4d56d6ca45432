package social.herd.accounts.impl;

import social.herd.accounts.impl.db.RemovalMapper;
import social.herd.api.db.Tx;

/**
 * Removes a local account for good, in the caller's transaction: a rejected sign-up, or a
 * deletion whose grace period ended. Relationships go first, with the other side's follow
 * counters corrected, so nothing refers to the account once it is gone.
 */
public final class AccountRemoval {

    private AccountRemoval() {}

    /** @return true when the account existed and was removed */
    public static boolean remove(Tx tx, long accountId) {
        RemovalMapper removal = tx.mapper(RemovalMapper.class);
        removal.uncountFollows(accountId);
        removal.deleteRelationships(accountId);
        return removal.deleteAccount(accountId) == 1;
    }
}
