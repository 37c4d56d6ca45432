package social.herd.filters.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.filters.impl.FilterEntities.Filter;
import social.herd.filters.impl.FilterRequest.KeywordChange;
import social.herd.filters.impl.db.FilterMapper;
import social.herd.filters.impl.db.FilterRow;
import social.herd.filters.impl.db.KeywordRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * An account's filters v2: list, show, create, update (with Mastodon's nested
 * {@code keywords_attributes}) and delete. Every account sees only its own filters: another
 * account's id is 404, exactly like an unknown one. Each change publishes FILTERS_CHANGED.
 */
@Component(service = FilterService.class)
public final class FilterService {

    private final Database db;
    private final IdGenerator ids;
    private final FilterChanges changes;
    private final Clock clock;

    @Activate
    public FilterService(@Reference Database db, @Reference IdGenerator ids, @Reference FilterChanges changes,
                         @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.filters)") SchemaReady schema) {
        this(db, ids, changes, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public FilterService(Database db, IdGenerator ids, FilterChanges changes, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.changes = changes;
        this.clock = clock;
    }

    /** All of the account's filters, expired ones included (Mastodon lists them too). */
    public List<Filter> list(long accountId) {
        return db.read(tx -> tx.mapper(FilterMapper.class).byAccount(accountId, null).stream()
                .map(FilterEntities::filter).toList());
    }

    /** The V1 projection of all of the account's filters (one entry per keyword). */
    public List<FilterEntities.V1Filter> v1(long accountId) {
        return FilterEntities.v1(list(accountId));
    }

    public Filter get(long accountId, long id) {
        return db.read(tx -> FilterEntities.filter(require(tx, accountId, id)));
    }

    public Filter create(long accountId, FilterRequest in) {
        String title = FilterRules.title(in.title());
        List<String> context = FilterRules.context(in.context());
        String action = FilterRules.action(in.filterAction());
        Instant now = clock.instant();
        Instant expiresAt = expiresAt(in.expiry(), null, now);
        List<KeywordChange> added = in.keywords() == null ? List.of()
                : in.keywords().stream().filter(k -> !k.destroy()).toList();
        added.forEach(k -> FilterRules.keyword(k.keyword()));
        FilterRules.keywordCount(added.size());
        return db.transaction(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            m.lockAccount(accountId);
            FilterRules.filterCount(m.countFilters(accountId));
            long id = ids.nextId();
            m.insertFilter(id, accountId, title, Json.write(context), action, expiresAt, now);
            for (KeywordChange k : added) {
                m.insertKeyword(ids.nextId(), id, FilterRules.keyword(k.keyword()), k.wholeWord() == null || k.wholeWord(), now);
            }
            changes.changed(tx, accountId);
            return FilterEntities.filter(m.byId(id, accountId));
        });
    }

    public Filter update(long accountId, long id, FilterRequest in) {
        // validate what was sent before taking any lock
        String title = in.title() == null ? null : FilterRules.title(in.title());
        List<String> context = in.context() == null ? null : FilterRules.context(in.context());
        String action = in.filterAction() == null ? null : FilterRules.action(in.filterAction());
        Instant now = clock.instant();
        if (in.expiry() != null && in.expiry().seconds() != null) FilterRules.expiresIn(in.expiry().seconds());
        List<KeywordChange> keywords = in.keywords() == null ? List.of() : in.keywords();
        for (KeywordChange k : keywords) {
            if (!k.destroy() && (k.id() == null || k.keyword() != null)) FilterRules.keyword(k.keyword());
        }
        return db.transaction(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            if (m.lockFilter(id, accountId) == null) throw ApiException.notFound();
            Filter was = FilterEntities.filter(m.byId(id, accountId));
            applyKeywords(m, id, keywords, now);
            m.updateFilter(id, title == null ? was.title() : title, Json.write(context == null ? was.context() : context),
                    action == null ? was.filterAction() : action, expiresAt(in.expiry(), was.expiresAt(), now), now);
            changes.changed(tx, accountId);
            return FilterEntities.filter(m.byId(id, accountId));
        });
    }

    public void delete(long accountId, long id) {
        db.transaction(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            if (m.lockFilter(id, accountId) == null) throw ApiException.notFound();
            m.deleteFilter(id);
            changes.changed(tx, accountId);
            return null;
        });
    }

    /** Adds, changes and removes keywords as Rails' nested attributes do; an id of another filter is 404. */
    private void applyKeywords(FilterMapper m, long filterId, List<KeywordChange> changes, Instant now) {
        if (changes.isEmpty()) return;
        Map<Long, KeywordRow> rows = new HashMap<>();
        for (KeywordRow r : m.keywordsOf(filterId)) rows.put(r.id(), r);
        for (KeywordChange k : changes) {
            if (k.id() == null) {
                if (k.destroy()) continue; // nothing to remove
                m.insertKeyword(ids.nextId(), filterId, FilterRules.keyword(k.keyword()), k.wholeWord() == null || k.wholeWord(), now);
            } else if (!rows.containsKey(k.id())) {
                throw ApiException.notFound();
            } else if (k.destroy()) {
                m.deleteKeyword(k.id(), filterId);
            } else {
                KeywordRow r = rows.get(k.id());
                m.updateKeyword(k.id(), filterId, k.keyword() == null ? r.keyword() : FilterRules.keyword(k.keyword()),
                        k.wholeWord() == null ? r.wholeWord() : k.wholeWord(), now);
            }
        }
        FilterRules.keywordCount(m.countKeywords(filterId));
    }

    /** The filter's expiry after a request: unchanged when not sent, none for an empty value. */
    private static Instant expiresAt(FilterRequest.Expiry expiry, Instant current, Instant now) {
        if (expiry == null) return current;
        if (expiry.seconds() == null) return null;
        FilterRules.expiresIn(expiry.seconds());
        return now.plusSeconds(expiry.seconds());
    }

    static FilterRow require(Tx tx, long accountId, long id) {
        FilterRow r = tx.mapper(FilterMapper.class).byId(id, accountId);
        if (r == null) throw ApiException.notFound();
        return r;
    }
}
