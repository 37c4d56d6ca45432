package social.herd.timelines.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.timelines.impl.Api.error;
import static social.herd.timelines.impl.Api.link;
import static social.herd.timelines.impl.Api.ok;
import static social.herd.timelines.impl.Publishers.created;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.web.testing.ApiHarness;
import social.herd.api.events.EventTypes;
import social.herd.api.statuses.StatusFacts;

/** Direct-message conversations from status events, and {@code /api/v1/conversations}. */
class ConversationsTest {

    static Fixture f;
    static Api http;

    @BeforeAll
    static void start() {
        f = new Fixture();
        http = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    JsonNode list(long viewer) {
        return ok(http.get("/api/v1/conversations", viewer));
    }

    StatusFacts dm(long author, Long inReplyTo, Long... mentions) {
        StatusFacts s = f.statuses.post(author, "direct", inReplyTo, List.of(mentions));
        f.deliver(created(s));
        return s;
    }

    static List<String> accounts(JsonNode conversation) {
        List<String> out = new ArrayList<>();
        conversation.get("accounts").forEach(a -> out.add(a.get("id").asText()));
        return out;
    }

    /** The conversation.updated events published for {@code account}. */
    long updates(long account) {
        return f.published(EventTypes.CONVERSATION_UPDATED).stream().filter(d -> d.get("account_id").asLong() == account)
                .count();
    }

    @Test
    void aThreadIsOneConversationPerParticipantUnreadForThoseWhoDidNotWriteLast() {
        long alice = f.directory.create("alice");
        long bob = f.directory.create("bob");
        long carol = f.directory.create("carol");
        StatusFacts first = dm(alice, null, bob);
        JsonNode mine = list(alice);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("unread").asBoolean()).isFalse();
        assertThat(accounts(mine.get(0))).containsExactly(Long.toString(bob));
        assertThat(mine.get(0).get("last_status").get("id").asText()).isEqualTo(Long.toString(first.id()));
        JsonNode theirs = list(bob).get(0);
        assertThat(theirs.get("unread").asBoolean()).isTrue();
        assertThat(accounts(theirs)).containsExactly(Long.toString(alice));
        assertThat(updates(alice)).isEqualTo(1);
        assertThat(updates(bob)).isEqualTo(1);

        // delivered again: nothing changes, nothing is published
        f.deliver(created(first));
        assertThat(updates(bob)).isEqualTo(1);

        // bob reads, then replies with carol added: same thread, alice's is unread now, bob's read
        String bobsId = theirs.get("id").asText();
        assertThat(ok(http.post("/api/v1/conversations/" + bobsId + "/read", bob)).get("unread").asBoolean()).isFalse();
        StatusFacts reply = dm(bob, first.id(), alice, carol);
        assertThat(list(alice)).hasSize(1);
        assertThat(list(alice).get(0).get("unread").asBoolean()).isTrue();
        assertThat(list(alice).get(0).get("last_status").get("id").asText()).isEqualTo(Long.toString(reply.id()));
        assertThat(accounts(list(alice).get(0))).containsExactlyInAnyOrder(Long.toString(bob), Long.toString(carol));
        assertThat(list(bob).get(0).get("id").asText()).isEqualTo(bobsId);
        assertThat(list(bob).get(0).get("unread").asBoolean()).isFalse();
        // carol joined late: her conversation holds only what she was in, but names everyone in it
        assertThat(list(carol)).hasSize(1);
        assertThat(accounts(list(carol).get(0))).containsExactlyInAnyOrder(Long.toString(alice), Long.toString(bob));

        // a reply to the reply, in a thread the bundle knows: still the one conversation
        dm(alice, reply.id(), bob);
        assertThat(list(bob)).hasSize(1);
        assertThat(list(bob).get(0).get("unread").asBoolean()).isTrue();
    }

    @Test
    void deletingStatusesMovesTheLastStatusBackAndEmptiesConversations() {
        long alice = f.directory.create("alice");
        long bob = f.directory.create("bob");
        StatusFacts first = dm(alice, null, bob);
        StatusFacts second = dm(bob, first.id(), alice);
        assertThat(list(alice).get(0).get("last_status").get("id").asText()).isEqualTo(Long.toString(second.id()));
        f.statuses.delete(second.id());
        f.deliver(Publishers.status(EventTypes.STATUS_DELETED, second));
        assertThat(list(alice).get(0).get("last_status").get("id").asText()).isEqualTo(Long.toString(first.id()));
        f.statuses.delete(first.id());
        f.deliver(Publishers.status(EventTypes.STATUS_DELETED, first));
        assertThat(list(alice)).isEmpty();
        assertThat(list(bob)).isEmpty();
    }

