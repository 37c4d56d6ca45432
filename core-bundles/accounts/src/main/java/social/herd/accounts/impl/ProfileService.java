package social.herd.accounts.impl;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import social.herd.api.federation.Resolver;
import social.herd.accounts.impl.AccountViews.SourceField;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.RelationshipMapper;
import social.herd.accounts.impl.db.UserMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.db.Tx;
import social.herd.api.events.EventTypes;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/** Reading accounts and editing one's own profile and posting defaults. */
@Component(service = ProfileService.class)
public final class ProfileService {

    static final int DISPLAY_NAME_MAX = 30;
    static final int NOTE_MAX = 500;
    static final int FIELDS_MAX = 4;
    static final int FIELD_TEXT_MAX = 255;
    private static final Set<String> PRIVACY = Set.of("public", "unlisted", "private");

    /**
     * A profile edit; null components stay as they are.
     *
     * @param fields the complete new list of fields, or null to keep them
     */
    public record ProfileUpdate(String displayName, String note, Boolean locked, Boolean bot, Boolean discoverable,
                                Boolean indexable, List<SourceField> fields, String privacy, Boolean sensitive,
                                String language, Upload avatar, Upload header) {}

    private final Database db;
    private final AccountViews views;
    private final MediaFiles media;
    private final AccountEvents events;
    private final Clock clock;

    /** Federation's resolver, when federation runs: finds accounts of other servers on first lookup. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Resolver resolver;

    @Activate
    public ProfileService(@Reference Database db, @Reference ServerSettings server, @Reference AccountEvents events,
                          @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, server, events, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public ProfileService(Database db, ServerSettings server, AccountEvents events, Clock clock) {
        this.db = db;
        this.events = events;
        this.views = new AccountViews(server);
        this.media = new MediaFiles(server.dataDir());
        this.clock = clock;
    }

    /** A visible account, local or remote; 404 when unknown or suspended. */
    public AccountViews.Account account(long id) {
        return db.read(tx -> visible(tx, tx.mapper(AccountMapper.class).byId(id)));
    }

    /**
     * {@code acct} is {@code user}, {@code user@this-domain} or {@code user@other-domain}; a remote
     * account is found only when it is stored already (fetching it is federation's work).
     */
    public AccountViews.Account lookup(String acct, String localDomain, String webDomain) {
        if (acct == null || acct.isBlank()) throw ApiException.notFound();
        String name = acct.trim().replaceFirst("^@", "");
        int at = name.indexOf('@');
        String domain = at < 0 ? null : name.substring(at + 1);
        String username = at < 0 ? name : name.substring(0, at);
        if (username.isEmpty()) throw ApiException.notFound();
        boolean local = domain == null || domain.equalsIgnoreCase(localDomain) || domain.equalsIgnoreCase(webDomain);
        AccountRow known = db.read(tx -> {
            AccountMapper accounts = tx.mapper(AccountMapper.class);
            return local ? accounts.localByUsername(username) : accounts.remoteByHandle(username, domain);
        });
        Resolver r = resolver;
        if (known == null && !local && r != null) {
            // not seen yet: ask its server (WebFinger, then the actor), as the issue's lookup requires
            Long id = r.account(username + "@" + domain).orElse(null);
            if (id != null) return db.read(tx -> visible(tx, tx.mapper(AccountMapper.class).byId(id)));
        }
        return db.read(tx -> visible(tx, known));
    }

    private AccountViews.Account visible(Tx tx, AccountRow a) {
        if (a == null || a.suspendedAt() != null) throw ApiException.notFound();
        return views.account(tx, a);
    }

    /** Accounts whose username or display name starts with {@code q}. */
    public List<AccountViews.Account> search(String q, int limit) {
        return search(db, views, q, limit);
    }

    /** Shared with the directory's {@code search} for other bundles. */
    static List<AccountViews.Account> search(Database db, AccountViews views, String q, int limit) {
        String term = q == null ? "" : q.trim().replaceFirst("^@", "");
        int at = term.indexOf('@');
        if (at >= 0) term = term.substring(0, at);
        if (term.isEmpty()) return List.of();
        String lower = term.toLowerCase(Locale.ROOT);
        String prefix = lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return db.read(tx -> tx.mapper(AccountMapper.class).searchPrefix(prefix, lower, limit).stream()
                .map(a -> views.account(tx, a)).toList());
    }

    public AccountViews.CredentialAccount credentials(long accountId) {
        return db.read(tx -> {
            AccountRow a = tx.mapper(AccountMapper.class).byId(accountId);
            UserRow u = tx.mapper(UserMapper.class).byAccountId(accountId);
            if (a == null || u == null) throw ApiException.notFound();
            requireUsable(u);
            return views.credentials(tx, a, u, tx.mapper(RelationshipMapper.class).countFollowRequests(accountId));
        });
    }

    public Map<String, Object> preferences(long accountId) {
        UserRow u = db.read(tx -> tx.mapper(UserMapper.class).byAccountId(accountId));
        if (u == null) throw ApiException.notFound();
        return AccountViews.preferences(u);
    }

