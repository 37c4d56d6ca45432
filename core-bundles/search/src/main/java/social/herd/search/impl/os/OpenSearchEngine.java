package social.herd.search.impl.os;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.health.HealthStatus;
import social.herd.search.impl.engine.SearchEngine;
import social.herd.search.impl.engine.SearchUnavailableException;
import social.herd.search.impl.engine.StatusDoc;
import social.herd.search.impl.engine.StatusQuery;

/**
 * The OpenSearch engine, used when the {@value #PID} configuration exists (it outranks the
 * PostgreSQL engine). Posts live in an index reached through the alias {@code <prefix>-statuses};
 * a rebuild fills a new index, announced by the alias {@code <prefix>-statuses-next} so that
 * every node writes to both meanwhile, and swaps the aliases in one atomic request at the end.
 *
 * <p>The text is analysed twice: folded (lower case, ASCII folding) for every post, and with the
 * stemmer and stop words of the post's language for the languages OpenSearch ships analysers for
 * ({@code text_en}, {@code text_de}, ...). A search matches every word in either form.
 */
@Component(service = SearchEngine.class, configurationPid = OpenSearchEngine.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {"herd.search.engine=opensearch", "service.ranking:Integer=100"})
public final class OpenSearchEngine implements SearchEngine {

    /** ConfigAdmin PID: {@code url}, {@code user}, {@code password}/{@code password_file}, {@code ca_file}, {@code index_prefix}. */
    public static final String PID = "social.herd.search.opensearch";
    /** Languages with their own analysed field (see statuses-index.json). */
    static final List<String> LANGUAGES = List.of("en", "de", "fr", "es", "it", "pt", "nl", "sv");
    /** How long a node trusts what it knows about a running rebuild before asking again. */
    static final long NEXT_ALIAS_CHECK_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchEngine.class);

    private final OpenSearchSettings settings;
    private final OpenSearchClients.Client client;
    private final OpenSearchIndex os;
    private final String alias;
    private final String nextAlias;
    private volatile boolean created;
    private volatile List<String> nextIndices = List.of();
    private volatile long nextCheckedAt;

    @Activate
    public OpenSearchEngine(Map<String, Object> properties) {
        this(OpenSearchSettings.from(properties));
    }

    public OpenSearchEngine(OpenSearchSettings settings) {
        this.settings = settings;
        this.client = OpenSearchClients.create(settings);
        this.os = new OpenSearchIndex(client.generic());
        this.alias = settings.indexPrefix() + "-statuses";
        this.nextAlias = alias + "-next";
        LOG.info("search engine opensearch url={} index={}", settings.url(), alias);
    }

    @Deactivate
    public void close() {
        try {
            client.transport().close();
        } catch (Exception e) {
            LOG.debug("closing the OpenSearch transport failed", e);
        }
    }

    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public void index(List<StatusDoc> docs) {
        if (docs.isEmpty()) return;
        ensureIndex();
        StringBuilder body = new StringBuilder();
        for (String target : targets()) for (StatusDoc d : docs) appendIndex(body, target, d);
        os.bulk(body.toString());
    }

    @Override
    public void remove(List<Long> statusIds) {
        if (statusIds.isEmpty()) return;
        ensureIndex();
        StringBuilder body = new StringBuilder();
        for (String target : targets()) {
            for (Long id : statusIds) {
                body.append("{\"delete\":{\"_index\":\"").append(target).append("\",\"_id\":\"").append(id).append("\"}}\n");
            }
        }
        os.bulk(body.toString());
    }

    @Override
    public void removeAccount(long accountId) {
        ensureIndex();
        String body = "{\"query\":{\"term\":{\"account_id\":" + accountId + "}}}";
        os.send("POST", "/" + String.join(",", targets()) + "/_delete_by_query?conflicts=proceed&refresh=true", body, 200);
    }

    @Override
    public List<Long> statuses(StatusQuery query, Long minId, Long maxId, int limit) {
        ensureIndex();
        ObjectNode body = OpenSearchQueries.search(query, minId, maxId, limit);
        OpenSearchIndex.Answer a = os.send("POST", "/" + alias + "/_search", body.toString(), 200);
        List<Long> ids = new ArrayList<>();
        for (var hit : a.json().path("hits").path("hits")) ids.add(Long.parseLong(hit.path("_id").asText()));
        return ids;
    }

    @Override
    public HealthStatus health() {
        try {
            OpenSearchIndex.Answer a = os.send("GET", "/_cluster/health", null, 200);
            String status = a.json().path("status").asText("unknown");
            return "red".equals(status) ? HealthStatus.down("cluster red") : HealthStatus.up("cluster " + status);
        } catch (SearchUnavailableException e) {
            return HealthStatus.down(e.getMessage());
        }
    }

    @Override
    public Rebuild rebuild() {
        ensureIndex();
        String index = alias + "-" + System.currentTimeMillis();
        os.send("PUT", "/" + index, OpenSearchIndex.definition(), 200);
        os.send("POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"" + index + "\",\"alias\":\"" + nextAlias + "\"}}]}", 200);
        // every node re-reads the rebuild alias within a second: from then on new writes reach both indices
        sleep(2 * NEXT_ALIAS_CHECK_MS + 200);
        return new Rebuild() {
            @Override
            public String target() {
                return "index " + index + " (live index keeps answering until the swap)";
            }

            @Override
            public void index(List<StatusDoc> docs) {
                if (docs.isEmpty()) return;
                StringBuilder body = new StringBuilder();
                for (StatusDoc d : docs) appendIndex(body, index, d);
                os.bulk(body.toString());
            }

            @Override
            public void finish() {
                os.send("POST", "/" + index + "/_refresh", null, 200);
                List<String> old = os.indicesOf(alias);
                ArrayNode actions = OpenSearchIndex.json().createArrayNode();
                for (String o : old) actions.addObject().putObject("remove").put("index", o).put("alias", alias);
                actions.addObject().putObject("add").put("index", index).put("alias", alias);
                actions.addObject().putObject("remove").put("index", index).put("alias", nextAlias);
                ObjectNode body = OpenSearchIndex.json().createObjectNode();
                body.set("actions", actions);
                os.send("POST", "/_aliases", body.toString(), 200);
                for (String o : old) os.send("DELETE", "/" + o, null, 200, 404);
                nextCheckedAt = 0;
                LOG.info("search index rebuilt index={} replaced={}", index, old);
            }

            @Override
            public void abort() {
                try {
                    os.send("DELETE", "/" + index, null, 200, 404);
                } catch (SearchUnavailableException e) {
                    LOG.warn("could not drop the half-built search index index={} error={}", index, e.getMessage());
                }
            }
        };
    }

    /** Creates the first index with its alias when there is none (a node that loses the race finds it made). */
    private void ensureIndex() {
        if (created) return;
        synchronized (this) {
            if (created) return;
            if (os.indicesOf(alias).isEmpty()) {
                String first = alias + "-1";
                ObjectNode definition = (ObjectNode) readTree(OpenSearchIndex.definition());
                definition.putObject("aliases").putObject(alias);
                OpenSearchIndex.Answer a = os.send("PUT", "/" + first, definition.toString(), 200, 400);
                if (a.status() == 400 && !a.json().path("error").path("type").asText().equals("resource_already_exists_exception")) {
                    throw new SearchUnavailableException("OpenSearch refused to create index " + first + ": "
                            + a.json().path("error").path("reason").asText("400"));
                }
                LOG.info("search index created index={} alias={}", first, alias);
            }
            created = true;
        }
    }

    /** The live alias, plus the index being rebuilt when there is one. */
    private List<String> targets() {
        long now = System.currentTimeMillis();
        if (now - nextCheckedAt > NEXT_ALIAS_CHECK_MS) {
            nextIndices = os.indicesOf(nextAlias);
            nextCheckedAt = now;
        }
        if (nextIndices.isEmpty()) return List.of(alias);
        List<String> t = new ArrayList<>(nextIndices.size() + 1);
        t.add(alias);
        t.addAll(nextIndices);
        return t;
    }

    private static void appendIndex(StringBuilder body, String target, StatusDoc d) {
        body.append("{\"index\":{\"_index\":\"").append(target).append("\",\"_id\":\"").append(d.statusId()).append("\"}}\n");
        body.append(document(d).toString()).append('\n');
    }

    static ObjectNode document(StatusDoc d) {
        ObjectNode n = OpenSearchIndex.json().createObjectNode();
        n.put("status_id", d.statusId());
        n.put("account_id", d.accountId());
        n.put("visibility", d.visibility());
        if (d.language() != null) n.put("language", d.language());
        n.put("created_at", d.createdAt().toString());
        n.put("has_media", d.hasMedia());
        n.put("has_poll", d.hasPoll());
        n.put("is_reply", d.isReply());
        n.put("sensitive", d.sensitive());
        n.put("text", d.text());
        String lang = d.language() == null ? null : d.language().toLowerCase(java.util.Locale.ROOT);
        if (lang != null && lang.length() > 2) lang = lang.substring(0, 2);
        if (lang != null && LANGUAGES.contains(lang)) n.put("text_" + lang, d.text());
        return n;
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return OpenSearchIndex.json().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For the benchmark and tests: the alias searched. */
    public String alias() {
        return alias;
    }
}