    @Test
    void removingAConversationUntilTheNextMessage() {
        long alice = f.directory.create("alice");
        long bob = f.directory.create("bob");
        StatusFacts first = dm(alice, null, bob);
        String id = list(bob).get(0).get("id").asText();
        assertThat(error(http.send("DELETE", "/api/v1/conversations/" + id, ApiHarness.token(alice)), 404))
                .isEqualTo("Record not found");
        assertThat(ok(http.send("DELETE", "/api/v1/conversations/" + id, ApiHarness.token(bob)))).isEmpty();
        assertThat(list(bob)).isEmpty();
        assertThat(list(alice)).hasSize(1);
        assertThat(error(http.post("/api/v1/conversations/" + id + "/read", bob), 404)).isEqualTo("Record not found");
        dm(alice, first.id(), bob);
        assertThat(list(bob)).hasSize(1);
        assertThat(list(bob).get(0).get("unread").asBoolean()).isTrue();
    }

    @Test
    void editsAddNewlyMentionedParticipantsAndDropRemovedOnes() {
        long alice = f.directory.create("alice");
        long bob = f.directory.create("bob");
        long dave = f.directory.create("dave");
        StatusFacts s = dm(alice, null, bob);
        String bobsId = list(bob).get(0).get("id").asText();
        ok(http.post("/api/v1/conversations/" + bobsId + "/read", bob));
        StatusFacts edited = f.statuses.mention(s, List.of(dave));
        f.deliver(Publishers.status(EventTypes.STATUS_UPDATED, edited));
        assertThat(list(dave)).hasSize(1);
        assertThat(list(dave).get(0).get("unread").asBoolean()).isTrue();
        assertThat(list(bob)).isEmpty();
        assertThat(accounts(list(alice).get(0))).containsExactly(Long.toString(dave));
        assertThat(list(alice).get(0).get("unread").asBoolean()).isFalse();
    }

    @Test
    void onlyLocalParticipantsWhoMaySeeItAndDoNotHideTheAuthor() {
        long alice = f.directory.create("alice");
        long blocker = f.directory.create("blocker");
        long remote = f.directory.remote("far");
        f.graph.block(blocker, alice);
        dm(alice, null, blocker, remote);
        assertThat(list(blocker)).isEmpty();
        assertThat(f.count("SELECT count(*) FROM conversations WHERE account_id = " + remote)).isZero();
        // the author's own conversation names everyone addressed, remote ones too
        assertThat(accounts(list(alice).get(0))).containsExactlyInAnyOrder(Long.toString(blocker), Long.toString(remote));
        // public posts and reblogs are no conversations
        f.deliver(created(f.statuses.post(alice, blocker)));
        assertThat(list(alice)).hasSize(1);
        // a note to oneself lists oneself, as Mastodon does
        long solo = f.directory.create("solo");
        dm(solo, null);
        assertThat(accounts(list(solo).get(0))).containsExactly(Long.toString(solo));
    }

    @Test
    void aReplyToAnUnrecordedStatusFindsTheThreadRoot() {
        long alice = f.directory.create("alice");
        long bob = f.directory.create("bob");
        StatusFacts root = f.statuses.post(alice);
        StatusFacts publicReply = f.statuses.post(bob, "public", root.id(), List.of(alice));
        StatusFacts first = dm(alice, publicReply.id(), bob);
        StatusFacts second = dm(bob, root.id(), alice);
        assertThat(list(bob)).hasSize(1);
        assertThat(f.count("SELECT thread_id FROM conversation_statuses WHERE status_id = " + first.id())).isEqualTo(root.id());
        assertThat(f.count("SELECT thread_id FROM conversation_statuses WHERE status_id = " + second.id())).isEqualTo(root.id());
    }

    @Test
    void pagesByLastStatusWithLinkHeaders() {
        long me = f.directory.create("busy");
        List<Long> lasts = new ArrayList<>();
        for (int i = 0; i < 5; i++) lasts.add(0, dm(f.directory.create("friend"), null, me).id());
        ApiHarness.Response first = http.get("/api/v1/conversations?limit=2", me);
        assertThat(ok(first)).hasSize(2);
        assertThat(ok(first).get(0).get("last_status").get("id").asLong()).isEqualTo(lasts.get(0));
        assertThat(link(first, "next")).isEqualTo("/api/v1/conversations?limit=2&max_id=" + lasts.get(1));
        assertThat(link(first, "prev")).isEqualTo("/api/v1/conversations?limit=2&min_id=" + lasts.get(0));
        JsonNode second = ok(http.get(link(first, "next"), me));
        assertThat(second.get(0).get("last_status").get("id").asLong()).isEqualTo(lasts.get(2));
        assertThat(ok(http.get("/api/v1/conversations?limit=100", me))).hasSize(5);
        assertThat(error(http.send("GET", "/api/v1/conversations", Api.scoped(me, "read:notifications")),
                403)).isEqualTo("This action is outside the authorized scopes");
        assertThat(error(http.send("DELETE", "/api/v1/conversations/1", Api.scoped(me, "read:statuses")),
                403)).isEqualTo("This action is outside the authorized scopes");
    }
}
