package social.herd.media.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.options.CreateContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import social.herd.media.impl.db.MediaMapper;
import social.herd.media.impl.db.MediaRow;
import social.herd.media.impl.storage.Storage;
import social.herd.media.impl.storage.StorageComponent;
import social.herd.media.impl.video.VideoSettings;
import social.herd.web.api.Json;
import social.herd.web.testing.ApiHarness;

/**
 * Media on S3: a real S3 server (s3proxy over jclouds' in-memory blob store, SigV4 required) in
 * this JVM on a free port. Uploads land in the bucket and nowhere else, are served anonymously
 * from their URL, and are gone after a delete. The secret never shows in a log line or an error.
 */
class S3StorageTest {

    static final String BUCKET = "herd-media";
    static final String ACCESS = "herd-access";
    static final String SECRET = "S3CRET-never-logged-4f1c2b";

    @TempDir
    static Path data;
    static S3Proxy proxy;
    static BlobStoreContext blobContext;
    static BlobStore blobs;
    static String endpoint;
    static Storage storage;
    static Fixture f;
    static ApiHarness http;
    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    static final HttpClient web = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Logger herd = (Logger) LoggerFactory.getLogger("social.herd");
        herd.setLevel(Level.TRACE); // every line our code could write, secrets included if it did
        logs.start();
        herd.addAppender(logs);
        blobContext = ContextBuilder.newBuilder("transient").credentials("unused", "unused").build(BlobStoreContext.class);
        blobs = blobContext.getBlobStore();
        blobs.createContainerInLocation(null, BUCKET, CreateContainerOptions.Builder.publicRead());
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS, SECRET).build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) Thread.sleep(10);
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        storage = StorageComponent.create(settings(), data, Fixture.SYSTEM_URL);
        f = new Fixture(data, storage, VideoSettings.defaults());
        http = Api.harness(f);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (ILoggingEvent e : logs.list) {
                assertThat(e.getFormattedMessage()).doesNotContain(SECRET);
                if (e.getThrowableProxy() != null) assertThat(e.getThrowableProxy().getMessage()).doesNotContain(SECRET);
            }
        } finally {
            Logger herd = (Logger) LoggerFactory.getLogger("social.herd");
            herd.detachAppender(logs);
            herd.setLevel(Level.INFO);
            f.close();
            ((AutoCloseable) storage).close();
            proxy.stop();
            blobContext.close();
        }
    }

    static Map<String, Object> settings() {
        Map<String, Object> p = new HashMap<>();
        p.put("type", "s3");
        p.put("endpoint", endpoint);
        p.put("region", "eu-central-1");
        p.put("bucket", BUCKET);
        p.put("access_key", ACCESS);
        p.put(".secret_key", SECRET);
        // objects readable by anyone, as Mastodon uploads them (s3proxy checks per-object ACLs)
        p.put("acl", "public-read");
        return p;
    }

    private static JsonNode json(ApiHarness.Response r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private static String keyOf(String url) {
        assertThat(url).startsWith(endpoint + "/" + BUCKET + "/");
        return url.substring((endpoint + "/" + BUCKET + "/").length());
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return web.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] blob(String key) throws IOException {
        try (InputStream in = blobs.getBlob(BUCKET, key).getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void imagesLandInTheBucketAreServedFromTheirUrlAndGoAwayOnDelete() throws Exception {
        long account = 31;
        ApiHarness.Response r = Api.upload(http, "/api/v1/media", ApiHarness.token(account), TestImages.jpeg(800, 600));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = json(r);
        String key = keyOf(m.get("url").asText()), small = keyOf(m.get("preview_url").asText());
        assertThat(blobs.blobExists(BUCKET, key)).isTrue();
        assertThat(blobs.blobExists(BUCKET, small)).isTrue();

        HttpResponse<byte[]> served = fetch(m.get("url").asText()); // anonymous, as a browser fetches it
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("content-type")).hasValue("image/jpeg");
        assertThat(served.body()).isEqualTo(blob(key));
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served.body())).getWidth()).isEqualTo(800);
        assertThat(f.files("media")).as("nothing on the local disk").isEmpty();

        long id = m.get("id").asLong(), status = 9001;
        f.db.transaction(tx -> {
            f.attachments.attach(tx, account, status, List.of(id));
            return null;
        });
        f.db.transaction(tx -> {
            f.attachments.detach(tx, status, true);
            return null;
        });
        assertThat(blobs.blobExists(BUCKET, key)).isFalse();
        assertThat(blobs.blobExists(BUCKET, small)).isFalse();
        assertThat(fetch(m.get("url").asText()).statusCode()).isIn(403, 404);
    }

    @Test
    void theJobReadsLargeUploadsFromTheBucketAndRemovesThem() throws Exception {
        ApiHarness.Response r = Api.upload(http, "/api/v2/media", ApiHarness.token(32), TestImages.jpeg(4000, 3000));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long id = json(r).get("id").asLong();
        String incoming = f.string("SELECT incoming_key FROM media_attachments WHERE id = " + id);
        assertThat(blobs.blobExists(BUCKET, incoming)).isTrue();
        assertThat(f.runMediaJobs()).isEqualTo(1);
        MediaRow row = f.db.read(tx -> tx.mapper(MediaMapper.class).byId(id));
        assertThat(row.state()).isEqualTo(MediaRow.READY);
        assertThat(blobs.blobExists(BUCKET, incoming)).isFalse();
        assertThat(blobs.blobExists(BUCKET, row.fileKey())).isTrue();
    }

    @Test
    void videoIsTranscodedIntoTheBucket() throws Exception {
        ApiHarness.Response r = Api.upload(http, "/api/v1/media", ApiHarness.token(33), TestMedia.mp4("holiday", 640, 480, 2));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = json(r);
        assertThat(m.get("type").asText()).isEqualTo("video");
        String key = keyOf(m.get("url").asText());
        assertThat(blobs.blobMetadata(BUCKET, key).getContentMetadata().getContentType()).isEqualTo("video/mp4");
        HttpResponse<byte[]> served = fetch(m.get("url").asText());
        assertThat(served.body()).isEqualTo(blob(key));
        assertThat(TestMedia.indexOf(served.body(), "ftyp")).isEqualTo(4);
        assertThat(f.files("tmp")).isEmpty();
    }

    @Test
    void secretFromAFileAndAWrongSecretThatIsNotRepeated() throws Exception {
        Path secretFile = data.resolve("s3-secret");
        Files.writeString(secretFile, SECRET + "\n");
        Map<String, Object> p = settings();
        p.remove(".secret_key");
        p.put("secret_key_file", secretFile.toString());
        p.put("public_url", "https://files.example/");
        Storage fromFile = StorageComponent.create(p, data, Fixture.SYSTEM_URL);
        try {
            fromFile.put("tests/round trip.txt", "hello".getBytes(), "text/plain");
            try (InputStream in = fromFile.get("tests/round trip.txt")) {
                assertThat(new String(in.readAllBytes())).isEqualTo("hello");
            }
            assertThat(fromFile.url("tests/round trip.txt")).isEqualTo("https://files.example/tests/round%20trip.txt");
            fromFile.delete("tests/round trip.txt");
            fromFile.delete("tests/round trip.txt"); // idempotent
            assertThatThrownBy(() -> fromFile.get("tests/round trip.txt")).isInstanceOf(NoSuchFileException.class);
        } finally {
            ((AutoCloseable) fromFile).close();
        }

        Map<String, Object> wrong = settings();
        wrong.put(".secret_key", "wrong-" + SECRET);
        Storage bad = StorageComponent.create(wrong, data, Fixture.SYSTEM_URL);
        try {
            assertThatThrownBy(() -> bad.put("tests/x.txt", "x".getBytes(), "text/plain"))
                    .isInstanceOf(IOException.class).hasMessageContaining("403")
                    .hasMessageContaining("SignatureDoesNotMatch").hasMessageNotContaining(SECRET);
            assertThat(bad.toString()).doesNotContain(SECRET);
        } finally {
            ((AutoCloseable) bad).close();
        }
    }

    @Test
    void settingsThatCannotWorkNameTheKeyAndNeverTheSecret() throws Exception {
        Map<String, Object> noBucket = settings();
        noBucket.remove("bucket");
        assertThatThrownBy(() -> StorageComponent.create(noBucket, data, Fixture.SYSTEM_URL))
                .hasMessageContaining("key bucket is required");
        Map<String, Object> both = settings();
        both.put("secret_key_file", "/etc/hostname");
        assertThatThrownBy(() -> StorageComponent.create(both, data, Fixture.SYSTEM_URL))
                .hasMessageContaining(".secret_key and secret_key_file").hasMessageNotContaining(SECRET);
        Map<String, Object> unreadable = settings();
        unreadable.remove(".secret_key");
        unreadable.put("secret_key_file", data.resolve("missing").toString());
        assertThatThrownBy(() -> StorageComponent.create(unreadable, data, Fixture.SYSTEM_URL))
                .hasMessageContaining("secret_key_file cannot be read");
        Map<String, Object> ftp = settings();
        ftp.put("endpoint", "ftp://files.example");
        assertThatThrownBy(() -> StorageComponent.create(ftp, data, Fixture.SYSTEM_URL)).hasMessageContaining("key endpoint");
        assertThatThrownBy(() -> StorageComponent.create(Map.of("type", "nfs"), data, Fixture.SYSTEM_URL))
                .hasMessageContaining("key type must be local or s3");
        // no configuration, or type=local: the disk
        assertThat(StorageComponent.create(Map.of(), data, Fixture.SYSTEM_URL).url("a/b.png")).isEqualTo(Fixture.SYSTEM_URL + "a/b.png");
        Map<String, Object> virtualHost = settings();
        virtualHost.put("path_style", false);
        virtualHost.put("endpoint", "https://s3.eu-central-1.amazonaws.com");
        Storage aws = StorageComponent.create(virtualHost, data, Fixture.SYSTEM_URL);
        assertThat(aws.url("media_attachments/ab/x.jpg"))
                .isEqualTo("https://herd-media.s3.eu-central-1.amazonaws.com/media_attachments/ab/x.jpg");
        ((AutoCloseable) aws).close();
    }
}
