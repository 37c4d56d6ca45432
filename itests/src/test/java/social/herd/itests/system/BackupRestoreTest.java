package social.herd.itests.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestPostgres;

/**
 * {@code herd backup} of a running server and {@code herd restore} into another runtime on an
 * empty database: the restored server answers the same API calls with the same JSON (ids, texts,
 * counts, relationships, notifications), accepts the old tokens and passwords, and serves the
 * media file with the same bytes. Restore refuses a database with accounts (without --force) and a
 * backup of another schema.
 */
class BackupRestoreTest {

    /**
     * Both servers have this public URL: ids and links in the database name the site, so a restore
     * is for a server of the same address. With an https URL the test talks to each server's own
     * port (see Peer.apiBase), so the two can have different ports.
     */
    static final String SITE = "https://herd-backup.test";

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aBackupOfARunningServerRestoresIntoAnotherDatabaseWithTheSameAnswers() throws Exception {
        Map<String, String> envA = env(TestPostgres.freshDatabase());
        Map<String, String> envB = env(TestPostgres.freshDatabase());
        Path folder = Files.createTempDirectory("herd-backup");
        Path backup = folder.resolve("full");
        Path tampered = Files.createTempDirectory("herd-backup-tampered");
        try (ServerProcess one = ServerProcess.copyOfRuntime(); ServerProcess two = ServerProcess.copyOfRuntime()) {
            Peer a = Peer.start(one, SITE, flat(envA));
            Peer.User alice = a.user("alice");
            Peer.User bob = a.user("bob");
            Peer.User carol = a.user("carol");
            bob.followAndAwait(alice.id);
            String pub = alice.status("hello from before the backup", "public").get("id").asText();
            String unlisted = alice.status("quietly public", "unlisted").get("id").asText();
            String priv = alice.status("for my followers", "private").get("id").asText();
            alice.status("@bob just between us", "direct");
            bob.ok(bob.post("/api/v1/statuses/" + pub + "/favourite", ""));
            JsonNode media = upload(alice, png());
            String withMedia = alice.ok(alice.post("/api/v1/statuses",
                    "status=a+picture&visibility=public&media_ids[]=" + media.get("id").asText())).get("id").asText();
            String mediaPath = URI.create(media.get("url").asText()).getRawPath();
            // notifications and home fan-out are jobs: the backup should hold their results
            alice.await("/api/v1/notifications", n -> types(n).containsAll(List.of("follow", "favourite")));
            bob.await("/api/v1/notifications", n -> types(n).contains("mention"));
            bob.await("/api/v1/timelines/home", h -> ids(h).containsAll(List.of(pub, unlisted, priv, withMedia)));
            Map<String, JsonNode> before = observe(alice, bob, pub);
            byte[] mediaBytes = bytes(a, mediaPath);
            assertThat(mediaBytes).isNotEmpty();

            // backup while the server runs and carol keeps posting (threads of replies with new
            // hashtags: rows in several tables that refer to each other)
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger();
            Thread writer = Thread.ofVirtual().start(() -> {
                String previous = null;
                while (writing.get()) {
                    Http.Reply r = carol.post("/api/v1/statuses", "visibility=public&status="
                            + Peer.enc("busy #busy" + written.get()) + (previous == null ? "" : "&in_reply_to_id=" + previous));
                    if (r.status() != 200) break;
                    previous = r.json().get("id").asText();
                    written.incrementAndGet();
                    Http.sleep(150); // a busy server, not a load test: the machine also boots the backup command
                }
            });
            long t0 = System.nanoTime();
            String printed = one.command("backup", backup.toString());
            writing.set(false);
            writer.join();
            assertThat(written.get()).as("posts written while the backup ran").isGreaterThan(0);
            System.out.printf("herd backup (%.1f s):%n%s%n", (System.nanoTime() - t0) / 1e9, printed);
            assertThat(printed).contains("table accounts: ").contains("table statuses: ")
                    .contains("backup written to " + backup).doesNotContain("password");
            JsonNode manifest = JSON.readTree(backup.resolve("manifest.json").toFile());
            assertThat(manifest.get("schema_history").size()).isGreaterThan(5);
            assertThat(manifest.get("media").asText()).isEqualTo("local");
            assertThat(manifest.get("media_files").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(backup.resolve("conf/herd.yaml")).exists();
            long accounts = 0;
            for (JsonNode t : manifest.get("tables")) {
                assertThat(backup.resolve("tables").resolve(t.get("file").asText())).exists();
                if (t.get("name").asText().equals("accounts")) accounts = t.get("rows").asLong();
            }
            assertThat(accounts).as("admin, alice, bob, carol").isEqualTo(4);
            one.stop();

            // restore into an empty database, before its server ever started
            t0 = System.nanoTime();
            Cli restored = cli(two, envB, "restore", backup.toString());
            System.out.printf("herd restore (%.1f s):%n%s%n", (System.nanoTime() - t0) / 1e9, restored.out());
            assertThat(restored.code()).as(restored.err()).isZero();
            assertThat(restored.out()).contains("table statuses: ").contains("restore done").contains("left alone");
            assertForeignKeysHold(envB.get("HERD_DB_URL"));

            // refusals, side by side (each boots a runtime): a second backup into the non-empty
            // folder; a restore over accounts without --force; a backup of another schema, even with --force
            ObjectNode edited = (ObjectNode) manifest.deepCopy();
            ((ObjectNode) edited.get("schema_history").get(0)).put("checksum", "0000");
            Files.writeString(tampered.resolve("manifest.json"), JSON.writeValueAsString(edited));
            CompletableFuture<Cli> secondBackup = async(one, envA, "backup", backup.toString());
            CompletableFuture<Cli> overAccounts = async(two, envB, "restore", backup.toString());
            CompletableFuture<Cli> otherSchema = async(two, envB, "restore", tampered.toString(), "--force");
            assertThat(secondBackup.get().code()).isEqualTo(1);
            assertThat(secondBackup.get().err()).contains("is not empty");
            Cli again = overAccounts.get();
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("already has accounts").contains("--force");
            Cli mismatch = otherSchema.get();
            assertThat(mismatch.code()).isEqualTo(1);
            assertThat(mismatch.err()).contains("schema history differs").contains("unchanged");
            System.out.println("refusals:\n" + again.err() + mismatch.err());

            Peer b = Peer.start(two, SITE, flat(envB));
            Peer.User alice2 = new Peer.User(b, "alice", alice.token);
            Peer.User bob2 = new Peer.User(b, "bob", bob.token);
            alice2.id = alice.id;
            bob2.id = bob.id;
            Map<String, JsonNode> after = observe(alice2, bob2, pub);
            for (String key : before.keySet()) {
                if (!key.equals("instance stats")) assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
            }
            // carol's posts of the snapshot count too
            JsonNode stats = after.get("instance stats");
            assertThat(stats.get("user_count")).isEqualTo(before.get("instance stats").get("user_count"));
            assertThat(stats.get("status_count").asLong())
                    .isGreaterThanOrEqualTo(before.get("instance stats").get("status_count").asLong());
            assertThat(after.get("status").get("favourites_count").asInt()).isEqualTo(1);
            assertThat(bytes(b, mediaPath)).as("media file").isEqualTo(mediaBytes);
            assertThat(two.home().resolve("data/media")).isDirectory();

            // the password still signs in (the restored server's own apps table, a new app)
            JsonNode app = b.http.post("/api/v1/apps", "application/x-www-form-urlencoded",
                    "client_name=itest&redirect_uris=urn:ietf:wg:oauth:2.0:oob&scopes=read").json();
            Http.Reply token = b.http.post("/oauth/token", "application/x-www-form-urlencoded",
                    "grant_type=password&scope=read&client_id=" + Peer.enc(app.get("client_id").asText())
                            + "&client_secret=" + Peer.enc(app.get("client_secret").asText())
                            + "&username=" + Peer.enc("alice@example.com") + "&password=" + Peer.enc(alice.password));
            assertThat(token.status()).as(token.body()).isEqualTo(200);
        } finally {
            // a backup holds a copy of the media and configuration: not left in /tmp
            deleteTree(folder);
            deleteTree(tampered);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /**
     * Every foreign key of the restored database holds for every row (restore loads with the checks
     * off): each is dropped and added again, which validates it, in a transaction rolled back.
     */
    private static void assertForeignKeysHold(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.setAutoCommit(false);
            List<String[]> keys = new java.util.ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT conrelid::regclass::text, "
                    + "quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f'")) {
                while (rs.next()) keys.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
            assertThat(keys).as("foreign keys").hasSizeGreaterThan(10);
            try (Statement s = c.createStatement()) {
                for (String[] k : keys) {
                    s.execute("ALTER TABLE " + k[0] + " DROP CONSTRAINT " + k[1] + ", ADD CONSTRAINT " + k[1] + " " + k[2]);
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** What the API says about the content: compared as whole JSON documents. */
    private static Map<String, JsonNode> observe(Peer.User alice, Peer.User bob, String status) {
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        seen.put("alice's statuses, as alice", alice.ok(alice.get("/api/v1/accounts/" + alice.id + "/statuses")));
        seen.put("alice's statuses, as bob", bob.ok(bob.get("/api/v1/accounts/" + alice.id + "/statuses")));
        seen.put("status", bob.ok(bob.get("/api/v1/statuses/" + status)));
        seen.put("relationship", bob.ok(bob.get("/api/v1/accounts/relationships?id[]=" + alice.id)));
        seen.put("alice", alice.ok(alice.get("/api/v1/accounts/verify_credentials")));
        seen.put("alice's notifications", alice.ok(alice.get("/api/v1/notifications")));
        seen.put("bob's notifications", bob.ok(bob.get("/api/v1/notifications")));
        seen.put("bob's home", bob.ok(bob.get("/api/v1/timelines/home")));
        seen.put("instance stats", alice.ok(alice.get("/api/v1/instance")).get("stats"));
        return seen;
    }

    private static Map<String, String> env(String db) {
        return Map.of("HERD_DB_URL", db, "HERD_DB_USER", "postgres", "HERD_PUBLIC_URL", SITE,
                "HERD_FEDERATION_ALLOW_PRIVATE", "true");
    }

    private static String[] flat(Map<String, String> env) {
        return env.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
    }

    private static List<String> types(JsonNode notifications) {
        return notifications.findValuesAsText("type");
    }

    private static List<String> ids(JsonNode statuses) {
        List<String> ids = new java.util.ArrayList<>();
        statuses.forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    /** Uploads {@code png} as multipart form data, as Mastodon clients do. */
    private static JsonNode upload(Peer.User user, byte[] png) throws IOException {
        String boundary = "herd-backup-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dot.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(png);
        body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n"
                + "a coloured square\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Http.Reply r = user.peer.http.send(HttpRequest.newBuilder(URI.create(user.peer.apiBase + "/api/v1/media"))
                .header("Authorization", "Bearer " + user.token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        return user.ok(r);
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 48; x++) {
            for (int y = 0; y < 32; y++) image.setRGB(x, y, (x * 5) << 16 | (y * 7) << 8 | 0x40);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The bytes the server serves at {@code path} (its own port; the public URL is not reachable). */
    private static byte[] bytes(Peer peer, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(peer.apiBase + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static CompletableFuture<Cli> async(ServerProcess server, Map<String, String> env, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return cli(server, env, args);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** A finished {@code bin/herd} command: exit code, stdout, stderr. */
    record Cli(int code, String out, String err) {}

    /** Runs {@code bin/herd args} in {@code server}'s folder with {@code env}, whatever its exit code. */
    private static Cli cli(ServerProcess server, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(server.home().resolve("bin/herd").toString()),
                Stream.of(args)).toList());
        pb.environment().put("HERD_PORT", String.valueOf(server.port()));
        pb.environment().putAll(env);
        Path err = Files.createTempFile("herd-cli", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("herd " + String.join(" ", args) + " hangs");
        }
        return new Cli(p.exitValue(), out, Files.readString(err));
    }
}
