package social.herd.streaming.impl.hub;

import java.util.HashMap;
import java.util.Map;

/**
 * Open connections per account and per client address on this node. Mastodon sets no limit; one
 * account's runaway client (or one address's) must still not take every socket and writer of a node.
 */
final class Limits {

    private final int perAccount;
    private final int perAddress;
    private final Map<Long, Integer> accounts = new HashMap<>();
    private final Map<String, Integer> addresses = new HashMap<>();

    Limits(int perAccount, int perAddress) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
    }

    /** True when one more connection of this account from this address would be allowed. */
    synchronized boolean allows(long account, String address) {
        return accounts.getOrDefault(account, 0) < perAccount && addresses.getOrDefault(address, 0) < perAddress;
    }

    /** Takes a slot for both, or none when either is at its limit. */
    synchronized boolean acquire(long account, String address) {
        if (!allows(account, address)) return false;
        accounts.merge(account, 1, Integer::sum);
        addresses.merge(address, 1, Integer::sum);
        return true;
    }

    synchronized void release(long account, String address) {
        accounts.computeIfPresent(account, (k, n) -> n <= 1 ? null : n - 1);
        addresses.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Open streams of one account on this node. */
    synchronized int count(long account) {
        return accounts.getOrDefault(account, 0);
    }

    /** Accounts with an open stream on this node. */
    synchronized int accounts() {
        return accounts.size();
    }
}
