package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static social.herd.accounts.impl.Remote.actor;
import static social.herd.accounts.impl.Remote.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.api.auth.Role;
import social.herd.api.events.EventTypes;
import social.herd.api.federation.Resolver;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/**
 * Account migration started here: aliases ({@code POST /api/v1/accounts/alias}) and moves
 * ({@code POST /api/v1/accounts/move}) on a real PostgreSQL. Other servers are represented by
 * stored remote accounts and a resolver that answers what their actor documents list; the real
 * exchange between two servers is in the federation integration test.
 */
class AccountMovesTest {

    @TempDir
    static Path data;
    static Fixture f;
    static ApiHarness http;
    static final AtomicInteger NAMES = new AtomicInteger();
    /** What each remote actor publishes as alsoKnownAs right now, by actor id. */
    static final Map<String, List<String>> PUBLISHED = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        f = new Fixture(data);
        http = Api.harness(f);
        f.moves.resolver = new Resolver() {
            @Override public Optional<Long> account(String handle) { return Optional.empty(); }
            @Override public Optional<Found> url(String url) { return Optional.empty(); }
            @Override public Optional<Published> refetch(String uri) {
                Long id = f.count("SELECT count(*) FROM accounts WHERE uri = '" + uri + "'") == 0 ? null
                        : f.count("SELECT id FROM accounts WHERE uri = '" + uri + "'");
                List<String> aka = PUBLISHED.get(uri);
                return id == null || aka == null ? Optional.empty() : Optional.of(new Published(id, aka));
            }
        };
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** A local user: name, password, token ({@code user:<userId>:<accountId>}). */
    record User(String name, String password, String token, long id) {
        String uri() { return "https://social.example/users/" + name; }
    }

    static User user(String prefix) {
        String name = prefix + NAMES.incrementAndGet();
        String password = f.admin.create(name, name + "@example.org", Role.USER, true);
        long userId = f.count("SELECT id FROM users WHERE email = '" + name + "@example.org'");
        long accountId = f.count("SELECT account_id FROM users WHERE id = " + userId);
        return new User(name, password, "user:" + userId + ":" + accountId, accountId);
    }