    /**
     * Applies a profile edit in one transaction.
     *
     * @throws jakarta.ws.rs.WebApplicationException 422 {@code Validation failed: ...} for bad input
     */
    public AccountViews.CredentialAccount update(long accountId, ProfileUpdate p) {
        ValidationErrors errors = validate(p);
        errors.throwIfAny();
        // files first, outside the transaction; removed again if the transaction fails
        String avatarPath = p.avatar() == null ? null : media.store("avatars", accountId, p.avatar());
        String headerPath = p.header() == null ? null : media.store("headers", accountId, p.header());
        Instant now = clock.instant();
        String[] replaced = new String[2];
        AccountViews.CredentialAccount result;
        try {
            result = db.transaction(tx -> {
                AccountMapper accounts = tx.mapper(AccountMapper.class);
                UserMapper users = tx.mapper(UserMapper.class);
                AccountRow a = accounts.byId(accountId);
                UserRow u = users.byAccountId(accountId);
                if (a == null || u == null) throw ApiException.notFound();
                requireUsable(u);
                String note = p.note() == null ? a.note() : p.note();
                String noteHtml = p.note() == null ? a.noteHtml() : NoteHtml.note(p.note());
                String fields = p.fields() == null ? a.fields() : Json.write(p.fields());
                replaced[0] = avatarPath == null ? null : a.avatarPath();
                replaced[1] = headerPath == null ? null : a.headerPath();
                String displayName = p.displayName() == null ? a.displayName() : p.displayName().strip();
                accounts.updateProfile(accountId, displayName, note, noteHtml, or(p.locked(), a.locked()),
                        or(p.bot(), a.bot()), or(p.discoverable(), a.discoverable()), or(p.indexable(), a.indexable()),
                        fields, avatarPath == null ? a.avatarPath() : avatarPath,
                        headerPath == null ? a.headerPath() : headerPath, now);
                // federation sends the new actor (Update) on this; posting defaults are not part of it
                if (profileChanged(a, accounts.byId(accountId)) || avatarPath != null || headerPath != null) {
                    events.account(tx, EventTypes.ACCOUNT_UPDATED, accountId);
                }
                if (p.privacy() != null || p.sensitive() != null || p.language() != null) {
                    String language = p.language() == null ? u.defaultLanguage() : (p.language().isBlank() ? null : p.language());
                    users.updatePostingDefaults(u.id(), p.privacy() == null ? u.defaultPrivacy() : p.privacy(),
                            or(p.sensitive(), u.defaultSensitive()), language, now);
                }
                return views.credentials(tx, accounts.byId(accountId), users.byAccountId(accountId),
                        tx.mapper(RelationshipMapper.class).countFollowRequests(accountId));
            });
        } catch (RuntimeException e) {
            media.delete(avatarPath);
            media.delete(headerPath);
            throw e;
        }
        // the replaced images go only once the new ones are committed
        media.delete(replaced[0]);
        media.delete(replaced[1]);
        return result;
    }

    /** Whether what other servers see of the profile differs between the two rows. */
    private static boolean profileChanged(AccountRow before, AccountRow after) {
        return !before.displayName().equals(after.displayName()) || !before.noteHtml().equals(after.noteHtml())
                || before.locked() != after.locked() || before.bot() != after.bot()
                || before.discoverable() != after.discoverable() || before.indexable() != after.indexable()
                || !AccountViews.sourceFields(before).equals(AccountViews.sourceFields(after));
    }

    /** Mastodon's answers for a token whose user may not act (yet). */
    static void requireUsable(UserRow u) {
        if (u.suspended()) throw ApiException.forbidden("Your login is currently disabled");
        if (!u.confirmed()) throw ApiException.forbidden("Your login is missing a confirmed e-mail address");
        if (!u.approved()) throw ApiException.forbidden("Your login is currently pending approval");
    }

    private static ValidationErrors validate(ProfileUpdate p) {
        ValidationErrors errors = new ValidationErrors();
        if (p.displayName() != null && p.displayName().strip().codePointCount(0, p.displayName().strip().length()) > DISPLAY_NAME_MAX) {
            errors.add("display_name", "ERR_TOO_LONG", "is too long (maximum is " + DISPLAY_NAME_MAX + " characters)");
        }
        if (p.note() != null && p.note().codePointCount(0, p.note().length()) > NOTE_MAX) {
            errors.add("note", "ERR_TOO_LONG", "is too long (maximum is " + NOTE_MAX + " characters)");
        }
        if (p.fields() != null) {
            if (p.fields().size() > FIELDS_MAX) {
                errors.add("fields", "ERR_TOO_LONG", "is too long (maximum is " + FIELDS_MAX + " fields)");
            }
            for (SourceField f : p.fields()) {
                if (f.name().length() > FIELD_TEXT_MAX || f.value().length() > FIELD_TEXT_MAX) {
                    errors.add("fields", "ERR_TOO_LONG", "is too long (maximum is " + FIELD_TEXT_MAX + " characters per name or value)");
                    break;
                }
            }
        }
        if (p.privacy() != null && !PRIVACY.contains(p.privacy())) {
            errors.add("source_privacy", "ERR_INCLUSION", "is not included in the list");
        }
        if (p.language() != null && !p.language().isBlank() && !AccountRules.validLocale(p.language())) {
            errors.add("source_language", "ERR_INCLUSION", "is not included in the list");
        }
        checkUpload(errors, "avatar", p.avatar());
        checkUpload(errors, "header", p.header());
        return errors;
    }

    private static void checkUpload(ValidationErrors errors, String name, Upload upload) {
        if (upload == null) return;
        String problem = MediaFiles.problem(upload);
        if (problem != null) errors.add(name, "ERR_INVALID", problem);
    }

    private static boolean or(Boolean value, boolean current) {
        return value == null ? current : value;
    }

    /** Keeps only fields with a name or a value, as Mastodon drops empty rows of the edit form. */
    static List<SourceField> nonEmpty(List<SourceField> fields) {
        List<SourceField> out = new ArrayList<>();
        for (SourceField f : fields) if (!f.name().isBlank() || !f.value().isBlank()) out.add(f);
        return out;
    }
}
