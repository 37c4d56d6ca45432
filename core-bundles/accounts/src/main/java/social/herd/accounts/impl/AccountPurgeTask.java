package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.accounts.impl.db.RemovalMapper;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.jobs.PeriodicTask;

/**
 * Removes, once an hour across the cluster, the accounts whose deletion grace period has ended
 * ({@link AccountDeletion}): each with its relationships, in one transaction per account, so a
 * failure leaves the others done and the failed one for the next run.
 */
@Component(service = PeriodicTask.class, property = PeriodicTask.NAME + "=" + AccountPurgeTask.NAME)
public final class AccountPurgeTask implements PeriodicTask {

    private static final Logger LOG = LoggerFactory.getLogger(AccountPurgeTask.class);

    static final String NAME = "accounts.purge";
    static final Duration INTERVAL = Duration.ofHours(1);
    /** Accounts read per query; a run keeps going until none is due or {@link #MAX_PER_RUN}. */
    static final int BATCH = 100;
    /** Bounds one run, so a backlog is worked off over several runs rather than holding the scheduler. */
    static final int MAX_PER_RUN = 5_000;

    private final Database db;
    private final Clock clock;

    @Activate
    public AccountPurgeTask(@Reference Database db,
                            @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public AccountPurgeTask(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        int removed = 0;
        while (removed < MAX_PER_RUN) {
            List<Long> due = db.read(tx -> tx.mapper(RemovalMapper.class).dueAccountIds(now, BATCH));
            int before = removed;
            for (long accountId : due) {
                if (purge(accountId, now)) removed++;
            }
            // nothing removed means the rest is not due any more (or another node took it): stop
            if (due.size() < BATCH || removed == before) break;
        }
        if (removed > 0) LOG.info("deleted accounts purged count={}", removed);
    }

    /** One account in one transaction; false when it is no longer due. */
    private boolean purge(long accountId, Instant now) {
        return db.transaction(tx -> {
            if (tx.mapper(RemovalMapper.class).lockDue(accountId, now) == null) return false;
            boolean gone = AccountRemoval.remove(tx, accountId);
            if (gone) tx.afterCommit(() -> LOG.debug("account purged account_id={}", accountId));
            return gone;
        });
    }
}
