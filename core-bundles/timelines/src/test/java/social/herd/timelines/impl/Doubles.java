package social.herd.timelines.impl;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.accounts.UserSummary;
import social.herd.api.accounts.Users;
import social.herd.api.auth.Role;
import social.herd.api.id.IdGenerator;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;

/** Map-backed stand-ins for the services of the accounts and statuses bundles. */
final class Doubles {

    private Doubles() {}

    /** Accounts in a map; render answers a small Account-like map. */
    static final class Directory implements AccountDirectory {
        private static final AtomicLong NEXT = new AtomicLong(1000);
        final Map<Long, AccountSummary> accounts = new ConcurrentHashMap<>();

        long create(String prefix) {
            long id = NEXT.incrementAndGet();
            accounts.put(id, new AccountSummary(id, prefix + id, null, false, false));
            return id;
        }

        long remote(String prefix) {
            long id = NEXT.incrementAndGet();
            accounts.put(id, new AccountSummary(id, prefix + id, "remote.example", false, false));
            return id;
        }

        void suspend(long id) {
            AccountSummary a = accounts.get(id);
            accounts.put(id, new AccountSummary(id, a.username(), a.domain(), a.locked(), true));
        }

        @Override public Optional<AccountSummary> byId(long accountId) { return Optional.ofNullable(accounts.get(accountId)); }

        @Override
        public Optional<AccountSummary> localByUsername(String username) {
            return accounts.values().stream().filter(a -> a.local() && a.username().equalsIgnoreCase(username)).findFirst();
        }

        @Override
        public Map<Long, Object> render(Collection<Long> ids) {
            Map<Long, Object> out = new LinkedHashMap<>();
            for (Long id : ids) {
                AccountSummary a = accounts.get(id);
                if (a != null && !a.suspended()) out.put(id, Map.of("id", Long.toString(id), "username", a.username()));
            }
            return out;
        }

        @Override
        public java.util.List<String> alsoKnownAs(long accountId) {
            return java.util.List.of();
        }
    }

    /** Follows, blocks and mutes as sets of pairs. */
    static final class Graph implements SocialGraph {
        final Set<List<Long>> follows = ConcurrentHashMap.newKeySet();
        final Set<List<Long>> blocks = ConcurrentHashMap.newKeySet();
        final Set<List<Long>> mutes = ConcurrentHashMap.newKeySet();
        final Set<List<Long>> notifying = ConcurrentHashMap.newKeySet();

        void follow(long a, long b) { follows.add(List.of(a, b)); }
        /** A follow with Mastodon's notify=true. */
        void followNotifying(long a, long b) { follow(a, b); notifying.add(List.of(a, b)); }
        void block(long a, long b) { blocks.add(List.of(a, b)); }
        void mute(long a, long b) { mutes.add(List.of(a, b)); }

        @Override public boolean follows(long follower, long target) { return follows.contains(List.of(follower, target)); }
        @Override public List<Long> following(long a) { return follows.stream().filter(p -> p.get(0) == a).map(p -> p.get(1)).toList(); }
        @Override public List<Long> localFollowers(long a) { return follows.stream().filter(p -> p.get(1) == a).map(p -> p.get(0)).toList(); }
        @Override public List<Long> notifiedFollowers(long a) { return notifying.stream().filter(p -> p.get(1) == a).map(p -> p.get(0)).toList(); }
        @Override public boolean blockedEitherWay(long a, long b) { return blocks.contains(List.of(a, b)) || blocks.contains(List.of(b, a)); }

        @Override
        public Set<Long> hiddenFrom(long viewerId) {
            Set<Long> out = new HashSet<>();
            blocks.forEach(p -> { if (p.get(0) == viewerId) out.add(p.get(1)); if (p.get(1) == viewerId) out.add(p.get(0)); });
            mutes.forEach(p -> { if (p.get(0) == viewerId) out.add(p.get(1)); });
            return out;
        }
    }

    /**
     * Statuses as facts in a map, with Mastodon's visibility rule in small: direct and private
     * statuses for the author and the mentioned (private also for followers), held ones for the
     * author only, deleted ones for nobody. Tests may hide a status from a viewer, hide it by a
     * notifications filter, or mute its conversation.
     */
    static final class Statuses implements StatusDirectory {
        final Map<Long, StatusFacts> facts = new ConcurrentHashMap<>();
        final Set<List<Long>> hidden = ConcurrentHashMap.newKeySet();
        final Set<List<Long>> filtered = ConcurrentHashMap.newKeySet();
        final Set<List<Long>> muted = ConcurrentHashMap.newKeySet();
        private final IdGenerator ids;
        private final Graph graph;

