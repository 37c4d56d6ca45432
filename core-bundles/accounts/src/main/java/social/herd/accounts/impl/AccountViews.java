package social.herd.accounts.impl;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import social.herd.accounts.impl.db.AccountRow;
import social.herd.accounts.impl.db.UserRow;
import social.herd.api.config.ServerSettings;
import social.herd.web.api.Json;

/** Rows to Mastodon API entities (Account, CredentialAccount, Preferences). */
public final class AccountViews {

    /** Mastodon's Account entity; the web JSON setup writes the components in snake_case. */
    public record Account(String id, String username, String acct, String displayName, boolean locked, boolean bot,
                          boolean discoverable, boolean indexable, boolean group, Instant createdAt, String note,
                          String url, String uri, String avatar, String avatarStatic, String header,
                          String headerStatic, int followersCount, int followingCount, int statusesCount,
                          String lastStatusAt, boolean hideCollections, boolean noindex, List<Object> emojis,
                          List<Object> roles, List<Field> fields) {}

    /** A profile field; {@code value} is HTML. */
    public record Field(String name, String value, Instant verifiedAt) {}

    /** What the user typed, for editing (source fields are plain text). */
    public record SourceField(String name, String value) {}

    public record Source(String privacy, boolean sensitive, String language, String note, List<SourceField> fields,
                         int followRequestsCount) {}

    public record Role(String id, String name, String permissions, String color, boolean highlighted) {}

    /** Mastodon's CredentialAccount: an Account plus source and role. */
    public record CredentialAccount(@JsonUnwrapped Account account, Source source, Role role) {}

    private static final TypeReference<List<Map<String, String>>> FIELDS = new TypeReference<>() {};

    private final ServerSettings server;

    public AccountViews(ServerSettings server) {
        this.server = server;
    }

    public Account account(AccountRow a) {
        String base = base();
        String url = a.local() ? base + "/@" + a.username() : base + "/@" + a.username() + "@" + a.domain();
        String uri = base + "/users/" + a.username();
        String avatar = a.avatarPath() == null ? base + "/avatars/original/missing.png" : base + "/system/" + a.avatarPath();
        String header = a.headerPath() == null ? base + "/headers/original/missing.png" : base + "/system/" + a.headerPath();
        List<Field> fields = sourceFields(a).stream()
                .map(f -> new Field(NoteHtml.escape(f.name()), NoteHtml.inline(f.value()), null)).toList();
        // Mastodon reports the creation day, not the moment, so sign-up times are not exposed
        Instant created = a.createdAt().truncatedTo(ChronoUnit.DAYS);
        String lastStatus = a.lastStatusAt() == null ? null : LocalDate.ofInstant(a.lastStatusAt(), ZoneOffset.UTC).toString();
        String acct = a.local() ? a.username() : a.username() + "@" + a.domain();
        return new Account(Long.toString(a.id()), a.username(), acct, a.displayName(), a.locked(), a.bot(),
                a.discoverable(), a.indexable(), false, created, a.noteHtml(), url, uri, avatar, avatar, header, header,
                a.followersCount(), a.followingCount(), a.statusesCount(), lastStatus, false, !a.indexable(), List.of(),
                List.of(), fields);
    }

    /** @param followRequests pending follow requests to this account ({@code source.follow_requests_count}) */
    public CredentialAccount credentials(AccountRow a, UserRow u, int followRequests) {
        Source source = new Source(u.defaultPrivacy(), u.defaultSensitive(), u.defaultLanguage(), a.note(),
                sourceFields(a), followRequests);
        return new CredentialAccount(account(a), source, role(u.role()));
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
    static Role role(String name) {
        return switch (name) {
            case "owner" -> new Role("3", "Owner", "1", "", true);
            case "admin" -> new Role("2", "Admin", "1", "", true);
            case "moderator" -> new Role("1", "Moderator", "1308", "", true);
            default -> new Role("-99", "", "65536", "", false);
        };
    }

    private String base() {
        return server.publicUrl().toString().replaceAll("/+$", "");
    }
}
