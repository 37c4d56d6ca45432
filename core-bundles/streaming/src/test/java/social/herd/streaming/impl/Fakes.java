package social.herd.streaming.impl;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.auth.Principal;
import social.herd.api.auth.Role;
import social.herd.api.auth.TokenVerifier;
import social.herd.api.events.Event;
import social.herd.api.metrics.Metrics;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;

/**
 * Doubles for the services other bundles own: a social graph of pairs, statuses in a map that
 * render only for viewers Mastodon's visibility rule admits, tokens in a map, metrics that count.
 */
public final class Fakes {

    private static final AtomicLong IDS = new AtomicLong(10_000);

    private Fakes() {}

    public static long newId() {
        return IDS.incrementAndGet();
    }

    /** Follows, blocks and mutes as pairs {@code [from, to]}. */
    public static final class Graph implements SocialGraph {
        public final Set<List<Long>> follows = ConcurrentHashMap.newKeySet();
        public final Set<List<Long>> blocks = ConcurrentHashMap.newKeySet();
        public final Set<List<Long>> mutes = ConcurrentHashMap.newKeySet();

        public void follow(long a, long b) { follows.add(List.of(a, b)); }

        @Override public boolean follows(long follower, long target) { return follows.contains(List.of(follower, target)); }

        @Override public List<Long> following(long a) { return follows.stream().filter(p -> p.get(0) == a).map(p -> p.get(1)).toList(); }

        @Override public List<Long> localFollowers(long a) { return follows.stream().filter(p -> p.get(1) == a).map(p -> p.get(0)).toList(); }

        @Override public boolean blockedEitherWay(long a, long b) { return blocks.contains(List.of(a, b)) || blocks.contains(List.of(b, a)); }

        @Override
        public Set<Long> hiddenFrom(long viewer) {
            Set<Long> out = new HashSet<>();
            blocks.forEach(p -> { if (p.get(0) == viewer) out.add(p.get(1)); if (p.get(1) == viewer) out.add(p.get(0)); });
            mutes.forEach(p -> { if (p.get(0) == viewer) out.add(p.get(1)); });
            return out;
        }
    }

    /** A status as the statuses bundle would store it. */
    public record Status(long id, long author, String visibility, String text, List<Long> mentions, List<String> tags,
                         boolean local, boolean media, Long reblogOf, Long reblogAuthor, boolean held) {

        public static Status post(long author, String visibility, String text) {
            return new Status(newId(), author, visibility, text, List.of(), List.of(), true, false, null, null, false);
        }

        public Status mentioning(Long... accounts) {
            return new Status(id, author, visibility, text, List.of(accounts), tags, local, media, reblogOf, reblogAuthor, held);
        }

        public Status tagged(String... names) {
            return new Status(id, author, visibility, text, mentions, List.of(names), local, media, reblogOf, reblogAuthor, held);
        }

        public Status remote() {
            return new Status(id, author, visibility, text, mentions, tags, false, media, reblogOf, reblogAuthor, held);
        }

        public Status withMedia() {
            return new Status(id, author, visibility, text, mentions, tags, local, true, reblogOf, reblogAuthor, held);
        }

        /** The event data statuses publishes for it (see the statuses bundle's StatusEvents). */
        public Event event(String type) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("status_id", id);
            d.put("account_id", author);
            d.put("visibility", visibility);
            d.put("in_reply_to_id", null);
            d.put("in_reply_to_account_id", null);
            d.put("reblog_of_id", reblogOf);
            d.put("reblog_of_account_id", reblogAuthor);
            d.put("mentions", mentions);
            d.put("tags", tags);
            d.put("local", local);
            d.put("held", held);
            d.put("with_media", media);
            d.put("language", "en");
            return new Event(type, d);
        }
    }

    /** Statuses in a map; render admits viewers as the statuses bundle's visibility rule does. */
    public static final class Statuses implements StatusDirectory {
        public final Map<Long, Status> byId = new ConcurrentHashMap<>();
        public final AtomicLong renders = new AtomicLong();
        private final Graph graph;

        public Statuses(Graph graph) { this.graph = graph; }

        public Status add(Status s) { byId.put(s.id(), s); return s; }

        public boolean visible(Long viewer, Status s) {
            if (viewer != null && viewer == s.author()) return true;
            if (s.held()) return false;
            if (viewer != null && graph.blockedEitherWay(viewer, s.author())) return false;
            return switch (s.visibility()) {
                case "public", "unlisted" -> true;
                case "private" -> viewer != null && (graph.follows(viewer, s.author()) || s.mentions().contains(viewer));
                default -> viewer != null && s.mentions().contains(viewer);
            };
        }

        @Override
        public Optional<StatusFacts> facts(long id) {
            Status s = byId.get(id);
            return s == null ? Optional.empty() : Optional.of(new StatusFacts(s.id(), s.author(), s.visibility(), null, null,
                    s.reblogOf(), s.reblogAuthor(), s.mentions(), s.tags(), s.local(), s.held(), false, s.media(), "en", Instant.now()));
        }

        @Override public boolean visibleTo(Long viewer, long id) { Status s = byId.get(id); return s != null && visible(viewer, s); }

        @Override
        public Map<Long, Object> render(Long viewer, Collection<Long> ids, String filterContext) {
            renders.incrementAndGet();
            Map<Long, Object> out = new LinkedHashMap<>();
            for (Long id : ids) {
                Status s = byId.get(id);
                if (s != null && visible(viewer, s)) {
                    out.put(id, Map.of("id", Long.toString(id), "content", "<p>" + s.text() + "</p>", "visibility", s.visibility()));
                }
            }
            return out;
        }

        @Override public boolean conversationMuted(long accountId, long statusId) { return false; }
    }

    /** Tokens in a map. */
    public static final class Tokens implements TokenVerifier {
        public final Map<String, Principal> byToken = new ConcurrentHashMap<>();

        /** A user token of {@code accountId} with {@code scopes}; returns the token. */
        public String issue(long accountId, String... scopes) {
            String token = "tok-" + accountId + "-" + newId();
            byToken.put(token, new Principal(newId(), 1, OptionalLong.of(accountId), OptionalLong.of(accountId), Role.USER,
                    Set.of(scopes)));
            return token;
        }

        @Override public Optional<Principal> verify(String token) { return Optional.ofNullable(byToken.get(token)); }
    }

    public static Principal user(long accountId, String... scopes) {
        return new Principal(newId(), 1, OptionalLong.of(accountId), OptionalLong.of(accountId), Role.USER,
                Set.of(scopes.length == 0 ? new String[] {"read"} : scopes));
    }

    /** Counts increments per {@code name{labels}}; remembers gauges. */
    public static final class RecordingMetrics implements Metrics {
        public final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        public final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

        public long count(String name, String label) {
            AtomicLong n = counts.get(name + "{" + label + "}");
            return n == null ? 0 : n.get();
        }

        @Override
        public Counter counter(String name, String help, String... labelNames) {
            return values -> counts.computeIfAbsent(name + "{" + String.join(",", values) + "}", k -> new AtomicLong()).incrementAndGet();
        }

        @Override public Timer timer(String name, String help, String... labelNames) { return (Duration d, String... v) -> { }; }

        @Override public void gauge(String name, String help, DoubleSupplier value) { gauges.put(name, value); }

        @Override public void writeTo(Appendable out) throws IOException { }
    }
}
