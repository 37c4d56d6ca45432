package social.herd.federation.impl.activity;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Mastodon's visibility of a remote post, inferred from its addressing as Mastodon does
 * ({@code ActivityPub::Activity::Create#visibility_from_audience}):
 *
 * <ol>
 *   <li>{@link #PUBLIC} when the public collection is in {@code to};</li>
 *   <li>{@link #UNLISTED} when it is in {@code cc} (only);</li>
 *   <li>{@link #PRIVATE} (followers only) when the author's followers collection is in {@code to}
 *       or {@code cc}. When the caller does not know the author's followers uri, any uri ending in
 *       {@code /followers} counts, except the followers collection of an actor the post mentions
 *       (Lemmy communities and Mastodon groups are addressed that way);</li>
 *   <li>{@link #DIRECT} otherwise. Mastodon's {@code limited} (addressed to people who are not
 *       mentioned, e.g. circles) does not exist here and is folded into direct, the nearest
 *       visibility that shows the post to no one but its addressees.</li>
 * </ol>
 *
 * <p>The public collection is recognised in its three spellings: the full IRI (with http or
 * https), the compact {@code as:Public} and the bare {@code Public}.
 */
public enum Visibility {
    PUBLIC, UNLISTED, PRIVATE, DIRECT;

    /** Every spelling of the public collection that servers send. */
    public static final Set<String> PUBLIC_COLLECTION = Set.of("https://www.w3.org/ns/activitystreams#Public",
            "http://www.w3.org/ns/activitystreams#Public", "as:Public", "Public");

    /** The name the Mastodon API and {@code RemoteNote.visibility} use: public, unlisted, private, direct. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code uri} is the public collection in any of its spellings. */
    public static boolean isPublic(String uri) {
        return uri != null && PUBLIC_COLLECTION.contains(uri.trim());
    }

    /**
     * The visibility of a post with this addressing.
     *
     * @param to the post's (or activity's) {@code to}; null means empty
     * @param cc its {@code cc}; null means empty
     * @param followersUri the author's followers collection, null when unknown
     * @param mentionedUris actors the post mentions (their followers collections are not the
     *     author's); null means none
     */
    public static Visibility infer(List<String> to, List<String> cc, String followersUri,
                                   Collection<String> mentionedUris) {
        List<String> toList = to == null ? List.of() : to;
        List<String> ccList = cc == null ? List.of() : cc;
        if (toList.stream().anyMatch(Visibility::isPublic)) {
            return PUBLIC;
        }
        if (ccList.stream().anyMatch(Visibility::isPublic)) {
            return UNLISTED;
        }
        Set<String> audience = new HashSet<>(toList);
        audience.addAll(ccList);
        if (followersUri != null) {
            return audience.contains(followersUri) ? PRIVATE : DIRECT;
        }
        Set<String> othersFollowers = new HashSet<>();
        if (mentionedUris != null) {
            for (String mentioned : mentionedUris) {
                if (mentioned != null) {
                    othersFollowers.add(stripSlash(mentioned) + "/followers");
                }
            }
        }
        for (String uri : audience) {
            if (uri != null && stripSlash(uri).endsWith("/followers") && !othersFollowers.contains(stripSlash(uri))) {
                return PRIVATE;
            }
        }
        return DIRECT;
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
