package social.herd.accounts.impl;

import java.time.Instant;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.NewUser;
import social.herd.accounts.impl.db.UserMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.accounts.impl.keys.KeyRows;
import social.herd.accounts.impl.keys.RsaKeys;
import social.herd.api.auth.Role;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;

/** Writes a new local account, its actor key pair and its user; shared by sign-up and the CLI. */
final class LocalUsers {

    /** What to create; {@code confirmationTokenHash} null when the address counts as confirmed. */
    record Spec(String username, String email, String passwordHash, Role role, boolean confirmed,
                String confirmationTokenHash, boolean approved, String approvalReason, Long inviteId,
                boolean agreed, String locale) {}

    private LocalUsers() {}

    /**
     * Writes the account, its actor key pair and its user. {@code keys} comes from
     * {@link RsaKeys#generate()}, called by the caller before its transaction because generating
     * takes up to a few hundred milliseconds.
     */
    static UserRow create(Tx tx, IdGenerator ids, Spec spec, RsaKeys.PemPair keys, Instant now) {
        long accountId = ids.nextId();
        long userId = ids.nextId();
        tx.mapper(AccountMapper.class).insertLocal(accountId, spec.username(), now);
        KeyRows.insertForNewAccount(tx, accountId, keys, now);
        UserMapper users = tx.mapper(UserMapper.class);
        users.insert(new NewUser(userId, accountId, spec.email().trim(), spec.passwordHash(), roleName(spec.role()),
                spec.confirmed() ? now : null, spec.confirmationTokenHash(),
                spec.confirmationTokenHash() == null ? null : now, spec.approved(), spec.approvalReason(),
                spec.inviteId(), spec.agreed() ? now : null, spec.locale(), now));
        return users.byId(userId);
    }

    static String roleName(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    static Role role(String name) {
        return Role.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
