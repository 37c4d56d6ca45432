package social.herd.statuses.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;

/**
 * The accounts directory with a few seconds of memory. Every timeline page needs the summary
 * (suspended?) and the rendered entity of about twenty authors; asking the accounts bundle for each
 * on every request was most of the home timeline's queries. A suspension or a profile change
 * therefore shows in statuses up to {@link #DEFAULT_TTL} late, which Mastodon's own cached
 * renderings also allow. A zero TTL (tests) caches nothing.
 */
@Component(service = AccountCache.class)
public final class AccountCache {

    /** How long an answer of the accounts bundle is reused. */
    static final Duration DEFAULT_TTL = Duration.ofSeconds(3);
    /** Entries kept at most; beyond that the cache is cleared (cheap, and rare: 20k active authors in 3 s). */
    static final int MAX_ENTRIES = 20_000;

    private record Entry<T>(T value, long expiresAt) {}

    private final AccountDirectory accounts;
    private final long ttlNanos;
    private final Map<Long, Entry<Optional<AccountSummary>>> summaries = new ConcurrentHashMap<>();
    private final Map<Long, Entry<Optional<Object>>> rendered = new ConcurrentHashMap<>();

    @Activate
    public AccountCache(@Reference AccountDirectory accounts) {
        this(accounts, DEFAULT_TTL);
    }

    /** For tests and embedding; {@code ttl} zero caches nothing. */
    public AccountCache(AccountDirectory accounts, Duration ttl) {
        this.accounts = accounts;
        this.ttlNanos = ttl.toNanos();
    }

    /** The directory behind the cache, for calls that must be fresh (posting, mentions). */
    public AccountDirectory directory() {
        return accounts;
    }

    /** The account's summary, possibly a few seconds old. */
    public Optional<AccountSummary> summary(long accountId) {
        if (ttlNanos == 0) return accounts.byId(accountId);
        long now = System.nanoTime();
        Entry<Optional<AccountSummary>> e = summaries.get(accountId);
        if (e != null && e.expiresAt() - now > 0) return e.value();
        Optional<AccountSummary> fresh = accounts.byId(accountId);
        put(summaries, accountId, fresh, now);
        return fresh;
    }

    /** True when the account exists and is not suspended. */
    public boolean usable(long accountId) {
        return summary(accountId).filter(a -> !a.suspended()).isPresent();
    }

    /**
     * Mastodon Account entities keyed by id, unknown and suspended accounts left out (as
     * {@link AccountDirectory#render}); the accounts not remembered are rendered in one call.
     */
    public Map<Long, Object> render(Collection<Long> accountIds) {
        if (ttlNanos == 0 || accountIds.isEmpty()) return accounts.render(accountIds);
        long now = System.nanoTime();
        Map<Long, Object> out = new LinkedHashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(accountIds)) {
            Entry<Optional<Object>> e = rendered.get(id);
            if (e != null && e.expiresAt() - now > 0) e.value().ifPresent(v -> out.put(id, v));
            else missing.add(id);
        }
        if (!missing.isEmpty()) {
            Map<Long, Object> fresh = accounts.render(missing);
            for (Long id : missing) {
                Object v = fresh.get(id);
                put(rendered, id, Optional.ofNullable(v), now);
                if (v != null) out.put(id, v);
            }
        }
        return out;
    }

    private <T> void put(Map<Long, Entry<T>> map, long id, T value, long now) {
        if (map.size() >= MAX_ENTRIES) map.clear();
        map.put(id, new Entry<>(value, now + ttlNanos));
    }
}
