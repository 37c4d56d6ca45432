package social.herd.itests.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestOpenSearch;
import social.herd.testing.TestTlsProxy;

/**
 * The search suite on OpenSearch reached the way production clusters are: over TLS with a
 * private CA ({@code HERD_OPENSEARCH_CA_FILE}) and basic auth, the password read from a file
 * ({@code HERD_OPENSEARCH_PASSWORD_FILE}). nginx plays the secured cluster's front.
 */
class OpenSearchBehindTlsProxyTest extends OpenSearchSuite {

    static final String PASSWORD = "s3cret-" + Long.toHexString(System.nanoTime());
    TestTlsProxy proxy;

    @Override
    List<String> engineEnv() {
        proxy = TestTlsProxy.start(TestOpenSearch.shared().port(), "herd", PASSWORD);
        try {
            Path secret = Files.createTempFile("opensearch-password", ".txt");
            Files.writeString(secret, PASSWORD + "\n");
            return List.of("HERD_SEARCH_ENGINE", "opensearch", "HERD_OPENSEARCH_URL", proxy.url(),
                    "HERD_OPENSEARCH_USER", "herd", "HERD_OPENSEARCH_PASSWORD_FILE", secret.toString(),
                    "HERD_OPENSEARCH_CA_FILE", proxy.caFile().toString(), "HERD_SEARCH_INDEX_PREFIX", prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopProxy() {
        if (proxy != null) proxy.close();
    }

    @Test
    void theProxyRefusesWrongCredentialsAndThePasswordIsNeverLogged() throws Exception {
        Http.Reply ready = herd.http.get("/health/ready");
        assertThat(ready.body()).contains("opensearch");
        assertThat(herd.server.log()).doesNotContain(PASSWORD);
        // a server with a wrong password answers search with 503 and a clear message, and still posts
        try (Peer other = Peer.start("127.0.0.1",
                    "HERD_DB_URL", social.herd.testing.TestPostgres.freshDatabase(), "HERD_DB_USER", "postgres",
                    "HERD_SEARCH_ENGINE", "opensearch", "HERD_OPENSEARCH_URL", proxy.url(), "HERD_OPENSEARCH_USER", "herd",
                    "HERD_OPENSEARCH_PASSWORD", "not-the-password", "HERD_OPENSEARCH_CA_FILE", proxy.caFile().toString(),
                    "HERD_SEARCH_INDEX_PREFIX", prefix + "w")) {
            Peer.User u = other.user("uma");
            assertThat(u.status("posting works without search", "public").get("id").asText()).isNotBlank();
            Http.Reply r = u.get("/api/v2/search?type=statuses&q=posting");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("error").asText()).contains("Search is temporarily unavailable");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!other.server.log().contains("check the search user and password") && System.nanoTime() < deadline) Http.sleep(200);
            assertThat(other.server.log()).as("the index worker says why").contains("answered 401")
                    .contains("check the search user and password").doesNotContain("not-the-password");
        }
    }
}
