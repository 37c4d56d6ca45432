package social.herd.federation.impl.activity;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Mastodon's visibility inference from addressing: Public in {@code to} → public; Public in
 * {@code cc} → unlisted; the author's followers collection addressed (or, when that is unknown,
 * any collection ending in {@code /followers}) → private; otherwise direct.
 */
public final class Visibility {

    static final Set<String> PUBLIC = Set.of("https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public");

    private Visibility() {}

    public static String infer(List<String> to, List<String> cc, String followersUri, Collection<String> mentioned) {
        if (to.stream().anyMatch(PUBLIC::contains)) return "public";
        if (cc.stream().anyMatch(PUBLIC::contains)) return "unlisted";
        boolean followers = followersUri != null
                ? to.contains(followersUri) || cc.contains(followersUri)
                : to.stream().anyMatch(u -> u.endsWith("/followers")) || cc.stream().anyMatch(u -> u.endsWith("/followers"));
        return followers ? "private" : "direct";
    }
}
