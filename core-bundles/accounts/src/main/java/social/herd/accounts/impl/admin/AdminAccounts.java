package social.herd.accounts.impl.admin;

import social.herd.accounts.impl.AccountEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.accounts.impl.AccountAdmin;
import social.herd.accounts.impl.AccountRemoval;
import social.herd.accounts.impl.AccountViews;
import social.herd.accounts.impl.PasswordService;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.api.auth.Role;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.api.events.EventTypes;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.id.IdGenerator;
import social.herd.web.api.ApiException;
import social.herd.web.api.PageRequest;

/**
 * Mastodon's account moderation: list and look at accounts, act on them (warn, mark sensitive,
 * disable, silence, suspend and their undoing), approve or reject sign-ups, delete suspended
 * accounts, change roles. Every action is one transaction, recorded in {@code account_warnings}
 * and logged once naming the moderator. Nobody acts on the owner, and moderators not on admins.
 */
@Component(service = AdminAccounts.class)
public final class AdminAccounts {

    static final Set<String> ACTIONS = Set.of("none", "sensitive", "disable", "silence", "suspend");
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccounts.class);

    /** Mastodon's Admin::Account. */
    public record Entity(String id, String username, String domain, Instant createdAt, String email, String ip,
                         List<Object> ips, String locale, String inviteRequest, AccountViews.Role role, boolean confirmed,
                         boolean approved, boolean disabled, boolean silenced, boolean suspended, boolean sensitized,
                         AccountViews.Account account) {}

    private final Database db;
    private final IdGenerator ids;
    private final PasswordService passwords;
    private final AccountAdmin operator;
    private final AccountViews views;
    private final AccountEvents events;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public AdminAccounts(@Reference Database db, @Reference IdGenerator ids, @Reference PasswordService passwords,
                         @Reference AccountAdmin operator, @Reference ServerSettings server, @Reference AccountEvents events,
                         @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this.events = events;
        this.db = db;
        this.ids = ids;
        this.passwords = passwords;
        this.operator = operator;
        this.views = new AccountViews(server);
    }

    public List<Entity> list(AdminAccountMapper.Filter filter, PageRequest page) {
        return db.read(tx -> {
            List<AdminAccountMapper.Row> rows = page.newestFirst(tx.mapper(AdminAccountMapper.class)
                    .page(filter, page.maxId(), page.sinceId(), page.minId(), page.limit()));
            return rows.stream().map(r -> entity(tx, r)).toList();
        });
    }

    public Entity get(long id) {
        return db.read(tx -> entity(tx, row(tx, id)));
    }

    /** Mastodon's {@code POST /:id/action}; {@code none} only records a warning. */
    public Entity action(Actor by, long id, String type, String text, Long reportId) {
        String t = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        if (!ACTIONS.contains(t)) throw ApiException.unprocessable("Validation failed: Type is not included in the list");
        String note = text == null ? "" : text.strip();
        if (note.length() > 5_000) throw ApiException.unprocessable("Validation failed: Text is too long");
        return change(by, id, t, tx -> {
            AdminAccountMapper m = tx.mapper(AdminAccountMapper.class);
            AdminAccountMapper.Row r = row(tx, id);
            switch (t) {
                case "sensitive" -> m.sensitized(id, true, clock.instant());
                case "silence" -> m.silenced(id, true, clock.instant());
                case "disable" -> {
                    if (r.userId() == null) throw ApiException.unprocessable("Only local accounts can be disabled");
                    m.disabled(id, true);
                    passwords.endSessions(tx, r.userId());
                }
                case "suspend" -> {
                    m.suspended(id, true, clock.instant());
                    if (r.userId() != null) passwords.endSessions(tx, r.userId());
                    events.account(tx, EventTypes.ACCOUNT_SUSPENDED, id);
                }
                default -> { }
            }
            m.warn(ids.nextId(), id, t, note, reportId, by.accountId(), clock.instant());
        });
    }

    /** Undoes one action: {@code enable}, {@code unsilence}, {@code unsuspend}, {@code unsensitive}. */
    public Entity undo(Actor by, long id, String what) {
        return change(by, id, what, tx -> {
            AdminAccountMapper m = tx.mapper(AdminAccountMapper.class);
            switch (what) {
                case "enable" -> m.disabled(id, false);
                case "unsilence" -> m.silenced(id, false, clock.instant());
                case "unsuspend" -> {
                    m.suspended(id, false, clock.instant());
                    events.account(tx, EventTypes.ACCOUNT_UNSUSPENDED, id);
                }
                case "unsensitive" -> m.sensitized(id, false, clock.instant());
                default -> throw new IllegalArgumentException(what);
            }
        });
    }

    /** Approves or rejects a pending sign-up (a rejected one is deleted, as Mastodon does). */
    public Entity decide(Actor by, long id, boolean approve) {
        AdminAccountMapper.Row r = db.read(tx -> row(tx, id));
        if (r.userId() == null || Boolean.TRUE.equals(r.approved())) {
            throw ApiException.forbidden("This account is not awaiting approval");
        }
        Entity before = get(id);
        try {
            if (approve) operator.approve(r.username());
            else operator.reject(r.username());
        } catch (AccountAdmin.Refused e) {
            throw ApiException.forbidden(e.getMessage());
        }
        LOG.info("admin action={} account_id={} by={}", approve ? "approve" : "reject", id, by.accountId());
        return approve ? get(id) : before;
    }

    /** Deletes a suspended account's data for good (Mastodon allows it only after suspension). */
    public Entity delete(Actor by, long id) {
        Entity before = get(id);
        if (!before.suspended()) throw ApiException.forbidden("Only suspended accounts can be deleted");
        guard(by, db.read(tx -> row(tx, id)));
        db.transaction(tx -> AccountRemoval.remove(tx, id));
        LOG.info("admin action=delete account_id={} by={}", id, by.accountId());
        return before;
    }

    /** Herd's role change: admins and the owner set user, moderator or admin; never the owner's role. */
    public Entity role(Actor by, long id, String role) {
        String r = role == null ? "" : role.strip().toLowerCase(Locale.ROOT);
        if (!Set.of("user", "moderator", "admin").contains(r)) {
            throw ApiException.unprocessable("Validation failed: Role must be user, moderator or admin");
        }
        if (by.role() != Role.OWNER && by.role() != Role.ADMIN) throw ApiException.forbidden("This action is not allowed");
        return change(by, id, "role:" + r, tx -> {
            AdminAccountMapper.Row row = row(tx, id);
            if (row.userId() == null) throw ApiException.unprocessable("Only local accounts have roles");
            tx.mapper(AdminAccountMapper.class).role(id, r);
        });
    }

    /** Who acts. */
    public record Actor(long accountId, Role role) {}

    private interface Work {
        void in(Tx tx);
    }

    private Entity change(Actor by, long id, String what, Work work) {
        db.transaction(tx -> {
            guard(by, row(tx, id));
            work.in(tx);
            return null;
        });
        LOG.info("admin action={} account_id={} by={}", what, id, by.accountId());
        return get(id);
    }

    /** Nobody acts on the owner or on themselves; moderators not on admins. */
    private static void guard(Actor by, AdminAccountMapper.Row target) {
        String role = target.role() == null ? "user" : target.role();
        if (role.equals("owner") || target.id() == by.accountId()) throw ApiException.forbidden("This action is not allowed");
        if (role.equals("admin") && by.role() == Role.MODERATOR) throw ApiException.forbidden("This action is not allowed");
    }

    private static AdminAccountMapper.Row row(Tx tx, long id) {
        AdminAccountMapper.Row r = tx.mapper(AdminAccountMapper.class).byId(id);
        if (r == null) throw ApiException.notFound();
        return r;
    }

    private Entity entity(Tx tx, AdminAccountMapper.Row r) {
        AccountViews.Account account = views.account(tx, tx.mapper(AccountMapper.class).byId(r.id()));
        boolean local = r.userId() != null;
        return new Entity(Long.toString(r.id()), r.username(), r.domain(), r.createdAt(), r.email(), null, List.of(),
                local ? r.locale() : null, r.approvalReason(), AccountViews.role(r.role() == null ? "user" : r.role()),
                r.confirmedAt() != null, !local || Boolean.TRUE.equals(r.approved()), Boolean.TRUE.equals(r.disabled()),
                r.silencedAt() != null, r.suspendedAt() != null, r.sensitizedAt() != null, account);
    }
}
