package social.herd.statuses.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.statuses.impl.Api.ok;
import static social.herd.statuses.impl.FederatedPostsTest.note;
import static social.herd.statuses.impl.FederatedPostsTest.uri;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What federation reads: statuses by ActivityPub id (local ones by the id this server publishes),
 * the ids of statuses, and the outbox, featured and replies collections and NodeInfo's count.
 */
class FederatedCollectionsTest {

    static Fixture f;
    static Api api;

    @BeforeAll
    static void start() {
        f = new Fixture();
        api = new Api(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static long post(long account, String text, String extra) {
        return api.post(account, text, extra).get("id").asLong();
    }

    @Test
    void statusesAreFoundByTheirActivityPubIds() {
        long local = f.directory.create("findme");
        long remote = f.directory.createRemote("findable", "remote.example");
        String name = f.directory.username(local);
        long id = post(local, "here", "");
        long boost = ok(api.action(local, Long.toString(post(local, "boosted", "")), "reblog")).get("id").asLong();
        String base = "https://social.example";
        assertThat(f.federated.idByUri(base + "/users/" + name + "/statuses/" + id)).contains(id);
        assertThat(f.federated.idByUri(base + "/@" + name + "/" + id)).contains(id);
        assertThat(f.federated.idByUri(base + "/users/" + name + "/statuses/" + boost + "/activity")).contains(boost);
        // the uri as the API shows it is the one federation reads back
        assertThat(f.federated.idByUri(ok(api.get("/api/v1/statuses/" + id, null)).get("uri").asText())).contains(id);
        assertThat(f.federated.idByUri(base + "/users/someoneelse/statuses/" + id)).isEmpty();
        assertThat(f.federated.idByUri(base + "/users/" + name + "/statuses/" + boost)).isEmpty();
        assertThat(f.federated.idByUri(base + "/users/" + name + "/statuses/" + id + "/activity")).isEmpty();
        assertThat(f.federated.idByUri("https://other.example/users/" + name + "/statuses/" + id)).isEmpty();
        assertThat(f.federated.idByUri(base + "/users/" + name + "/statuses/99999999999999999999")).isEmpty();

        String uri = uri();
        long remoteId = f.federated.create(note(uri, remote, "<p>x</p>", "public", null, List.of()));
        assertThat(f.federated.idByUri(uri)).contains(remoteId);
        assertThat(f.federated.idByUri(uri + "x")).isEmpty();
        assertThat(f.federated.uris(List.of(id, boost, remoteId))).isEqualTo(Map.of(
                id, base + "/users/" + name + "/statuses/" + id,
                boost, base + "/users/" + name + "/statuses/" + boost + "/activity",
                remoteId, uri));

        ok(api.http.send("DELETE", "/api/v1/statuses/" + id, Http.token(local), null, null));
        assertThat(f.federated.idByUri(base + "/users/" + name + "/statuses/" + id)).isEqualTo(Optional.empty());
    }

    @Test
    void theOutboxListsPublicPostsAndFollowersOnlyOnesOnlyWhenAsked() {
        long a = f.directory.create("outboxer");
        long other = f.directory.create("outboxother");
        long pub = post(a, "public", "");
        long unl = post(a, "unlisted", "&visibility=unlisted");
        long priv = post(a, "private", "&visibility=private");
        long dm = post(a, "direct @" + f.directory.username(other), "&visibility=direct");
        long reply = post(a, "reply", "&in_reply_to_id=" + pub);
        long gone = post(a, "deleted", "");
        ok(api.http.send("DELETE", "/api/v1/statuses/" + gone, Http.token(a), null, null));
        long boosted = ok(api.action(a, Long.toString(post(other, "theirs", "")), "reblog")).get("id").asLong();

        assertThat(f.federated.outbox(a, null, 20, false)).containsExactly(reply, unl, pub);
        assertThat(f.federated.outbox(a, null, 20, true)).containsExactly(reply, priv, unl, pub);
        assertThat(f.federated.outbox(a, null, 20, true)).doesNotContain(dm, boosted, gone);
        assertThat(f.federated.outbox(a, reply, 2, true)).containsExactly(priv, unl);
        assertThat(f.federated.outbox(a, null, 0, true)).isEmpty();
        assertThat(f.federated.outboxSize(a)).isEqualTo(3);
    }

    @Test
    void pinnedSelfRepliesAndTheLocalPostCount() {
        long before = f.federated.localPostCount();
        long a = f.directory.create("collector");
        long b = f.directory.create("collectorfriend");
        long remote = f.directory.createRemote("counted", "remote.example");
        long first = post(a, "first", "");
        long second = post(a, "second", "");
        ok(api.action(a, Long.toString(second), "pin"));
        ok(api.action(a, Long.toString(first), "pin"));
        assertThat(f.federated.pinned(a)).containsExactly(first, second);
        ok(api.action(a, Long.toString(first), "unpin"));
        assertThat(f.federated.pinned(a)).containsExactly(second);

        long self1 = post(a, "thread 1", "&in_reply_to_id=" + first);
        long self2 = post(a, "thread 2", "&visibility=unlisted&in_reply_to_id=" + first);
        post(a, "thread private", "&visibility=private&in_reply_to_id=" + first);
        post(b, "someone else", "&in_reply_to_id=" + first);
        post(a, "deeper", "&in_reply_to_id=" + self1);
        assertThat(f.federated.selfReplies(first, 10)).containsExactly(self1, self2);
        assertThat(f.federated.selfReplies(first, 1)).containsExactly(self1);

        f.federated.create(note(uri(), remote, "<p>not ours</p>", "public", null, List.of()));
        ok(api.action(b, Long.toString(first), "reblog"));
        long deleted = post(b, "gone", "");
        ok(api.http.send("DELETE", "/api/v1/statuses/" + deleted, Http.token(b), null, null));
        // first, second, three replies of a, one of b, deeper: 7 posts; the boost, the remote and the deleted one do not count
        assertThat(f.federated.localPostCount()).isEqualTo(before + 7);
    }
}
