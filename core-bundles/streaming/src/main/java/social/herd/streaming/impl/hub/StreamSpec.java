package social.herd.streaming.impl.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import social.herd.api.auth.Principal;
import social.herd.api.statuses.StatusDirectory;
import social.herd.streaming.impl.Keys;

/**
 * One stream a connection listens to, as Mastodon names them ({@code user}, {@code public:media},
 * {@code hashtag:local}, ...), resolved for its viewer into the routing keys it hears.
 *
 * @param name          the stream's name
 * @param streamLabel   what WebSocket frames carry as {@code stream}: the name, plus the tag or list id
 * @param keys          the routing keys it listens on
 * @param filterContext the filters v2 context statuses are rendered with
 * @param onlyMedia     true for the {@code :media} streams
 */
public record StreamSpec(String name, List<String> streamLabel, List<String> keys, String filterContext,
                         boolean onlyMedia) {

    /** Every stream name a client may ask for. */
    public static final Set<String> NAMES = Set.of("user", "user:notification", "public", "public:media",
            "public:local", "public:local:media", "public:remote", "public:remote:media", "hashtag", "hashtag:local",
            "list", "direct");

    /** The identity of a subscription on one connection: Mastodon ignores a second identical subscribe. */
    public String identity() {
        return String.join(";", keys) + (onlyMedia ? ";media" : "");
    }

    /**
     * Resolves a stream for {@code viewer}.
     *
     * @param name   the stream name ({@code stream} of a WebSocket message, or derived from the SSE path)
     * @param param  reads {@code tag}, {@code list} and {@code only_media}; null when absent
     * @throws StreamException 400 for an unknown stream or a missing tag, 401 when the token's scopes
     *                         do not cover it, 404 for a list that is not the viewer's
     */
    public static StreamSpec resolve(String name, Function<String, String> param, Principal viewer) throws StreamException {
        if (name == null || !NAMES.contains(name)) throw new StreamException(400, "Unknown stream type");
        boolean media = truthy(param.apply("only_media"));
        String base = name.endsWith(":media") ? name.substring(0, name.length() - ":media".length()) : name;
        if (base.startsWith("public") && media && !name.endsWith(":media")) name = name + ":media";
        requireScope(viewer, name.equals("user:notification") ? "read:notifications" : "read:statuses");
        long id = viewer.accountId().orElseThrow(() -> new StreamException(401, "Invalid access token"));
        return switch (base) {
            case "user" -> {
                List<String> keys = new ArrayList<>(List.of(Keys.user(id)));
                // Mastodon sends notifications on the user stream only to tokens that may read them.
                if (viewer.allows("read:notifications")) keys.add(Keys.notifications(id));
                yield new StreamSpec(name, List.of(name), keys, StatusDirectory.HOME, false);
            }
            case "user:notification" -> new StreamSpec(name, List.of(name), List.of(Keys.notifications(id)),
                    StatusDirectory.NOTIFICATIONS, false);
            case "public" -> shared(name, Keys.PUBLIC, name.endsWith(":media"));
            case "public:local" -> shared(name, Keys.PUBLIC_LOCAL, name.endsWith(":media"));
            case "public:remote" -> shared(name, Keys.PUBLIC_REMOTE, name.endsWith(":media"));
            case "hashtag", "hashtag:local" -> {
                String tag = param.apply("tag");
                if (tag == null || tag.isBlank() || Keys.normalizeTag(tag).isEmpty()) {
                    throw new StreamException(400, "No tag for stream provided");
                }
                yield new StreamSpec(name, List.of(name, tag), List.of(Keys.hashtag(tag, name.endsWith(":local"))),
                        StatusDirectory.PUBLIC, false);
            }
            // No bundle owns lists yet, so no list is the viewer's (Mastodon's answer for someone else's list).
            case "list" -> throw new StreamException(404, "Not authorized to stream this list");
            case "direct" -> new StreamSpec(name, List.of(name), List.of(Keys.direct(id)), StatusDirectory.HOME, false);
            default -> throw new StreamException(400, "Unknown stream type");
        };
    }

    private static StreamSpec shared(String name, String key, boolean media) {
        return new StreamSpec(name, List.of(name), List.of(key), StatusDirectory.PUBLIC, media);
    }

    /** {@code read} covers both; Mastodon answers 401 for a token without them. */
    private static void requireScope(Principal viewer, String scope) throws StreamException {
        if (!viewer.allows(scope)) throw new StreamException(401, "Access token does not have the required scopes");
    }

    /** Mastodon's truthiness for query flags: anything but empty, 0, f, false, off. */
    static boolean truthy(String value) {
        if (value == null) return false;
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "0", "f", "false", "off", "no" -> false;
            default -> true;
        };
    }
}
