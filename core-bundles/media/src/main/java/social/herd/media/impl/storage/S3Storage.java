package social.herd.media.impl.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Media in an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph, R2...) through the JDK's HTTP
 * client with {@link SigV4} signatures: PUT, GET and DELETE of single objects is all media needs,
 * which is why no S3 SDK (and its dozens of non-OSGi jars) is embedded. Objects are served from
 * {@code public_url}; raw uploads awaiting processing ({@code .upload}) sit in the same bucket
 * under unguessable keys until their job removes them.
 */
public final class S3Storage implements Storage, AutoCloseable {

    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    /** Files never change once written (every upload gets a new key): caches may keep them. */
    private static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final S3Settings settings;
    private final SigV4 signer;
    private final HttpClient http;
    private final URI bucketUri;
    private final String host;

    S3Storage(S3Settings settings) {
        this.settings = settings;
        this.signer = new SigV4(settings.accessKey(), settings.secretKey(), settings.region());
        // HTTP/1.1: what S3 speaks, and no h2c upgrade dance on plain-HTTP endpoints
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.bucketUri = URI.create(S3Settings.bucketUrl(settings.endpoint(), settings.bucket(), settings.pathStyle()));
        // the Host header exactly as the JDK client sends it: the port only when not the scheme's default
        int port = bucketUri.getPort();
        boolean defaultPort = port == -1 || port == ("https".equals(bucketUri.getScheme()) ? 443 : 80);
        this.host = bucketUri.getHost() + (defaultPort ? "" : ":" + port);
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        String hash = SigV4.hex(SigV4.sha256().digest(bytes));
        expect(send("PUT", key, BodyPublishers.ofByteArray(bytes), hash, contentType, HttpResponse.BodyHandlers.ofInputStream()),
                "PUT", key).close();
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        MessageDigest digest = SigV4.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        expect(send("PUT", key, BodyPublishers.ofFile(file), SigV4.hex(digest.digest()), contentType,
                HttpResponse.BodyHandlers.ofInputStream()), "PUT", key).close();
    }

    @Override
    public InputStream get(String key) throws IOException {
        HttpResponse<InputStream> response = send("GET", key, BodyPublishers.noBody(), SigV4.EMPTY_SHA256, null,
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 404) {
            response.body().close();
            throw new NoSuchFileException(key);
        }
        return expect(response, "GET", key);
    }

    @Override
    public void delete(String key) throws IOException {
        HttpResponse<InputStream> response = send("DELETE", key, BodyPublishers.noBody(), SigV4.EMPTY_SHA256, null,
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 404) {
            response.body().close(); // already gone: deletes are idempotent
            return;
        }
        expect(response, "DELETE", key).close();
    }

    @Override
    public String url(String key) {
        return settings.publicUrl() + "/" + SigV4.encodePath(key);
    }

    @Override
    public void close() {
        http.close();
    }

    private <T> HttpResponse<T> send(String method, String key, BodyPublisher body, String payloadHash, String contentType,
                                     HttpResponse.BodyHandler<T> handler) throws IOException {
        if (key.isEmpty() || key.startsWith("/") || key.contains("..")) throw new IllegalArgumentException("bad storage key: " + key);
        String path = bucketUri.getRawPath() + "/" + SigV4.encodePath(key);
        Instant now = Instant.now();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("x-amz-date", SigV4.amzDate(now));
        headers.put("x-amz-content-sha256", payloadHash);
        if (method.equals("PUT")) {
            headers.put("content-type", contentType == null ? "application/octet-stream" : contentType);
            headers.put("cache-control", CACHE_CONTROL);
            if (settings.acl() != null) headers.put("x-amz-acl", settings.acl());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bucketUri.getScheme() + "://" + bucketUri.getRawAuthority() + path))
                .timeout(settings.timeout()).method(method, body)
                .header("Authorization", signer.authorization(method, path, "", headers, payloadHash, now));
        headers.forEach((name, value) -> {
            if (!name.equals("host")) request.header(name, value); // the client sets Host itself
        });
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during S3 " + method);
        }
    }

    /** The body of a 2xx answer; otherwise an error naming the operation, status and S3 error code. */
    private static InputStream expect(HttpResponse<InputStream> response, String method, String key) throws IOException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) return response.body();
        String code;
        try (InputStream in = response.body()) {
            Matcher m = ERROR_CODE.matcher(new String(in.readNBytes(8192), StandardCharsets.UTF_8));
            code = m.find() ? m.group(1) : "no error code";
        }
        throw new IOException("S3 " + method + " " + key + " answered " + status + " (" + code + ")");
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
