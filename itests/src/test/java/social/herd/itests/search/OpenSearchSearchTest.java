package social.herd.itests.search;

import java.util.List;
import social.herd.testing.TestOpenSearch;

/** The search suite on OpenSearch reached over plain http without credentials. */
class OpenSearchSearchTest extends OpenSearchSuite {

    @Override
    List<String> engineEnv() {
        return List.of("HERD_SEARCH_ENGINE", "opensearch", "HERD_OPENSEARCH_URL", TestOpenSearch.shared().url(),
                "HERD_SEARCH_INDEX_PREFIX", prefix);
    }
}
