package social.herd.accounts.impl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import social.herd.accounts.impl.db.AccountMapper;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.MoveMapper;
import social.herd.accounts.impl.db.UserRow;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Tx;
import social.herd.web.api.Json;

/**
 * Rows to Mastodon API entities (Account, CredentialAccount, Preferences). Local accounts show
 * addresses on this server; remote ones what their server published (actor uri, profile url,
 * images, HTML note and fields).
 */
public final class AccountViews {

    /** Mastodon's Account entity; the web JSON setup writes the components in snake_case. */
    public record Account(String id, String username, String acct, String displayName, boolean locked, boolean bot,
                          boolean discoverable, boolean indexable, boolean group, Instant createdAt, String note,
                          String url, String uri, String avatar, String avatarStatic, String header,
                          String headerStatic, int followersCount, int followingCount, int statusesCount,
                          String lastStatusAt, boolean hideCollections, boolean noindex, List<Object> emojis,
                          List<Object> roles, List<Field> fields,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Account moved) {}

    /** A profile field; {@code value} is HTML. */
    public record Field(String name, String value, Instant verifiedAt) {}

    /** What the user typed, for editing (source fields are plain text). */
    public record SourceField(String name, String value) {}

    /** {@code also_known_as_uris}: the aliases set for moves to this account (GoToSocial's field). */
    public record Source(String privacy, boolean sensitive, String language, String note, List<SourceField> fields,
                         int followRequestsCount, List<String> alsoKnownAsUris) {}

    public record Role(String id, String name, String permissions, String color, boolean highlighted) {}

    /** Mastodon's CredentialAccount: an Account plus source and role. */
    public record CredentialAccount(@JsonUnwrapped Account account, Source source, Role role) {}

    private static final TypeReference<List<Map<String, String>>> FIELDS = new TypeReference<>() {};
    private static final String MISSING_AVATAR = "/avatars/original/missing.png";
    private static final String MISSING_HEADER = "/headers/original/missing.png";

    private final ServerSettings server;

    public AccountViews(ServerSettings server) {
        this.server = server;
    }

    /**
     * The Account entity of {@code a}, with the account it moved to (read in {@code tx}) as
     * {@code moved}, as Mastodon nests it: one level deep, left out when that account is suspended.
     */
    public Account account(Tx tx, AccountRow a) {
        Account moved = null;
        if (a.movedToAccountId() != null) {
            AccountRow target = tx.mapper(AccountMapper.class).byId(a.movedToAccountId());
            if (target != null && target.suspendedAt() == null) moved = account(target, null);
        }
        return account(a, moved);
    }

    private Account account(AccountRow a, Account moved) {
        String base = base();
        String acct = a.local() ? a.username() : a.username() + "@" + a.domain();
        String uri;
        String url;
        String avatar;
        String header;
        List<Field> fields;
        if (a.local()) {
            uri = actorUri(a.username());
            url = base + "/@" + a.username();
            avatar = a.avatarPath() == null ? base + MISSING_AVATAR : base + "/system/" + a.avatarPath();
            header = a.headerPath() == null ? base + MISSING_HEADER : base + "/system/" + a.headerPath();
            fields = sourceFields(a).stream()
                    .map(f -> new Field(NoteHtml.escape(f.name()), NoteHtml.inline(f.value()), null)).toList();
        } else {
            // as the remote server published them; federation sanitised the HTML before storing it
            uri = a.uri() != null ? a.uri() : base + "/@" + acct;
            url = a.url() != null ? a.url() : uri;
            avatar = a.avatarRemoteUrl() != null ? a.avatarRemoteUrl() : base + MISSING_AVATAR;
            header = a.headerRemoteUrl() != null ? a.headerRemoteUrl() : base + MISSING_HEADER;
            fields = sourceFields(a).stream().map(f -> new Field(NoteHtml.escape(f.name()), f.value(), null)).toList();
        }
        // Mastodon reports the creation day, not the moment, so sign-up times are not exposed
        Instant created = a.createdAt().truncatedTo(ChronoUnit.DAYS);
        String lastStatus = a.lastStatusAt() == null ? null : LocalDate.ofInstant(a.lastStatusAt(), ZoneOffset.UTC).toString();
        return new Account(Long.toString(a.id()), a.username(), acct, a.displayName(), a.locked(), a.bot(),
                a.discoverable(), a.indexable(), "Group".equals(a.actorType()), created, a.noteHtml(), url, uri, avatar,
                avatar, header, header, a.followersCount(), a.followingCount(), a.statusesCount(), lastStatus, false,
                !a.indexable(), List.of(), List.of(), fields, moved);
    }

    /** @param followRequests pending follow requests to this account ({@code source.follow_requests_count}) */
    public CredentialAccount credentials(Tx tx, AccountRow a, UserRow u, int followRequests) {
        Source source = new Source(u.defaultPrivacy(), u.defaultSensitive(), u.defaultLanguage(), a.note(),
                sourceFields(a), followRequests, tx.mapper(MoveMapper.class).aliases(a.id()));
        return new CredentialAccount(account(tx, a), source, role(u.role()));
    }

    /** Mastodon's {@code GET /api/v1/preferences}; keys contain colons, hence a map. */
    public static Map<String, Object> preferences(UserRow u) {
        java.util.LinkedHashMap<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("posting:default:visibility", u.defaultPrivacy());
        p.put("posting:default:sensitive", u.defaultSensitive());
        p.put("posting:default:language", u.defaultLanguage());
        p.put("reading:expand:media", "default");
        p.put("reading:expand:spoilers", false);
        return p;
    }

    static List<SourceField> sourceFields(AccountRow a) {
        try {
            return Json.mapper().readValue(a.fields(), FIELDS).stream()
                    .map(m -> new SourceField(m.getOrDefault("name", ""), m.getOrDefault("value", ""))).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("accounts.fields is not a JSON array for account " + a.id(), e);
        }
    }

    /** Mastodon's built-in roles; permissions are its bit sets (1 = administrator). */
    public static Role role(String name) {
        return switch (name) {
            case "owner" -> new Role("3", "Owner", "1", "", true);
            case "admin" -> new Role("2", "Admin", "1", "", true);
            case "moderator" -> new Role("1", "Moderator", "1308", "", true);
            default -> new Role("-99", "", "65536", "", false);
        };
    }

    /** The ActivityPub id of local {@code username}, as federation publishes it. */
    String actorUri(String username) {
        return base() + "/users/" + username;
    }

    /** This server's public URL without a trailing slash. */
    String base() {
        return server.publicUrl().toString().replaceAll("/+$", "");
    }
}
