package social.herd.statuses.impl;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.herd.api.db.Tx;
import social.herd.statuses.impl.StatusEntities.Poll;
import social.herd.statuses.impl.StatusEntities.PollOption;
import social.herd.statuses.impl.db.PollMapper;
import social.herd.statuses.impl.db.PollRow;
import social.herd.statuses.impl.db.PollTally;
import social.herd.statuses.impl.db.PollVote;
import social.herd.statuses.impl.db.Ref;
import social.herd.web.api.Json;

/**
 * Poll rows to Mastodon Poll entities, for many statuses at once (three queries: polls, tallies,
 * the viewer's votes). Counts are computed from the votes rather than kept in counters, so a vote
 * is one insert and nothing can drift; a remote poll adds the counts its server last reported. Does not decide visibility: that is the status's.
 */
final class PollViews {

    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<Integer>> INTS = new TypeReference<>() {};

    private PollViews() {}

    /** The polls of {@code statusIds} by status id; statuses without a poll are absent. */
    static Map<Long, Poll> forStatuses(Tx tx, Long viewerId, Collection<Long> statusIds, Instant now) {
        if (statusIds.isEmpty()) return Map.of();
        List<PollRow> polls = tx.mapper(PollMapper.class).byStatuses(statusIds);
        Map<Long, Poll> out = new HashMap<>();
        for (Map.Entry<Long, Poll> e : render(tx, viewerId, polls, now).entrySet()) {
            for (PollRow p : polls) if (p.id() == e.getKey()) out.put(p.statusId(), e.getValue());
        }
        return out;
    }

    /** One poll. */
    static Poll one(Tx tx, Long viewerId, PollRow poll, Instant now) {
        return render(tx, viewerId, List.of(poll), now).get(poll.id());
    }

    /** Entities by poll id. */
    private static Map<Long, Poll> render(Tx tx, Long viewerId, List<PollRow> polls, Instant now) {
        if (polls.isEmpty()) return Map.of();
        PollMapper m = tx.mapper(PollMapper.class);
        List<Long> ids = polls.stream().map(PollRow::id).toList();
        Map<Long, Map<Integer, Integer>> tallies = new HashMap<>();
        for (PollTally t : m.tallies(ids)) tallies.computeIfAbsent(t.pollId(), k -> new HashMap<>()).put(t.choice(), t.votes());
        Map<Long, Integer> voters = new HashMap<>();
        for (Ref r : m.voters(ids)) voters.put(r.id(), (int) r.target());
        Map<Long, List<Integer>> own = new HashMap<>();
        if (viewerId != null) for (PollVote v : m.votesOf(viewerId, ids)) own.put(v.pollId(), read(v.choices(), INTS));
        Map<Long, Poll> out = new HashMap<>();
        for (PollRow p : polls) {
            Map<Integer, Integer> tally = new HashMap<>(tallies.getOrDefault(p.id(), Map.of()));
            int voterCount = voters.getOrDefault(p.id(), 0);
            // a remote poll: what its server reported, plus local votes cast since
            List<Integer> reported = read(p.remoteVotes(), INTS);
            if (reported != null) {
                for (int i = 0; i < reported.size(); i++) {
                    if (reported.get(i) != null) tally.merge(i, reported.get(i), Integer::sum);
                }
                if (p.remoteVoters() != null) voterCount += p.remoteVoters();
            }
            boolean expired = p.expired(now);
            boolean author = viewerId != null && viewerId == p.accountId();
            // hide_totals: nobody but the author sees how the options stand until the poll ends
            boolean showTotals = expired || !p.hideTotals() || author;
            List<String> titles = options(p);
            List<PollOption> options = new ArrayList<>(titles.size());
            for (int i = 0; i < titles.size(); i++) {
                options.add(new PollOption(titles.get(i), showTotals ? tally.getOrDefault(i, 0) : null));
            }
            int votes = tally.values().stream().mapToInt(Integer::intValue).sum();
            List<Integer> mine = viewerId == null ? null : own.getOrDefault(p.id(), List.of());
            // Mastodon counts the author as having voted: clients then show results, not buttons
            Boolean voted = viewerId == null ? null : author || own.containsKey(p.id());
            out.put(p.id(), new Poll(Long.toString(p.id()), p.expiresAt(), expired, p.multiple(), votes,
                    p.multiple() ? voterCount : null, options, List.of(), voted, mine));
        }
        return out;
    }

    static List<String> options(PollRow p) {
        return read(p.options(), STRINGS);
    }

    /** A JSON array the database produced ({@code array_to_json}); null stays null. */
    static <T> T read(String json, TypeReference<T> type) {
        if (json == null) return null;
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
