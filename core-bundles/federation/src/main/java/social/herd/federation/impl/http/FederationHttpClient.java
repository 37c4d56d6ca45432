package social.herd.federation.impl.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only way the federation bundle talks to other servers. Every URL, including every redirect
 * hop, passes {@link AddressPolicy}; redirects are followed here (the JDK's own following would
 * skip the check) and only for GET; bodies are read in chunks and abandoned past the cap.
 * Known gap: the JDK client resolves the host again when it connects, so a DNS answer that
 * changes between the check and the connection (rebinding) is not caught; see README.md.
 */
public final class FederationHttpClient {
    /** A complete response. */
    public record Response(int status, URI uri, HttpHeaders headers, byte[] body) {}

    private final FetchSettings settings;
    private final AddressPolicy policy;
    private final HttpClient client;

    public FederationHttpClient(FetchSettings settings) {
        this.settings = settings;
        this.policy = new AddressPolicy(settings);
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    /** GET, following up to maxRedirects redirects. */
    public Response get(URI uri, Map<String, String> headers) throws FetchException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            Response r = send("GET", current, headers, null);
            String location = r.headers().firstValue("location").orElse(null);
            if (r.status() < 300 || r.status() >= 400 || r.status() == 304 || location == null) {
                return r;
            }
            if (hop >= settings.maxRedirects()) {
                throw new FetchException(FetchException.Reason.TOO_MANY_REDIRECTS, "after " + hop + " redirects");
            }
            try {
                current = current.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw new FetchException(FetchException.Reason.BAD_URL, "redirect location", e);
            }
        }
    }

    /** POST (deliveries): redirects are returned, not followed, since a body must not be re-sent blindly. */
    public Response post(URI uri, Map<String, String> headers, byte[] body) throws FetchException {
        return send("POST", uri, headers, body);
    }

    private Response send(String method, URI uri, Map<String, String> headers, byte[] body) throws FetchException {
        policy.check(uri);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout());
        headers.forEach((k, v) -> {
            // The JDK client refuses to take Host and Content-Length and derives them from the URI and
            // body itself; signers compute the same values, so the signature still matches.
            if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) b.header(k, v);
        });
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<InputStream> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new FetchException(FetchException.Reason.TIMEOUT, "connect to " + uri.getHost(), e);
        } catch (HttpTimeoutException e) {
            throw new FetchException(FetchException.Reason.TIMEOUT, "response from " + uri.getHost(), e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Reason.IO, uri.getHost() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Reason.IO, "interrupted", e);
        }
        long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
        if (declared > settings.maxBodyBytes()) {
            close(response.body());
            throw new FetchException(FetchException.Reason.TOO_LARGE, declared + " bytes declared");
        }
        return new Response(response.statusCode(), uri, response.headers(), readCapped(response.body(), uri));
    }

    /**
     * Reads at most the cap, under the request timeout: the read runs on a helper thread so
     * that a server trickling bytes cannot hold us past the deadline.
     */
    private byte[] readCapped(InputStream in, URI uri) throws FetchException {
        CompletableFuture<byte[]> f = CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > settings.maxBodyBytes()) return null;
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            byte[] body = f.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (body == null) throw new FetchException(FetchException.Reason.TOO_LARGE, "over " + settings.maxBodyBytes() + " bytes");
            return body;
        } catch (TimeoutException e) {
            close(in); // unblocks the reader thread and drops the connection
            throw new FetchException(FetchException.Reason.TIMEOUT, "body from " + uri.getHost(), e);
        } catch (ExecutionException e) {
            throw new FetchException(FetchException.Reason.IO, uri.getHost() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(in);
            throw new FetchException(FetchException.Reason.IO, "interrupted", e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is being abandoned anyway
        }
    }
}
