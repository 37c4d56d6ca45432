package social.herd.search.impl.engine;

import java.util.List;
import social.herd.api.health.HealthStatus;

/**
 * Where posts are indexed and searched: PostgreSQL full-text (the default, no extra service) or
 * OpenSearch. The engine only finds candidates by text and operators, newest first; who may see
 * them is decided by {@code StatusSearch} through the statuses bundle. Every method may throw
 * {@link SearchUnavailableException} when the engine cannot be reached.
 */
public interface SearchEngine {

    /** A short name for readiness and metrics ({@code postgresql}, {@code opensearch}). */
    String name();

    /** Adds or replaces documents (one bulk request where the engine has them). */
    void index(List<StatusDoc> docs);

    /** Removes posts' documents; ids that are not indexed are ignored. */
    void remove(List<Long> statusIds);

    /** Removes every document of an account (deleted or suspended: its posts go with it). */
    void removeAccount(long accountId);

    /** Candidate post ids, newest first, above {@code minId} and below {@code maxId} when given. */
    List<Long> statuses(StatusQuery query, Long minId, Long maxId, int limit);

    /** Whether the engine answers now, with a short detail for readiness (never secrets). */
    HealthStatus health();

    /**
     * Starts rebuilding the whole index next to the live one: documents written to the returned
     * rebuild are not searched until {@link Rebuild#finish()} makes them live at once, and
     * meanwhile the index worker writes to both. For an engine that updates in place, writes go
     * straight to the live index.
     */
    Rebuild rebuild();

    /** A rebuild in progress (see {@link SearchEngine#rebuild()}). */
    interface Rebuild {
        /** Where the rebuild writes, for progress output. */
        String target();

        void index(List<StatusDoc> docs);

        /** Makes the rebuilt index the live one and drops the old one. */
        void finish();

        /** Drops the half-built index; the live one is untouched. */
        void abort();
    }
}
