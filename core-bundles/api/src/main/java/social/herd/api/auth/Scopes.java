package social.herd.api.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Mastodon's OAuth scopes. A top-level scope ({@code read}, {@code write}, {@code admin:read}, ...)
 * covers its fine-grained forms ({@code read:accounts}); {@code follow} is the legacy scope that
 * covers {@code read:follows}, {@code write:follows}, {@code read:blocks}, {@code write:blocks},
 * {@code read:mutes} and {@code write:mutes}.
 */
public final class Scopes {

    /** Every scope a client may request; anything else is {@code invalid_scope}. */
    public static final Set<String> KNOWN = Set.of(
            "read", "write", "follow", "push", "profile",
            "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
            "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
            "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
            "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
            "write:reports", "write:statuses",
            "admin:read", "admin:write",
            "admin:read:accounts", "admin:read:reports", "admin:read:domain_allows", "admin:read:domain_blocks",
            "admin:read:ip_blocks", "admin:read:email_domain_blocks", "admin:read:canonical_email_blocks",
            "admin:write:accounts", "admin:write:reports", "admin:write:domain_allows", "admin:write:domain_blocks",
            "admin:write:ip_blocks", "admin:write:email_domain_blocks", "admin:write:canonical_email_blocks");

    private static final Set<String> FOLLOW = Set.of("read:follows", "write:follows", "read:blocks",
            "write:blocks", "read:mutes", "write:mutes");

    private Scopes() {}

    /** Splits a space-separated scope string ({@code "read write"}); empty or null means {@code read}. */
    public static Set<String> parse(String text) {
        if (text == null || text.isBlank()) return Set.of("read");
        return new LinkedHashSet<>(Arrays.asList(text.trim().split("[\\s+]+")));
    }

    /** True when every scope in {@code requested} is a known scope. */
    public static boolean allKnown(Set<String> requested) {
        return KNOWN.containsAll(requested);
    }

    /** True when {@code granted} covers {@code required}. */
    public static boolean allows(Set<String> granted, String required) {
        if (granted.contains(required)) return true;
        int colon = required.lastIndexOf(':');
        if (colon > 0 && granted.contains(required.substring(0, colon))) return true;
        return granted.contains("follow") && FOLLOW.contains(required);
    }
}