        Statuses(IdGenerator ids, Graph graph) {
            this.ids = ids;
            this.graph = graph;
        }

        StatusFacts post(long author, String visibility, Long inReplyTo, List<Long> mentions) {
            Long parentAuthor = inReplyTo == null ? null : facts.get(inReplyTo).accountId();
            return put(new StatusFacts(ids.nextId(), author, visibility, inReplyTo, parentAuthor, null, null,
                    List.copyOf(mentions), List.of(), true, false, false, false, "en", Instant.now()));
        }

        StatusFacts post(long author, Long... mentions) {
            return post(author, "public", null, List.of(mentions));
        }

        StatusFacts reblog(long account, StatusFacts original) {
            return put(new StatusFacts(ids.nextId(), account, "public", null, null, original.id(), original.accountId(),
                    List.of(), List.of(), true, false, false, false, null, Instant.now()));
        }

        StatusFacts put(StatusFacts f) {
            facts.put(f.id(), f);
            return f;
        }

        /** Edits the mentions of a status, as an edit may. */
        StatusFacts mention(StatusFacts f, List<Long> mentions) {
            return put(new StatusFacts(f.id(), f.accountId(), f.visibility(), f.inReplyToId(), f.inReplyToAccountId(),
                    f.reblogOfId(), f.reblogOfAccountId(), List.copyOf(mentions), f.tags(), f.local(), f.held(),
                    f.deleted(), f.withMedia(), f.language(), f.createdAt()));
        }

        void delete(long id) {
            StatusFacts f = facts.get(id);
            put(new StatusFacts(f.id(), f.accountId(), f.visibility(), f.inReplyToId(), f.inReplyToAccountId(),
                    f.reblogOfId(), f.reblogOfAccountId(), f.mentions(), f.tags(), f.local(), f.held(), true,
                    f.withMedia(), f.language(), f.createdAt()));
        }

        @Override public Optional<StatusFacts> facts(long statusId) { return Optional.ofNullable(facts.get(statusId)); }

        @Override
        public boolean visibleTo(Long viewerId, long statusId) {
            StatusFacts f = facts.get(statusId);
            if (f == null || f.deleted()) return false;
            if (viewerId != null && hidden.contains(List.of(viewerId, statusId))) return false;
            boolean author = viewerId != null && viewerId == f.accountId();
            if (f.held()) return author;
            return switch (f.visibility()) {
                case "direct" -> author || f.mentions().contains(viewerId);
                case "private" -> author || f.mentions().contains(viewerId)
                        || (viewerId != null && graph.follows(viewerId, f.accountId()));
                default -> true;
            };
        }

        @Override
        public Map<Long, Object> render(Long viewerId, Collection<Long> statusIds, String filterContext) {
            Map<Long, Object> out = new LinkedHashMap<>();
            for (long id : statusIds) {
                if (!visibleTo(viewerId, id)) continue;
                if (NOTIFICATIONS.equals(filterContext) && viewerId != null && filtered.contains(List.of(viewerId, id))) continue;
                out.put(id, Map.of("id", Long.toString(id), "visibility", facts.get(id).visibility()));
            }
            return out;
        }

        @Override
        public boolean conversationMuted(long accountId, long statusId) {
            return muted.contains(List.of(accountId, statusId));
        }
    }

    /** Users by id with a settable role and state. */
    static final class UserList implements Users {
        final Map<Long, UserSummary> users = new ConcurrentHashMap<>();

        void put(long userId, long accountId, Role role, UserSummary.State state) {
            users.put(userId, new UserSummary(userId, accountId, "u" + userId, "u" + userId + "@example.com", role, state));
        }

        @Override
        public LoginResult login(String login, String password, String clientAddress) {
            return new LoginResult.Refused(Reason.INVALID_CREDENTIALS);
        }

        @Override public Optional<UserSummary> byId(long userId) { return Optional.ofNullable(users.get(userId)); }

        @Override
        public java.util.List<UserSummary> staff() {
            return users.values().stream().filter(u -> u.role().isStaff() && u.active()).toList();
        }
    }
}
