package social.herd.admin.impl.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import social.herd.api.moderation.RemoteReports;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.db.Database;
import social.herd.api.db.Tx;
import social.herd.api.db.SchemaReady;
import social.herd.api.events.Event;
import social.herd.api.events.EventTypes;
import social.herd.api.events.Events;
import social.herd.api.id.IdGenerator;
import social.herd.api.instance.ServerRules;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;
import social.herd.spi.rules.Rule;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * Filing reports (Mastodon's {@code POST /api/v1/reports}). The report and its
 * {@code report.created} event are written in one transaction; the notifications bundle tells the
 * moderators ({@code admin.report}).
 */
@Component(service = {ReportService.class, RemoteReports.class})
public final class ReportService implements RemoteReports {

    static final int COMMENT_MAX = 1000;
    static final int STATUSES_MAX = 100;
    /** Reports one account may file per hour: enough for real use, too few to flood moderators. */
    static final int PER_HOUR = 30;
    static final Set<String> CATEGORIES = Set.of("spam", "legal", "violation", "other");

    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);

    /** What a client asked for. */
    public record Filing(Long accountId, List<Long> statusIds, String comment, boolean forward, String category,
                         List<String> ruleIds) {}

    private final Database db;
    private final IdGenerator ids;
    private final AccountDirectory accounts;
    private final StatusDirectory statuses;
    private final ServerRules rules;
    private final Events events;
    private final Clock clock;

    @Activate
    public ReportService(@Reference Database db, @Reference IdGenerator ids, @Reference AccountDirectory accounts,
                         @Reference StatusDirectory statuses, @Reference ServerRules rules, @Reference Events events,
                         @Reference(target = "(herd.schema=social.herd.admin)") SchemaReady schema) {
        this(db, ids, accounts, statuses, rules, events, Clock.systemUTC());
    }

    /** For tests. */
    public ReportService(Database db, IdGenerator ids, AccountDirectory accounts, StatusDirectory statuses,
                         ServerRules rules, Events events, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.accounts = accounts;
        this.statuses = statuses;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    /** Files a report by {@code reporterId}; 422 for anything Mastodon would refuse. */
    public ReportRow file(long reporterId, Filing in) {
        if (in.accountId() == null) throw ApiException.unprocessable("Validation failed: Account can't be blank");
        AccountSummary target = accounts.byId(in.accountId()).orElseThrow(ApiException::notFound);
        String comment = in.comment() == null ? "" : in.comment().strip();
        if (comment.codePointCount(0, comment.length()) > COMMENT_MAX) {
            throw ApiException.unprocessable("Validation failed: Comment is too long (maximum is " + COMMENT_MAX + " characters)");
        }
        Set<Long> statusIds = new LinkedHashSet<>(in.statusIds());
        if (statusIds.size() > STATUSES_MAX) throw ApiException.unprocessable("Validation failed: Too many statuses");
        for (Long id : statusIds) {
            // only the reported account's posts, and only ones the reporter can see
            StatusFacts f = statuses.facts(id).orElse(null);
            if (f == null || f.accountId() != target.id() || !statuses.visibleTo(reporterId, id)) {
                throw ApiException.unprocessable("Validation failed: Statuses are invalid");
            }
        }
        String category = category(in);
        List<String> ruleIds = ruleIds(in, category);
        ReportRow row = db.transaction(tx -> {
            ReportMapper m = tx.mapper(ReportMapper.class);
            if (m.recentBy(reporterId) >= PER_HOUR) {
                throw new ApiException(429, "Too many reports, please try again later");
            }
            Instant now = clock.instant();
            ReportRow r = new ReportRow(ids.nextId(), reporterId, target.id(), Json.write(List.copyOf(statusIds)),
                    Json.write(ruleIds), comment, category, in.forward() && !target.local(), null, now);
            return insert(tx, r);
        });
        LOG.info("report filed report_id={} target_account_id={} category={}", row.id(), row.targetAccountId(), category);
        return row;
    }

    /**
     * A report from another server ({@code Flag}): no rate limit, rules or visibility checks (the
     * other server's moderators saw the posts); posts not by the target are dropped, the comment
     * is cut to the usual length, and it is never forwarded back.
     */
    @Override
    public Optional<Long> fileRemote(long reporterId, long targetAccountId, List<Long> statusIds, String comment) {
        AccountSummary target = accounts.byId(targetAccountId).orElse(null);
        if (target == null || !target.local()) return Optional.empty();
        List<Long> own = statusIds.stream().distinct().limit(STATUSES_MAX)
                .filter(id -> statuses.facts(id).map(f -> f.accountId() == targetAccountId).orElse(false)).toList();
        String text = comment == null ? "" : comment.strip();
        if (text.codePointCount(0, text.length()) > COMMENT_MAX) {
            text = text.substring(0, text.offsetByCodePoints(0, COMMENT_MAX));
        }
        String note = text;
        ReportRow row = db.transaction(tx -> {
            ReportRow r = new ReportRow(ids.nextId(), reporterId, targetAccountId, Json.write(own), Json.write(List.of()),
                    note, "other", false, null, clock.instant());
            return insert(tx, r);
        });
        LOG.info("remote report filed report_id={} target_account_id={} reporter_account_id={}", row.id(), targetAccountId,
                reporterId);
        return Optional.of(row.id());
    }

    /** Stores the report and tells moderators ({@code report.created}) in the same transaction. */
    private ReportRow insert(Tx tx, ReportRow r) {
        tx.mapper(ReportMapper.class).insert(r);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("report_id", r.id());
        d.put("account_id", r.accountId());
        d.put("target_account_id", r.targetAccountId());
        if (r.forwarded()) {
            d.put("forward", true);
            d.put("status_ids", list(r.statusIds()));
            d.put("comment", r.comment());
        }
        events.publish(tx, new Event(EventTypes.REPORT_CREATED, d));
        return r;
    }

    /** Mastodon: violation when rules are named, else other, unless the client says. */
    private static String category(Filing in) {
        if (in.category() == null || in.category().isBlank()) {
            return in.ruleIds().isEmpty() ? "other" : "violation";
        }
        String c = in.category().strip().toLowerCase(Locale.ROOT);
        if (!CATEGORIES.contains(c)) throw ApiException.unprocessable("Validation failed: Category is not included in the list");
        return c;
    }

    private List<String> ruleIds(Filing in, String category) {
        if (in.ruleIds().isEmpty()) return List.of();
        if (!category.equals("violation")) return List.of(); // Mastodon ignores rules for other categories
        Set<String> known = new LinkedHashSet<>();
        for (Rule r : rules.current(Locale.ENGLISH)) known.add(r.id());
        for (String id : in.ruleIds()) {
            if (!known.contains(id)) throw ApiException.unprocessable("Validation failed: Rule ids are invalid");
        }
        return List.copyOf(new LinkedHashSet<>(in.ruleIds()));
    }

    /** The ids stored as JSON text. */
    static List<String> list(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<List<String>>() {});
        } catch (Exception e) {
            return List.of();
        }
    }
}
