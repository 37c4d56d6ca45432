package social.herd.search.impl.os;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Builds the OpenSearch client: the Java client's Apache HTTP client 5 transport with a pooled
 * connection manager, TLS trusting the configured CA file (else the JDK's trust store), basic auth
 * sent with every request (no 401 round trip per request) and bounded timeouts, so a dead cluster
 * costs a search at most {@code timeout_ms}.
 */
final class OpenSearchClients {

    private OpenSearchClients() {}

    /** A transport and the generic client on it; close the transport when done. */
    record Client(ApacheHttpClient5Transport transport, OpenSearchGenericClient generic) {}

    static Client create(OpenSearchSettings s) {
        HttpHost host = new HttpHost(s.url().getScheme(), s.url().getHost(),
                s.url().getPort() > 0 ? s.url().getPort() : "https".equals(s.url().getScheme()) ? 443 : 80);
        ApacheHttpClient5TransportBuilder b = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper())
                .setCompressionEnabled(false);
        if (s.url().getPath() != null && !s.url().getPath().isEmpty()) b.setPathPrefix(s.url().getPath());
        if (s.user() != null) {
            String basic = Base64.getEncoder().encodeToString((s.user() + ":" + s.password()).getBytes(StandardCharsets.UTF_8));
            b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + basic)});
        }
        SSLContext tls = sslContext(s);
        b.setHttpClientConfigCallback(client -> client.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls).buildAsync())
                .setMaxConnTotal(32).setMaxConnPerRoute(32).build()));
        b.setRequestConfigCallback(r -> r.setConnectionRequestTimeout(Timeout.ofMilliseconds(s.timeoutMs()))
                .setResponseTimeout(Timeout.ofMilliseconds(s.timeoutMs())));
        b.setConnectionConfigCallback(c -> c.setConnectTimeout(Timeout.ofMilliseconds(Math.min(2000, s.timeoutMs())))
                .setSocketTimeout(Timeout.ofMilliseconds(s.timeoutMs())));
        ApacheHttpClient5Transport transport = b.build();
        return new Client(transport, new OpenSearchGenericClient(transport));
    }

    private static SSLContext sslContext(OpenSearchSettings s) {
        try {
            if (s.caFile() == null) return SSLContext.getDefault();
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(s.caFile())) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                if (i == 0) throw new IllegalArgumentException("search ca_file: no PEM certificate in " + s.caFile());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("search ca_file: not usable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
