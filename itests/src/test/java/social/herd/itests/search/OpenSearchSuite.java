package social.herd.itests.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.herd.itests.federation.Peer;
import social.herd.testing.TestOpenSearch;

/**
 * The search suite on a real OpenSearch node (the shared {@link TestOpenSearch}), plus what only
 * this engine does: language-aware analysis (English stemming) and reindexing into a new index
 * with an alias swap. Subclasses say how the node is reached; each uses its own index prefix.
 */
abstract class OpenSearchSuite extends SearchSuite {

    static final ObjectMapper JSON = new ObjectMapper();
    final String prefix = getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + Long.toHexString(System.nanoTime());

    @Override
    void wipeIndex() {
        TestOpenSearch.shared().request("POST", "/" + prefix + "-statuses/_delete_by_query?refresh=true",
                "{\"query\":{\"match_all\":{}}}");
    }

    @Override
    String engineName() {
        return "opensearch";
    }

    @Test
    void englishPostsAreFoundByOtherFormsOfTheirWords() {
        Peer.User kim = herd.user("kim");
        String en = kim.ok(kim.post("/api/v1/statuses", "language=en&status=" + Peer.enc("The children were running to the libraries")))
                .get("id").asText();
        String de = kim.ok(kim.post("/api/v1/statuses", "language=de&status=" + Peer.enc("Die Kinder liefen zur Bibliothek")))
                .get("id").asText();
        assertThat(awaitFound(kim, "runs library", en)).as("stems of the English words").containsExactly(en);
        assertThat(awaitFound(kim, "kinder bibliothek", de)).containsExactly(de);
        assertThat(found(kim, "children language:de")).isEmpty();
        assertThat(found(kim, "library language:en")).containsExactly(en);
    }

    @Test
    void reindexSwapsTheAliasToANewIndex() throws Exception {
        Peer.User lou = herd.user("lou");
        String id = lou.status("swapping aliases for lighthouses", "public").get("id").asText();
        assertThat(awaitFound(lou, "lighthouses", id)).containsExactly(id);
        List<String> before = indices();
        String out = herd.server.command("search", "reindex");
        assertThat(out).contains("live index keeps answering").contains("done:");
        List<String> after = indices();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(found(lou, "lighthouses")).containsExactly(id);
        String later = lou.status("more lighthouses after the swap", "public").get("id").asText();
        assertThat(awaitFound(lou, "lighthouses", later)).containsExactly(later, id);
    }

    /** The indices the live alias points at. */
    List<String> indices() throws Exception {
        JsonNode aliases = JSON.readTree(TestOpenSearch.shared().request("GET", "/_alias/" + prefix + "-statuses", null));
        List<String> names = new java.util.ArrayList<>();
        aliases.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
