package social.herd.itests.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestOpenSearch;
import social.herd.testing.TestPostgres;

/**
 * OpenSearch stopped mid-test: posting, timelines and account search keep working, post search
 * answers 503 with a clear message, readiness says search is degraded (the node stays ready), and
 * once OpenSearch is back the posts written meanwhile become searchable with nobody doing
 * anything (the backlog in PostgreSQL drains by itself).
 */
class OpenSearchOutageTest {

    static TestOpenSearch os;
    static Peer herd;

    @BeforeAll
    static void start() {
        os = TestOpenSearch.shared();
        herd = Peer.start("127.0.0.1", "HERD_DB_URL", TestPostgres.freshDatabase(), "HERD_DB_USER", "postgres",
                "HERD_SEARCH_ENGINE", "opensearch", "HERD_OPENSEARCH_URL", os.url(),
                "HERD_SEARCH_INDEX_PREFIX", "outage" + Long.toHexString(System.nanoTime()));
    }

    @AfterAll
    static void stop() throws Exception {
        os.resume(); // the shared node serves the other search tests too
        if (herd != null) herd.close();
    }

    static List<String> found(Peer.User who, String q) {
        JsonNode r = who.ok(who.get("/api/v2/search?type=statuses&q=" + Peer.enc(q)));
        List<String> ids = new ArrayList<>();
        r.get("statuses").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void searchAnswers503WhileOpenSearchIsDownAndCatchesUpAfterwards() {
        Peer.User nell = herd.user("nell");
        String before = nell.status("otters before the outage", "public").get("id").asText();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!found(nell, "otters").contains(before) && System.nanoTime() < deadline) Http.sleep(200);
        assertThat(found(nell, "otters")).containsExactly(before);

        os.stop();
        List<String> during = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Http.Reply posted = nell.post("/api/v1/statuses", "status=" + Peer.enc("otters during the outage " + i));
            assertThat(posted.status()).as("posting works while OpenSearch is down").isEqualTo(200);
            during.add(posted.json().get("id").asText());
        }
        assertThat(nell.ok(nell.get("/api/v1/timelines/home")).findValuesAsText("id")).as("timelines too").containsAll(during);
        assertThat(nell.ok(nell.get("/api/v2/search?type=accounts&q=nel")).get("accounts")).as("account search too").hasSize(1);

        Http.Reply search = nell.get("/api/v2/search?type=statuses&q=otters");
        assertThat(search.status()).isEqualTo(503);
        assertThat(search.json().get("error").asText()).isEqualTo("Search is temporarily unavailable; please try again later");
        assertThat(search.body()).doesNotContain("Exception").doesNotContain("at social.herd");

        Http.Reply ready = herd.http.get("/health/ready");
        assertThat(ready.status()).as("the node stays ready: only search is affected").isEqualTo(200);
        assertThat(ready.body()).contains("search").contains("opensearch unreachable").contains("waiting");
        assertThat(herd.http.get("/metrics").body()).contains("herd_search_engine_up 0").contains("herd_search_backlog");

        os.resume();
        deadline = System.nanoTime() + 90_000_000_000L;
        List<String> ids = List.of();
        while (System.nanoTime() < deadline) {
            Http.Reply r = nell.get("/api/v2/search?type=statuses&q=otters");
            if (r.status() == 200) {
                ids = new ArrayList<>();
                for (JsonNode s : r.json().get("statuses")) ids.add(s.get("id").asText());
                if (ids.containsAll(during)) break;
            }
            Http.sleep(500);
        }
        assertThat(ids).as("the posts written during the outage, indexed without manual action").containsAll(during).contains(before);
        assertThat(herd.http.get("/metrics").body()).contains("herd_search_engine_up 1").contains("herd_search_backlog 0");
    }
}
