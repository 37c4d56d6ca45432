package social.herd.timelines.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static social.herd.timelines.impl.Publishers.created;
import static social.herd.timelines.impl.Publishers.pair;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.api.accounts.UserSummary.State;
import social.herd.api.auth.Role;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.jobs.PermanentJobFailure;
import social.herd.api.statuses.StatusFacts;

/** Every notification type from the event that causes it, delivered once or twice, and who is never told. */
class NotificationEventsTest {

    static Fixture f;

    @BeforeAll
    static void start() {
        f = new Fixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** The recipient's undismissed notifications as "type from status", oldest first. */
    List<String> inbox(long recipient) {
        List<String> out = new ArrayList<>();
        f.db.read(tx -> {
            try (var s = tx.connection().prepareStatement("SELECT type, from_account_id, status_id FROM notifications"
                    + " WHERE account_id = ? AND dismissed_at IS NULL ORDER BY id")) {
                s.setLong(1, recipient);
                var rs = s.executeQuery();
                while (rs.next()) out.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getObject(3));
            }
            return null;
        });
        return out;
    }

    void twice(Event e) {
        f.deliver(e);
        f.deliver(e);
    }

    @Test
    void mentionsReachEachMentionedLocalAccountOnceButNotTheAuthorOrRemoteOnes() {
        long author = f.directory.create("author");
        long bob = f.directory.create("bob");
        long carol = f.directory.create("carol");
        long remote = f.directory.remote("far");
        StatusFacts s = f.statuses.post(author, bob, carol, remote, author);
        twice(created(s));
        assertThat(inbox(bob)).containsExactly("mention " + author + " " + s.id());
        assertThat(inbox(carol)).containsExactly("mention " + author + " " + s.id());
        assertThat(inbox(author)).isEmpty();
        assertThat(inbox(remote)).isEmpty();
        // one notification.created per notification, naming recipient and type
        List<JsonNode> events = f.published(EventTypes.NOTIFICATION_CREATED).stream()
                .filter(d -> d.get("account_id").asLong() == bob).toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("type").asText()).isEqualTo("mention");
        long id = f.count("SELECT id FROM notifications WHERE account_id = " + bob);
        assertThat(events.get(0).get("notification_id").asLong()).isEqualTo(id);
    }

    @Test
    void followersWhoAskedHearOfPostsAndSelfRepliesButNotOfDirectOnesOrRepliesToOthers() {
        long author = f.directory.create("poster");
        long keen = f.directory.create("keen");
        long casual = f.directory.create("casual");
        long named = f.directory.create("named");
        long other = f.directory.create("other");
        f.graph.followNotifying(keen, author);
        f.graph.followNotifying(named, author);
        f.graph.follow(casual, author);
        StatusFacts post = f.statuses.post(author, "private", null, List.of(named));
        twice(created(post));
        assertThat(inbox(keen)).containsExactly("status " + author + " " + post.id());
        assertThat(inbox(named)).containsExactly("mention " + author + " " + post.id());
        assertThat(inbox(casual)).isEmpty();
        StatusFacts thread = f.statuses.post(author, "public", post.id(), List.of());
        f.deliver(created(thread));
        f.deliver(created(f.statuses.post(author, "public", f.statuses.post(other).id(), List.of(other))));
        f.deliver(created(f.statuses.post(author, "direct", null, List.of(other))));
        f.deliver(created(f.statuses.reblog(author, f.statuses.post(other))));
        assertThat(inbox(keen)).containsExactly("status " + author + " " + post.id(), "status " + author + " " + thread.id());
        // a muted author is not announced
        f.graph.mute(keen, author);
        f.deliver(created(f.statuses.post(author)));
        assertThat(inbox(keen)).hasSize(2);
    }

    @Test
    void reblogsNotifyTheOriginalsAuthorWithTheOriginalAndNoMentions() {
        long author = f.directory.create("orig");
        long booster = f.directory.create("booster");
        StatusFacts original = f.statuses.post(author);
        StatusFacts reblog = f.statuses.reblog(booster, original);
        twice(created(reblog));
        assertThat(inbox(author)).containsExactly("reblog " + booster + " " + original.id());
        // reblogging oneself: nothing
        twice(created(f.statuses.reblog(author, original)));
        assertThat(inbox(author)).hasSize(1);
    }

    @Test
    void favouritesFollowsAndFollowRequests() {
        long author = f.directory.create("liked");
        long fan = f.directory.create("fan");
        long locked = f.directory.create("locked");
        StatusFacts s = f.statuses.post(author);
        twice(Publishers.favourited(fan, s));
        twice(Publishers.favourited(author, s)); // own favourite
        assertThat(inbox(author)).containsExactly("favourite " + fan + " " + s.id());

        twice(pair(EventTypes.ACCOUNT_FOLLOWED, fan, author));
        assertThat(inbox(author)).containsExactly("favourite " + fan + " " + s.id(), "follow " + fan + " null");

        // a request, then its acceptance: no "follow", and the request is no longer listed
        twice(pair(EventTypes.FOLLOW_REQUESTED, fan, locked));
        assertThat(inbox(locked)).containsExactly("follow_request " + fan + " null");
        twice(pair(EventTypes.ACCOUNT_FOLLOWED, fan, locked));
        assertThat(inbox(locked)).isEmpty();

        // unfollowing removes the follow notification, as in Mastodon; a new follow notifies again
        f.deliver(pair(EventTypes.ACCOUNT_UNFOLLOWED, fan, author));
        assertThat(inbox(author)).containsExactly("favourite " + fan + " " + s.id());
        f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, fan, author));
        assertThat(inbox(author)).endsWith("follow " + fan + " null");
    }

    @Test
    void aRejectedRequestDisappears() {
        long asker = f.directory.create("asker");
        long locked = f.directory.create("private");
        f.deliver(pair(EventTypes.FOLLOW_REQUESTED, asker, locked));
        f.deliver(pair(EventTypes.ACCOUNT_UNFOLLOWED, asker, locked));
        assertThat(inbox(locked)).isEmpty();
    }

    @Test
    void aClosedPollNotifiesVotersAndTheAuthor() {
        long author = f.directory.create("pollster");
        long v1 = f.directory.create("voter");
        long v2 = f.directory.create("voter");
        StatusFacts poll = f.statuses.post(author);
        twice(Publishers.pollExpired(poll, List.of(v1, v2)));
        assertThat(inbox(v1)).containsExactly("poll " + author + " " + poll.id());
        assertThat(inbox(v2)).containsExactly("poll " + author + " " + poll.id());
        assertThat(inbox(author)).containsExactly("poll " + author + " " + poll.id());
    }

    @Test
    void editsNotifyThoseWhoReblogged() {
        long author = f.directory.create("editor");
        long booster = f.directory.create("booster");
        long mentioned = f.directory.create("bystander");
        StatusFacts s = f.statuses.post(author, mentioned);
        f.deliver(created(s));
        f.deliver(created(f.statuses.reblog(booster, s)));
        f.deliver(created(f.statuses.reblog(author, s)));
        twice(Publishers.status(EventTypes.STATUS_UPDATED, s));
        assertThat(inbox(booster)).containsExactly("update " + author + " " + s.id());
        assertThat(inbox(mentioned)).containsExactly("mention " + author + " " + s.id());
        assertThat(inbox(author)).containsExactly("reblog " + booster + " " + s.id());
    }

    @Test
    void adminNotificationsGoToActiveStaffOnly() {
        long admin = f.directory.create("admin");
        long moderator = f.directory.create("mod");
        long newcomer = f.directory.create("newcomer");
        long target = f.directory.create("target");
        f.users.put(admin, admin, Role.ADMIN, State.ACTIVE);
        f.users.put(moderator, moderator, Role.MODERATOR, State.ACTIVE);
        twice(Publishers.signedUp(newcomer, newcomer));
        assertThat(inbox(admin)).containsExactly("admin.sign_up " + newcomer + " null");
        assertThat(inbox(moderator)).containsExactly("admin.sign_up " + newcomer + " null");

        // the moderator was demoted: checked against Users, no longer told
        f.users.put(moderator, moderator, Role.USER, State.ACTIVE);
        twice(Publishers.reported(77, newcomer, target));
        assertThat(inbox(admin)).endsWith("admin.report " + newcomer + " null");
        assertThat(f.count("SELECT report_id FROM notifications WHERE type = 'admin.report' AND account_id = " + admin))
                .isEqualTo(77);
        assertThat(inbox(moderator)).hasSize(1);
        // a staff member's own report tells the others only
        twice(Publishers.reported(78, admin, target));
        assertThat(inbox(admin)).hasSize(2);
    }

    @Test
    void blockedMutedInvisibleSuspendedAndMutedConversationsStaySilent() {
        long author = f.directory.create("noisy");
        long blocker = f.directory.create("blocker");
        long blocked = f.directory.create("blockedby");
        long muter = f.directory.create("muter");
        long outsider = f.directory.create("outsider");
        long threadMuter = f.directory.create("threadmuter");
        long dormant = f.directory.create("dormant");
        f.graph.block(blocker, author);
        f.graph.block(author, blocked);
        f.graph.mute(muter, author);
        f.directory.suspend(dormant);
        StatusFacts s = f.statuses.post(author, "private", null, List.of(blocker, blocked, muter, threadMuter, dormant));
        f.statuses.muted.add(List.of(threadMuter, s.id()));
        f.deliver(created(s));
        for (long quiet : List.of(blocker, blocked, muter, threadMuter, dormant)) assertThat(inbox(quiet)).isEmpty();
        // a poll in a private post the outsider voted in but may not see (any more): nothing
        f.deliver(Publishers.pollExpired(s, List.of(outsider)));
        assertThat(inbox(outsider)).isEmpty();
        // follows from a blocked account
        f.deliver(pair(EventTypes.ACCOUNT_FOLLOWED, author, blocker));
        assertThat(inbox(blocker)).isEmpty();
        // a held post notifies nobody until approved
        StatusFacts held = f.statuses.put(new StatusFacts(f.ids.nextId(), author, "public", null, null, null, null,
                List.of(outsider), List.of(), true, true, false, false, null, java.time.Instant.now()));
        f.deliver(created(held));
        assertThat(inbox(outsider)).isEmpty();
        f.statuses.put(new StatusFacts(held.id(), author, "public", null, null, null, null, List.of(outsider), List.of(),
                true, false, false, false, null, held.createdAt()));
        f.deliver(Publishers.status(EventTypes.STATUS_APPROVED, f.statuses.facts(held.id()).orElseThrow()));
        assertThat(inbox(outsider)).containsExactly("mention " + author + " " + held.id());
    }

    @Test
    void deletingAStatusOrAReblogRemovesItsNotifications() {
        long author = f.directory.create("deleter");
        long fan = f.directory.create("fan");
        long booster = f.directory.create("booster");
        StatusFacts mine = f.statuses.post(author);
        StatusFacts mention = f.statuses.post(author, fan);
        StatusFacts reblog = f.statuses.reblog(booster, mine);
        f.deliver(created(mention));
        f.deliver(created(reblog));
        f.deliver(Publishers.favourited(fan, mine));
        assertThat(inbox(author)).hasSize(2);
        f.deliver(Publishers.status(EventTypes.STATUS_DELETED, reblog));
        assertThat(inbox(author)).containsExactly("favourite " + fan + " " + mine.id());
        f.deliver(Publishers.status(EventTypes.STATUS_DELETED, mine));
        assertThat(inbox(author)).isEmpty();
        f.deliver(Publishers.status(EventTypes.STATUS_DELETED, mention));
        assertThat(inbox(fan)).isEmpty();
        assertThat(f.count("SELECT count(*) FROM notification_reblogs WHERE status_id = " + mine.id())).isZero();
    }

    @Test
    void aMalformedEventFailsForGoodInsteadOfRetrying() {
        assertThatThrownBy(() -> f.subscriber.on(Fixture.delivered(
                        EventTypes.STATUS_FAVOURITED, Map.of("account_id", 1))))
                .isInstanceOf(PermanentJobFailure.class).hasMessageContaining("status_id");
    }
}
