package social.herd.statuses.impl;

import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.statuses.impl.StatusEntities.Poll;
import social.herd.statuses.impl.db.PollMapper;
import social.herd.statuses.impl.db.PollRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * Viewing and voting on polls. A poll is exactly as visible as its status (404 otherwise, so its
 * existence does not leak). Votes follow Mastodon's rules: not after the end, not on one's own
 * poll, one vote per account (with several choices only when the poll is multiple). A vote
 * publishes {@code poll.voted}.
 */
@Component(service = PollService.class)
public final class PollService {

    private final Database db;
    private final StatusVisibility visibility;
    private final StatusEvents events;
    private final Clock clock;

    @Activate
    public PollService(@Reference Database db, @Reference StatusVisibility visibility, @Reference StatusEvents events,
                       @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, visibility, events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public PollService(Database db, StatusVisibility visibility, StatusEvents events, Clock clock) {
        this.db = db;
        this.visibility = visibility;
        this.events = events;
        this.clock = clock;
    }

    public Poll get(Long viewerId, long pollId) {
        return db.read(tx -> PollViews.one(tx, viewerId, visiblePoll(tx, viewerId, pollId), clock.instant()));
    }

    /**
     * Votes for the options at {@code choices} (0-based) and answers the poll as it is afterwards.
     * The vote is one insert keyed by (poll, account): a second vote, also a concurrent one, fails.
     */
    public Poll vote(long accountId, long pollId, List<Integer> choices) {
        return db.transaction(tx -> {
            PollRow poll = visiblePoll(tx, accountId, pollId);
            if (poll.expired(clock.instant())) fail("The poll has already ended");
            int size = PollViews.options(poll).size();
            TreeSet<Integer> chosen = new TreeSet<>(choices);
            if (chosen.isEmpty() || chosen.first() < 0 || chosen.last() >= size) fail("The chosen vote option does not exist");
            if (poll.accountId() == accountId) fail("You cannot vote in your own polls");
            // a single-choice poll takes one vote: a second choice is a second vote, as in Mastodon
            if (!poll.multiple() && chosen.size() > 1) fail("You have already voted on this poll");
            if (tx.mapper(PollMapper.class).vote(poll.id(), accountId, Json.write(List.copyOf(chosen)), clock.instant()) == 0) {
                fail("You have already voted on this poll");
            }
            // federation sends the vote to a remote poll's server
            events.pollVoted(tx, accountId, poll.statusId(), poll.accountId(), List.copyOf(chosen));
            return PollViews.one(tx, accountId, poll, clock.instant());
        });
    }

    private PollRow visiblePoll(Tx tx, Long viewerId, long pollId) {
        PollRow poll = tx.mapper(PollMapper.class).byId(pollId);
        if (poll == null) throw ApiException.notFound();
        visibility.require(tx, visibility.viewer(viewerId), poll.statusId());
        return poll;
    }

    private static void fail(String what) {
        throw ApiException.unprocessable("Validation failed: " + what);
    }
}