    static JsonNode body(ApiHarness.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        try {
            return Json.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    static ApiHarness.Response alias(User u, String... refs) {
        return http.json("POST", "/api/v1/accounts/alias", u.token(),
                Json.write(Map.of("also_known_as_uris", List.of(refs))));
    }

    static ApiHarness.Response move(User u, String password, String target) {
        return http.json("POST", "/api/v1/accounts/move", u.token(),
                Json.write(Map.of("password", password, "moved_to_uri", target)));
    }

    static boolean following(User u, long target) {
        return body(http.get("/api/v1/accounts/relationships?id[]=" + target, u.token()), 200).get(0).get("following").asBoolean();
    }

    @Test
    void aliasesTakeHandlesAndUrisAndShowInTheSource() {
        User alice = user("alias");
        User old = user("alias");
        long remote = f.remoteAccounts.upsert(actor("bob", "remote" + NAMES.incrementAndGet() + ".example"));
        String remoteUri = f.remoteAccounts.byId(remote).orElseThrow().actor().uri();

        JsonNode me = body(alias(alice, "@" + old.name() + "@example.com", remoteUri), 200);
        assertThat(me.at("/source/also_known_as_uris")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(old.uri(), remoteUri);
        assertThat(f.moves.aliases(alice.id())).containsExactlyInAnyOrder(old.uri(), remoteUri);
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, alice.id())).as("remote followers see the new actor").isEqualTo(1);
        // the same list again changes nothing and tells nobody
        body(alias(alice, old.uri(), remoteUri), 200);
        assertThat(events(f, EventTypes.ACCOUNT_UPDATED, alice.id())).isEqualTo(1);

        assertThat(body(alias(alice, "@nobody" + NAMES.incrementAndGet()), 422).get("error").asText()).contains("no account");
        assertThat(body(alias(alice, alice.uri()), 422).get("error").asText()).contains("own alias");
        assertThat(f.moves.aliases(alice.id())).as("a refused edit changes nothing").hasSize(2);
        assertThat(http.json("POST", "/api/v1/accounts/alias", null, "{}").status()).isEqualTo(401);

        assertThat(body(alias(alice), 200).at("/source/also_known_as_uris")).isEmpty();
        assertThat(f.moves.aliases(alice.id())).isEmpty();
    }

    @Test
    void aLocalMoveNeedsThePasswordAndTheTargetsAliasThenMovesTheLocalFollowers() {
        User from = user("from");
        User to = user("to");
        User fan = user("fan");
        User other = user("other");
        body(http.form("POST", "/api/v1/accounts/" + from.id() + "/follow", fan.token(), ""), 200);

        assertThat(body(move(from, "wrong password", to.uri()), 422).get("error").asText()).contains("Password");
        assertThat(body(move(from, from.password(), to.uri()), 422).get("error").asText()).contains("alias");
        assertThat(body(move(from, from.password(), from.uri()), 422).get("error").asText()).contains("itself");
        assertThat(following(fan, from.id())).as("nothing moved yet").isTrue();

        body(alias(to, from.uri()), 200);
        assertThat(move(from, from.password(), "@" + to.name()).status()).isEqualTo(202);

        JsonNode moved = body(http.get("/api/v1/accounts/" + from.id(), null), 200);
        assertThat(moved.at("/moved/id").asText()).isEqualTo(Long.toString(to.id()));
        assertThat(body(http.get("/api/v1/accounts/verify_credentials", from.token()), 200).at("/moved/acct").asText())
                .isEqualTo(to.name());
        assertThat(following(fan, to.id())).isTrue();
        assertThat(following(fan, from.id())).isFalse();
        assertThat(events(f, EventTypes.ACCOUNT_MOVED, from.id(), to.id())).isEqualTo(1);

        // a retry to the same target sends the Move again; another target waits for the cool-down
        assertThat(move(from, from.password(), to.uri()).status()).isEqualTo(202);
        assertThat(events(f, EventTypes.ACCOUNT_MOVED, from.id(), to.id())).isEqualTo(2);
        body(alias(other, from.uri()), 200);
        assertThat(body(move(from, from.password(), other.uri()), 422).get("error").asText()).contains("move again after");
        assertThat(body(http.get("/api/v1/accounts/" + from.id(), null), 200).at("/moved/id").asText())
                .isEqualTo(Long.toString(to.id()));

        AccountMoves later = new AccountMoves(f.db, f.ids, f.events, f.passwords, f.profiles, f.settings,
                Clock.fixed(Instant.now().plus(AccountMoves.COOLDOWN).plus(Duration.ofHours(1)), ZoneOffset.UTC));
        later.move(from.id(), from.password(), other.uri());
        assertThat(body(http.get("/api/v1/accounts/" + from.id(), null), 200).at("/moved/id").asText())
                .isEqualTo(Long.toString(other.id()));
    }

    @Test
    void aRemoteTargetIsCheckedOnItsCurrentDocumentAndLocalFollowersAskToFollowIt() {
        User from = user("leaving");
        User fan = user("fan");
        body(http.form("POST", "/api/v1/accounts/" + from.id() + "/follow", fan.token(), ""), 200);
        long target = f.remoteAccounts.upsert(actor("arrival", "remote" + NAMES.incrementAndGet() + ".example"));
        String targetUri = f.remoteAccounts.byId(target).orElseThrow().actor().uri();

        PUBLISHED.put(targetUri, List.of("https://elsewhere.example/users/someone"));
        assertThat(body(move(from, from.password(), targetUri), 422).get("error").asText()).contains("alias");
        PUBLISHED.remove(targetUri);
        assertThat(body(move(from, from.password(), targetUri), 422).get("error").asText()).contains("could not be fetched");
        assertThat(events(f, EventTypes.ACCOUNT_MOVED, from.id(), target)).isZero();

        PUBLISHED.put(targetUri, List.of(from.uri()));
        assertThat(move(from, from.password(), targetUri).status()).isEqualTo(202);
        assertThat(events(f, EventTypes.ACCOUNT_MOVED, from.id(), target)).isEqualTo(1);
        JsonNode rel = body(http.get("/api/v1/accounts/relationships?id[]=" + target, fan.token()), 200).get(0);
        assertThat(rel.get("requested").asBoolean()).as("its server confirms with Accept").isTrue();
        assertThat(events(f, EventTypes.FOLLOW_REQUESTED, fan.id(), target)).isEqualTo(1);
        assertThat(following(fan, from.id())).isFalse();
    }
}
