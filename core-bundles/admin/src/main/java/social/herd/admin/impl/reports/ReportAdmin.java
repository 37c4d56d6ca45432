package social.herd.admin.impl.reports;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.instance.ServerRules;
import social.herd.api.statuses.StatusDirectory;
import social.herd.spi.rules.Rule;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;
import social.herd.web.api.PageRequest;

/**
 * Reports as moderators work through them (Mastodon's admin reports API): list open or resolved
 * ones, take one, hand it back, resolve, reopen, recategorise. Each change is one update and one
 * log line naming the moderator.
 */
@Component(service = ReportAdmin.class)
public final class ReportAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(ReportAdmin.class);

    /** Mastodon's Admin::Report, with accounts as {@link AdminAccount}. */
    public record Report(String id, boolean actionTaken, Instant actionTakenAt, String category, String comment,
                         boolean forwarded, Instant createdAt, Instant updatedAt, AdminAccount account,
                         AdminAccount targetAccount, AdminAccount assignedAccount, AdminAccount actionTakenByAccount,
                         List<Object> statuses, List<Map<String, String>> rules) {}

    /** The parts of Mastodon's Admin::Account a report view needs; {@code account} is the public Account. */
    public record AdminAccount(String id, String username, String domain, Instant createdAt, boolean suspended, Object account) {}

    private final Database db;
    private final AccountDirectory accounts;
    private final StatusDirectory statuses;
    private final ServerRules rules;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public ReportAdmin(@Reference Database db, @Reference AccountDirectory accounts, @Reference StatusDirectory statuses,
                       @Reference ServerRules rules, @Reference(target = "(herd.schema=social.herd.admin)") SchemaReady schema) {
        this.db = db;
        this.accounts = accounts;
        this.statuses = statuses;
        this.rules = rules;
    }

    public List<Report> list(long moderatorId, boolean resolved, Long accountId, Long targetId, PageRequest page) {
        List<ReportAdminMapper.Row> rows = page.newestFirst(db.read(tx -> tx.mapper(ReportAdminMapper.class)
                .page(resolved, accountId, targetId, page.maxId(), page.sinceId(), page.minId(), page.limit())));
        return rows.stream().map(r -> view(moderatorId, r)).toList();
    }

    public Report get(long moderatorId, long id) {
        return view(moderatorId, row(id));
    }

    public Report assign(long moderatorId, long id, boolean toSelf) {
        row(id);
        db.transaction(tx -> tx.mapper(ReportAdminMapper.class).assign(id, toSelf ? moderatorId : null, clock.instant()));
        LOG.info("report {} report_id={} moderator_account_id={}", toSelf ? "assigned" : "unassigned", id, moderatorId);
        return get(moderatorId, id);
    }

    public Report resolve(long moderatorId, long id) {
        row(id);
        db.transaction(tx -> tx.mapper(ReportAdminMapper.class).resolve(id, moderatorId, clock.instant()));
        LOG.info("report resolved report_id={} moderator_account_id={}", id, moderatorId);
        return get(moderatorId, id);
    }

    public Report reopen(long moderatorId, long id) {
        row(id);
        db.transaction(tx -> tx.mapper(ReportAdminMapper.class).reopen(id, clock.instant()));
        LOG.info("report reopened report_id={} moderator_account_id={}", id, moderatorId);
        return get(moderatorId, id);
    }

    /** Changes category and rules; 422 for an unknown category or rule, rules only for violations. */
    public Report update(long moderatorId, long id, String category, List<String> ruleIds) {
        ReportAdminMapper.Row r = row(id);
        String c = category == null || category.isBlank() ? r.category() : category.strip().toLowerCase(Locale.ROOT);
        if (!ReportService.CATEGORIES.contains(c)) throw ApiException.unprocessable("Validation failed: Category is not included in the list");
        List<String> keep = ruleIds == null ? ReportService.list(r.ruleIds()) : ruleIds;
        Set<String> known = new LinkedHashSet<>();
        for (Rule rule : rules.current(Locale.ENGLISH)) known.add(rule.id());
        if (!keep.stream().allMatch(known::contains)) throw ApiException.unprocessable("Validation failed: Rule ids are invalid");
        String stored = Json.write(c.equals("violation") ? List.copyOf(new LinkedHashSet<>(keep)) : List.of());
        db.transaction(tx -> tx.mapper(ReportAdminMapper.class).update(id, c, stored, clock.instant()));
        LOG.info("report updated report_id={} category={} moderator_account_id={}", id, c, moderatorId);
        return get(moderatorId, id);
    }

    private ReportAdminMapper.Row row(long id) {
        ReportAdminMapper.Row r = db.read(tx -> tx.mapper(ReportAdminMapper.class).byId(id));
        if (r == null) throw ApiException.notFound();
        return r;
    }

    private Report view(long moderatorId, ReportAdminMapper.Row r) {
        List<Long> statusIds = ReportService.list(r.statusIds()).stream().map(Long::parseLong).toList();
        Map<Long, Object> rendered = statusIds.isEmpty() ? Map.of() : statuses.render(moderatorId, statusIds, null);
        List<Object> shown = statusIds.stream().map(rendered::get).filter(java.util.Objects::nonNull).toList();
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule rule : rules.current(Locale.ENGLISH)) byId.put(rule.id(), rule);
        List<Map<String, String>> named = ReportService.list(r.ruleIds()).stream().filter(byId::containsKey)
                .map(id -> Map.of("id", id, "text", byId.get(id).text(), "hint", byId.get(id).hint())).toList();
        return new Report(Long.toString(r.id()), r.actionTakenAt() != null, r.actionTakenAt(), r.category(), r.comment(),
                r.forwarded(), r.createdAt(), r.updatedAt(), admin(r.accountId()), admin(r.targetAccountId()),
                r.assignedAccountId() == null ? null : admin(r.assignedAccountId()),
                r.actionTakenByAccountId() == null ? null : admin(r.actionTakenByAccountId()), shown, named);
    }

    private AdminAccount admin(long id) {
        AccountSummary a = accounts.byId(id).orElse(null);
        if (a == null) return null;
        Instant created = accounts.stats(id).map(s -> s.createdAt()).orElse(null);
        return new AdminAccount(Long.toString(id), a.username(), a.domain(), created, a.suspended(),
                accounts.render(List.of(id)).get(id));
    }
}
