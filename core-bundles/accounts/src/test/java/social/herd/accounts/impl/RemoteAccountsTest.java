package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.accounts.impl.Remote.actor;
import static social.herd.accounts.impl.Remote.events;
import static social.herd.accounts.impl.Remote.with;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.auth.Role;
import social.herd.api.events.EventTypes;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.federation.RemoteAccounts.RemoteActor;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/**
 * Remote actors stored as accounts (RemoteAccounts): upsert and refresh, look-ups, how the client
 * API shows them, deletion and moves, on a real PostgreSQL.
 */
class RemoteAccountsTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;
    static final AtomicInteger NAMES = new AtomicInteger();

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        http = Api.harness(f);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static String domain() {
        return "remote" + NAMES.incrementAndGet() + ".example";
    }

    /** A confirmed local user; the token is {@code user:<userId>:<accountId>}. */
    static String local(String prefix) {
        String username = prefix + NAMES.incrementAndGet();
        f.admin.create(username, username + "@example.org", Role.USER, true);
        long userId = f.count("SELECT id FROM users WHERE email = '" + username + "@example.org'");
        return "user:" + userId + ":" + f.count("SELECT account_id FROM users WHERE id = " + userId);
    }

    static long id(String token) {
        return Long.parseLong(token.split(":")[2]);
    }

    static JsonNode ok(ApiHarness.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        try {
            return Json.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    static JsonNode account(long id) {
        return ok(http.get("/api/v1/accounts/" + id, null));
    }

    static JsonNode relationship(String token, long other) {
        return ok(http.get("/api/v1/accounts/relationships?id[]=" + other, token)).get(0);
    }

    /** {@code token} follows remote {@code target}: asked, then accepted by the remote server. */
    static void followAccepted(String token, long target) {
        ok(http.form("POST", "/api/v1/accounts/" + target + "/follow", token, ""));
        assertThat(f.federatedGraph.followAccepted(id(token), target)).isTrue();
    }

    @Test
    void upsertCreatesTheAccountAndTheApiShowsItAsMastodonDoes() {
        String d = domain();
        RemoteActor bob = actor("Bob", d);
        long id = f.remoteAccounts.upsert(bob);
        JsonNode a = account(id);
        assertThat(a.get("id").asText()).isEqualTo(Long.toString(id));
        assertThat(a.get("username").asText()).isEqualTo("Bob");
        assertThat(a.get("acct").asText()).isEqualTo("Bob@" + d);
        assertThat(a.get("display_name").asText()).isEqualTo("Bob at " + d);
        assertThat(a.get("uri").asText()).isEqualTo("https://" + d + "/users/Bob");
        assertThat(a.get("url").asText()).isEqualTo("https://" + d + "/@Bob");
        assertThat(a.get("avatar").asText()).isEqualTo("https://files." + d + "/avatars/Bob.png");
        assertThat(a.get("avatar_static").asText()).isEqualTo("https://files." + d + "/avatars/Bob.png");
        assertThat(a.get("header").asText()).isEqualTo("https://social.example/headers/original/missing.png");
        assertThat(a.get("note").asText()).isEqualTo(bob.noteHtml());
        assertThat(a.at("/fields/0/name").asText()).isEqualTo("Site");
        assertThat(a.at("/fields/0/value").asText()).isEqualTo(bob.fields().get(0).valueHtml());
        assertThat(a.get("bot").asBoolean()).isFalse();
        assertThat(a.get("group").asBoolean()).isFalse();
        assertThat(a.get("created_at").asText()).isEqualTo("2020-01-02T00:00:00.000Z");
        assertThat(a.has("moved")).isFalse();
        // look-up by acct finds the stored account, whatever the case
        assertThat(ok(http.get("/api/v1/accounts/lookup?acct=bob@" + d.toUpperCase(), null)).get("id").asText())
                .isEqualTo(Long.toString(id));
        assertThat(http.get("/api/v1/accounts/lookup?acct=bob@elsewhere.example", null).status()).isEqualTo(404);
        // other bundles see it as remote
        assertThat(new Directory(f.db, f.settings).byId(id).orElseThrow().domain()).isEqualTo(d);
        assertThat(new Directory(f.db, f.settings).render(List.of(id))).containsKey(id);
    }

    @Test
    void refreshingKeepsTheIdAndPublishesAnUpdateOnlyWhenSomethingChanged() {
        String d = domain();
        RemoteActor carol = actor("carol", d);
        long id = f.remoteAccounts.upsert(carol);
        RemoteAccount first = f.remoteAccounts.byId(id).orElseThrow();
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, id)).isZero();

        assertThat(f.remoteAccounts.upsert(carol)).isEqualTo(id);
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, id)).isZero();
        assertThat(f.remoteAccounts.byId(id).orElseThrow().fetchedAt()).isAfterOrEqualTo(first.fetchedAt());

        RemoteActor renamed = with(carol, m -> m.displayName("Carol ✨").type("Service").avatarUrl(null).url(null));
        assertThat(f.remoteAccounts.upsert(renamed)).isEqualTo(id);
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, id)).isEqualTo(1);
        JsonNode a = account(id);
        assertThat(a.get("display_name").asText()).isEqualTo("Carol ✨");
        assertThat(a.get("bot").asBoolean()).isTrue();
        assertThat(a.get("avatar").asText()).isEqualTo("https://social.example/avatars/original/missing.png");
        assertThat(a.get("url").asText()).as("no url published: the actor uri").isEqualTo(carol.uri());
        assertThat(f.count("SELECT count(*) FROM accounts WHERE domain = '" + d + "'")).isEqualTo(1);
    }

    @Test
    void concurrentUpsertsOfOneActorMakeOneAccount() throws Exception {
        String d = domain();
        RemoteActor dave = actor("dave", d);
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(pool.submit(() -> {
                go.await();
                return f.remoteAccounts.upsert(dave);
            }));
        }
        go.countDown();
        Set<Long> distinct = new HashSet<>();
        for (Future<Long> id : ids) distinct.add(id.get());
        pool.shutdown();
        assertThat(distinct).hasSize(1);
        assertThat(f.count("SELECT count(*) FROM accounts WHERE domain = '" + d + "'")).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM remote_actors WHERE account_id = " + distinct.iterator().next()))
                .isEqualTo(1);
    }

    @Test
    void lookUpsByIdUriKeyAndHandle() {
        String d = domain();
        RemoteActor erin = actor("erin", d);
        long id = f.remoteAccounts.upsert(erin);
        RemoteAccount byUri = f.remoteAccounts.byUri(erin.uri()).orElseThrow();
        assertThat(byUri.accountId()).isEqualTo(id);
        assertThat(byUri.suspended()).isFalse();
        assertThat(byUri.deliveryInbox()).isEqualTo("https://" + d + "/inbox");
        RemoteActor stored = byUri.actor();
        assertThat(stored.inbox()).isEqualTo(erin.inbox());
        assertThat(stored.followers()).isEqualTo(erin.followers());
        assertThat(stored.featured()).isEqualTo(erin.featured());
        assertThat(stored.publicKeyPem()).isEqualTo(erin.publicKeyPem());
        assertThat(stored.fields()).isEqualTo(erin.fields());
        assertThat(stored.published()).isEqualTo(Remote.PUBLISHED);
        assertThat(f.remoteAccounts.byKeyId(erin.keyId()).orElseThrow().accountId()).isEqualTo(id);
        assertThat(f.remoteAccounts.byHandle("ERIN", d.toUpperCase()).orElseThrow().accountId()).isEqualTo(id);
        assertThat(f.remoteAccounts.byId(id).orElseThrow().actor().uri()).isEqualTo(erin.uri());

        String me = local("local");
        assertThat(f.remoteAccounts.byId(id(me))).as("local accounts are not remote").isEmpty();
        assertThat(f.remoteAccounts.byIds(List.of(id, id(me), 42L))).containsOnlyKeys(id);
        assertThat(f.remoteAccounts.byUri("https://" + d + "/users/nobody")).isEmpty();
        assertThat(f.remoteAccounts.byKeyId("https://" + d + "/users/nobody#main-key")).isEmpty();
    }

    @Test
    void aKeyIdOnAnotherHostIsNotTakenAndARecreatedActorTakesOverItsHandle() {
        String d = domain();
        RemoteActor frank = actor("frank", d);
        long id = f.remoteAccounts.upsert(frank);
        // an actor elsewhere claiming frank's key gets no key at all
        RemoteActor thief = with(actor("thief", domain()), m -> m.keyId(frank.keyId()));
        long thiefId = f.remoteAccounts.upsert(thief);
        assertThat(f.remoteAccounts.byKeyId(frank.keyId()).orElseThrow().accountId()).isEqualTo(id);
        assertThat(f.remoteAccounts.byId(thiefId).orElseThrow().actor().keyId()).isNull();

        // same username@domain, new uri: the server re-created the actor; the account follows it
        RemoteActor again = with(frank, m -> m.uri("https://" + d + "/ap/users/1234").keyId("https://" + d + "/ap/users/1234#key"));
        assertThat(f.remoteAccounts.upsert(again)).isEqualTo(id);
        assertThat(f.remoteAccounts.byUri(frank.uri())).isEmpty();
        assertThat(f.remoteAccounts.byUri(again.uri()).orElseThrow().accountId()).isEqualTo(id);
        assertThat(f.remoteAccounts.byKeyId("https://" + d + "/ap/users/1234#key")).isPresent();
        assertThat(account(id).get("uri").asText()).isEqualTo(again.uri());
    }

    @Test
    void aDeletedActorIsHiddenAndItsFollowsGoBothWays() {
        String d = domain();
        long gone = f.remoteAccounts.upsert(actor("gone", d));
        String fan = local("fan");
        String star = local("star");
        followAccepted(fan, gone);
        assertThat(f.federatedGraph.remoteFollow(gone, id(star), "https://" + d + "/follows/1"))
                .isEqualTo(social.herd.api.federation.FederatedGraph.FollowOutcome.FOLLOWING);
        assertThat(account(id(star)).get("followers_count").asInt()).isEqualTo(1);
        assertThat(account(id(fan)).get("following_count").asInt()).isEqualTo(1);

        f.remoteAccounts.deleted(gone);
        f.remoteAccounts.deleted(gone); // idempotent
        assertThat(http.get("/api/v1/accounts/" + gone, null).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/accounts/lookup?acct=gone@" + d, null).status()).isEqualTo(404);
        assertThat(account(id(star)).get("followers_count").asInt()).isZero();
        assertThat(account(id(fan)).get("following_count").asInt()).isZero();
        assertThat(ok(http.get("/api/v1/accounts/" + id(fan) + "/following", fan))).isEmpty();
        assertThat(f.count("SELECT count(*) FROM follows WHERE account_id = " + gone + " OR target_account_id = " + gone))
                .isZero();
        assertThat(events(f, EventTypes.ACCOUNT_UNFOLLOWED, id(fan), gone)).isEqualTo(1);
        assertThat(events(f, EventTypes.ACCOUNT_UNFOLLOWED, gone, id(star))).isEqualTo(1);
        RemoteAccount stored = f.remoteAccounts.byId(gone).orElseThrow();
        assertThat(stored.suspended()).isTrue();
        assertThat(f.remoteAccounts.byKeyId(actor("gone", d).keyId())).isEmpty();
        assertThat(new Directory(f.db, f.settings).render(List.of(gone))).isEmpty();

        // refreshing the same actor does not bring it back; a new actor under the same name does
        f.remoteAccounts.upsert(actor("gone", d));
        assertThat(f.remoteAccounts.byId(gone).orElseThrow().suspended()).isTrue();
        f.remoteAccounts.upsert(with(actor("gone", d), m -> m.uri("https://" + d + "/users/gone-again")));
        assertThat(account(gone).get("uri").asText()).isEqualTo("https://" + d + "/users/gone-again");
    }

    @Test
    void aMovedActorShowsMovedAndItsLocalFollowersAskToFollowTheTarget() {
        String d = domain();
        long old = f.remoteAccounts.upsert(actor("old", d));
        long target = f.remoteAccounts.upsert(actor("new", domain()));
        String a = local("mover");
        String b = local("mover");
        String blocked = local("mover");
        followAccepted(a, old);
        followAccepted(b, old);
        followAccepted(blocked, old);
        ok(http.form("POST", "/api/v1/accounts/" + target + "/block", blocked, ""));
        f.exec("UPDATE follows SET notify = true WHERE account_id = " + id(a) + " AND target_account_id = " + old);

        List<Long> moved = f.remoteAccounts.moved(old, target);
        assertThat(moved).containsExactlyInAnyOrder(id(a), id(b));
        JsonNode account = account(old);
        assertThat(account.at("/moved/id").asText()).isEqualTo(Long.toString(target));
        assertThat(account.at("/moved/acct").asText()).startsWith("new@");
        JsonNode rel = relationship(a, target);
        assertThat(rel.get("requested").asBoolean()).isTrue();
        assertThat(rel.get("notifying").asBoolean()).as("the old follow's options").isTrue();
        assertThat(relationship(a, old).get("following").asBoolean()).isFalse();
        assertThat(events(f, EventTypes.FOLLOW_REQUESTED, id(a), target)).isEqualTo(1);
        assertThat(events(f, EventTypes.ACCOUNT_UNFOLLOWED, id(a), old)).isEqualTo(1);
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, old)).isEqualTo(1);
        // the one blocking the target keeps following the old account
        assertThat(relationship(blocked, old).get("following").asBoolean()).isTrue();
        assertThat(relationship(blocked, target).get("requested").asBoolean()).isFalse();

        assertThat(f.remoteAccounts.moved(old, target)).isEmpty();
        assertThat(events(f, EventTypes.FOLLOW_REQUESTED, id(a), target)).isEqualTo(1);
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, old)).isEqualTo(1);
        assertThat(f.remoteAccounts.byId(old).orElseThrow().actor().movedToUri())
                .isEqualTo(f.remoteAccounts.byId(target).orElseThrow().actor().uri());
        // accepted by the new account's server: a follow like any other
        assertThat(f.federatedGraph.followAccepted(id(a), target)).isTrue();
        assertThat(relationship(a, target).get("following").asBoolean()).isTrue();
        assertThat(account(target).get("followers_count").asInt()).isEqualTo(1);
    }
}
