package social.herd.filters.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.id.IdGenerator;
import social.herd.api.statuses.StatusDirectory;
import social.herd.filters.impl.FilterEntities.FilterKeyword;
import social.herd.filters.impl.FilterEntities.FilterStatus;
import social.herd.filters.impl.db.FilterMapper;
import social.herd.filters.impl.db.KeywordRow;
import social.herd.filters.impl.db.StatusRuleRow;
import social.herd.web.api.ApiException;

/**
 * A filter's keywords and statuses one by one ({@code /api/v2/filters/:id/keywords},
 * {@code /api/v2/filters/keywords/:id} and the same for statuses). Ownership is checked through
 * the filter, so another account's keyword or status id is 404. Each change publishes
 * FILTERS_CHANGED, like a change of the filter itself.
 */
@Component(service = RuleService.class)
public final class RuleService {

    private final Database db;
    private final IdGenerator ids;
    private final FilterChanges changes;
    private final Clock clock;
    private volatile StatusDirectory statuses;

    @Activate
    public RuleService(@Reference Database db, @Reference IdGenerator ids, @Reference FilterChanges changes,
                       @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.filters)") SchemaReady schema) {
        this(db, ids, changes, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public RuleService(Database db, IdGenerator ids, FilterChanges changes, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.changes = changes;
        this.clock = clock;
    }

    /** The statuses bundle, when installed, confirms that a filtered status exists and is visible. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setStatuses(StatusDirectory statuses) {
        this.statuses = statuses;
    }

    public void unsetStatuses(StatusDirectory gone) {
        if (this.statuses == gone) this.statuses = null;
    }

    public List<FilterKeyword> keywords(long accountId, long filterId) {
        return db.read(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            if (m.owned(filterId, accountId) == null) throw ApiException.notFound();
            return m.keywordsOf(filterId).stream().map(FilterEntities::keyword).toList();
        });
    }

    public FilterKeyword keyword(long accountId, long id) {
        return db.read(tx -> FilterEntities.keyword(requireKeyword(tx.mapper(FilterMapper.class), accountId, id)));
    }

    /** {@code wholeWord} null: true, Mastodon's default. */
    public FilterKeyword addKeyword(long accountId, long filterId, String keyword, Boolean wholeWord) {
        String k = FilterRules.keyword(keyword);
        return db.transaction(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            if (m.lockFilter(filterId, accountId) == null) throw ApiException.notFound();
            FilterRules.keywordCount(m.countKeywords(filterId) + 1);
            long id = ids.nextId();
            Instant now = clock.instant();
            m.insertKeyword(id, filterId, k, wholeWord == null || wholeWord, now);
            m.touchFilter(filterId, now);
            changes.changed(tx, accountId);
            return FilterEntities.keyword(m.keyword(id, accountId));
        });
    }

    /** Null arguments keep what the keyword has. */
    public FilterKeyword updateKeyword(long accountId, long id, String keyword, Boolean wholeWord) {
        String k = keyword == null ? null : FilterRules.keyword(keyword);
        return db.transaction(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            KeywordRow r = requireKeyword(m, accountId, id);
            m.lockFilter(r.filterId(), accountId);
            Instant now = clock.instant();
            if (m.updateKeyword(id, r.filterId(), k == null ? r.keyword() : k, wholeWord == null ? r.wholeWord() : wholeWord,
                    now) == 0) {
                throw ApiException.notFound(); // deleted meanwhile
            }
            m.touchFilter(r.filterId(), now);
            changes.changed(tx, accountId);
            return FilterEntities.keyword(m.keyword(id, accountId));
        });
    }

    public void deleteKeyword(long accountId, long id) {
        db.transaction(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            KeywordRow r = requireKeyword(m, accountId, id);
            m.deleteKeyword(id, r.filterId());
            m.touchFilter(r.filterId(), clock.instant());
            changes.changed(tx, accountId);
            return null;
        });
    }

    public List<FilterStatus> statuses(long accountId, long filterId) {
        return db.read(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            if (m.owned(filterId, accountId) == null) throw ApiException.notFound();
            return m.statusesOf(filterId).stream().map(FilterEntities::status).toList();
        });
    }

    public FilterStatus status(long accountId, long id) {
        return db.read(tx -> FilterEntities.status(requireStatus(tx.mapper(FilterMapper.class), accountId, id)));
    }

    /** Adds a status the account may see; twice is 422 as in Mastodon ("has already been taken"). */
    public FilterStatus addStatus(long accountId, long filterId, Long statusId) {
        if (statusId == null) throw FilterRules.invalid("Status must exist");
        StatusDirectory directory = statuses;
        // checked before our transaction: the directory reads in a transaction of its own
        if (directory != null && !directory.visibleTo(accountId, statusId)) throw FilterRules.invalid("Status must exist");
        return db.transaction(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            if (m.lockFilter(filterId, accountId) == null) throw ApiException.notFound();
            FilterRules.statusCount(m.countStatuses(filterId) + 1);
            long id = ids.nextId();
            Instant now = clock.instant();
            if (m.insertStatus(id, filterId, statusId, now) == 0) throw FilterRules.invalid("Status has already been taken");
            m.touchFilter(filterId, now);
            changes.changed(tx, accountId);
            return FilterEntities.status(m.status(id, accountId));
        });
    }

    public void deleteStatus(long accountId, long id) {
        db.transaction(tx -> {
            FilterMapper m = tx.mapper(FilterMapper.class);
            StatusRuleRow r = requireStatus(m, accountId, id);
            m.deleteStatus(id, r.filterId());
            m.touchFilter(r.filterId(), clock.instant());
            changes.changed(tx, accountId);
            return null;
        });
    }

    private static KeywordRow requireKeyword(FilterMapper m, long accountId, long id) {
        KeywordRow r = m.keyword(id, accountId);
        if (r == null) throw ApiException.notFound();
        return r;
    }

    private static StatusRuleRow requireStatus(FilterMapper m, long accountId, long id) {
        StatusRuleRow r = m.status(id, accountId);
        if (r == null) throw ApiException.notFound();
        return r;
    }
}
