package social.herd.search.impl.engine;

import java.util.List;

/**
 * Where posts are indexed and searched: PostgreSQL full-text (the default, no extra service) or
 * OpenSearch. The engine only finds candidates by text and operators, newest first; who may see
 * them is decided by {@code StatusSearch} through the statuses bundle.
 */
public interface SearchEngine {

    /** A short name for readiness and metrics ({@code postgresql}, {@code opensearch}). */
    String name();

    /** Adds or replaces a post's document. */
    void index(StatusDoc doc);

    /** Removes a post's document; nothing happens for one that is not indexed. */
    void remove(long statusId);

    /** Removes every document of an account (deleted: its posts go with it). */
    void removeAccount(long accountId);

    /**
     * Candidate post ids, newest first, below {@code maxId} when given.
     *
     * @throws SearchUnavailableException when the engine cannot answer now
     */
    List<Long> statuses(StatusQuery query, Long maxId, int limit);
}
