package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer.Actor;

/**
 * A {@code Move} from another server, as Mastodon sends it: Herd follows it only when the target
 * actor, fetched fresh, lists the old account in {@code alsoKnownAs}; otherwise anyone could take
 * another account's followers. Then the local follower asks to follow the target (a Follow to its
 * server) and the old account shows {@code moved}.
 */
class IncomingMoveTest {

    static FakePeer remote;
    static Peer herd;
    static Peer.User alice;

    @BeforeAll
    static void start() {
        remote = FakePeer.start();
        herd = Peer.start("127.0.0.1");
        alice = herd.user("alice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (remote != null) remote.close();
    }

    @Test
    void aMoveIsFollowedOnlyWhenTheTargetListsTheOldAccount() {
        Actor old = remote.actor("old");
        // the target is served by hand, so its alsoKnownAs can change between the two moves
        Actor target = new Actor("new", remote.host(), FakePeer.rsa());
        remote.serve(target.id(), FakePeer.json(FakePeer.document(target)));

        String oldOnHerd = resolve(old.id());
        alice.ok(alice.post("/api/v1/accounts/" + oldOnHerd + "/follow", ""));
        String followId = awaitPost(old.id() + "/inbox", "Follow").get("id").asText();
        herd.deliver(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", old.id() + "#accepts/1", "type", "Accept",
                "actor", old.id(), "object", Map.of("id", followId, "type", "Follow", "actor", alice.peer.publicUrl
                        + "/users/alice", "object", old.id())), old);
        alice.await(relationship(oldOnHerd), r -> r.get(0).get("following").asBoolean());

        // the target does not name the old account: refused, nothing changes
        int fetchesBefore = remote.requestsFor("/users/new").size();
        herd.deliver(move(old, target, 1), old);
        long deadline = System.currentTimeMillis() + 30_000;
        while (remote.requestsFor("/users/new").size() == fetchesBefore && System.currentTimeMillis() < deadline) Http.sleep(100);
        assertThat(remote.requestsFor("/users/new").size()).as("the target was fetched to check it").isGreaterThan(fetchesBefore);
        Http.sleep(1500);
        assertThat(alice.ok(alice.get(relationship(oldOnHerd))).get(0).get("following").asBoolean()).isTrue();
        assertThat(alice.ok(alice.get("/api/v1/accounts/" + oldOnHerd)).has("moved")).isFalse();
        assertThat(posts(target.id() + "/inbox", "Follow")).isEmpty();

        // a Move signed by someone else than the moving account is not applied either
        Actor mallory = remote.actor("mallory");
        Map<String, Object> forged = move(old, target, 2);
        forged = new java.util.LinkedHashMap<>(forged);
        forged.put("actor", mallory.id());
        herd.deliver(forged, mallory);

        // the target names it now: alice asks to follow the target, and the old account shows the move
        Map<String, Object> listed = new java.util.LinkedHashMap<>(FakePeer.document(target));
        listed.put("alsoKnownAs", List.of(old.id()));
        remote.serve(target.id(), FakePeer.json(listed));
        herd.deliver(move(old, target, 3), old);
        JsonNode follow = awaitPost(target.id() + "/inbox", "Follow");
        assertThat(follow.get("object").asText()).isEqualTo(target.id());
        JsonNode moved = alice.await("/api/v1/accounts/" + oldOnHerd, a -> a.has("moved"));
        assertThat(moved.at("/moved/uri").asText()).isEqualTo(target.id());
        String targetOnHerd = moved.at("/moved/id").asText();
        assertThat(alice.ok(alice.get(relationship(targetOnHerd))).get(0).get("requested").asBoolean()).isTrue();
        assertThat(alice.ok(alice.get(relationship(oldOnHerd))).get(0).get("following").asBoolean()).isFalse();
        assertThat(herd.serverErrors()).isEmpty();
    }

    static Map<String, Object> move(Actor from, Actor to, int n) {
        return Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", from.id() + "#moves/" + n, "type", "Move",
                "actor", from.id(), "object", from.id(), "target", to.id());
    }

    static String resolve(String url) {
        JsonNode found = alice.ok(alice.get("/api/v2/search?resolve=true&type=accounts&q=" + Peer.enc(url)));
        return found.get("accounts").get(0).get("id").asText();
    }

    static String relationship(String id) {
        return "/api/v1/accounts/relationships?id[]=" + id;
    }

    /** The activities of {@code type} Herd posted to {@code inbox} on the fake peer. */
    static List<JsonNode> posts(String inbox, String type) {
        return remote.posted(java.net.URI.create(inbox).getRawPath(), type).stream().map(FakePeer.Received::json).toList();
    }

    static JsonNode awaitPost(String inbox, String type) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            List<JsonNode> found = posts(inbox, type);
            if (!found.isEmpty()) return found.get(found.size() - 1);
            Http.sleep(200);
        }
        throw new AssertionError("no " + type + " reached " + inbox);
    }
}
