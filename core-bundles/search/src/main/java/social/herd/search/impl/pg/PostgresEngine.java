package social.herd.search.impl.pg;

import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.health.HealthStatus;
import social.herd.search.impl.engine.Folding;
import social.herd.search.impl.engine.SearchEngine;
import social.herd.search.impl.engine.StatusDoc;
import social.herd.search.impl.engine.StatusQuery;

/**
 * The default engine: PostgreSQL full-text search in the server's own database. Documents are
 * folded to lower-case ASCII and indexed with the {@code simple} configuration (no stemming, every
 * language alike); queries go through {@code websearch_to_tsquery}, which understands quoted
 * phrases, {@code -word} and {@code or}.
 */
@Component(service = SearchEngine.class, property = "herd.search.engine=postgresql")
public final class PostgresEngine implements SearchEngine {

    private final Database db;

    @Activate
    public PostgresEngine(@Reference Database db, @Reference(target = "(herd.schema=social.herd.search)") SchemaReady schema) {
        this(db);
    }

    /** For tests. */
    public PostgresEngine(Database db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void index(List<StatusDoc> docs) {
        if (docs.isEmpty()) return;
        // one statement per 500 documents: PostgreSQL allows 65,535 parameters, a row takes 10
        List<SearchMapper.Folded> rows = docs.stream().map(d -> new SearchMapper.Folded(d, Folding.fold(d.text()))).toList();
        db.transaction(tx -> {
            SearchMapper m = tx.mapper(SearchMapper.class);
            for (int i = 0; i < rows.size(); i += 500) m.upsert(rows.subList(i, Math.min(rows.size(), i + 500)));
            return null;
        });
    }

    @Override
    public void remove(List<Long> statusIds) {
        if (statusIds.isEmpty()) return;
        db.transaction(tx -> tx.mapper(SearchMapper.class).delete(statusIds));
    }

    @Override
    public void removeAccount(long accountId) {
        db.transaction(tx -> tx.mapper(SearchMapper.class).deleteAccount(accountId));
    }

    @Override
    public List<Long> statuses(StatusQuery query, Long minId, Long maxId, int limit) {
        String text = query.text() == null || query.text().isBlank() ? null : Folding.fold(query.text());
        return db.read(tx -> tx.mapper(SearchMapper.class).find(query, text, minId, maxId, limit));
    }

    @Override
    public HealthStatus health() {
        return HealthStatus.up("postgresql");
    }

    /** The table is updated in place: a rebuild upserts every document while search keeps answering. */
    @Override
    public Rebuild rebuild() {
        return new Rebuild() {
            @Override
            public String target() {
                return "search_statuses (in place)";
            }

            @Override
            public void index(List<StatusDoc> docs) {
                PostgresEngine.this.index(docs);
            }

            @Override
            public void finish() {
                // nothing to swap; the planner needs statistics of what was just written
                db.transaction(tx -> {
                    tx.mapper(SearchMapper.class).analyze();
                    return null;
                });
            }

            @Override
            public void abort() {
                // documents written so far are current anyway
            }
        };
    }
}
