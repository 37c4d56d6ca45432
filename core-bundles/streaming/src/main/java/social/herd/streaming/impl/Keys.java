package social.herd.streaming.impl;

import java.util.Locale;

/**
 * Routing keys: the names under which open streams listen and to which messages are addressed.
 * They mirror Mastodon's timeline channels; the {@code :media} streams listen on the plain key and
 * keep only messages with media.
 */
public final class Keys {

    public static final String PUBLIC = "public", PUBLIC_LOCAL = "public:local", PUBLIC_REMOTE = "public:remote";

    private Keys() {}

    /** Home timeline updates, deletes and filter changes of an account. */
    public static String user(long accountId) {
        return "user:" + accountId;
    }

    /** Notifications of an account. */
    public static String notifications(long accountId) {
        return "user:" + accountId + ":notification";
    }

    /** Direct conversations of an account. */
    public static String direct(long accountId) {
        return "direct:" + accountId;
    }

    /** Public posts with a hashtag, from anywhere or ({@code local}) from this server only. */
    public static String hashtag(String tag, boolean local) {
        return "hashtag:" + normalizeTag(tag) + (local ? ":local" : "");
    }

    /** A tag as routing compares it: without a leading {@code #}, lower case (as statuses stores tags). */
    public static String normalizeTag(String tag) {
        String t = tag.strip();
        if (t.startsWith("#")) t = t.substring(1);
        return t.toLowerCase(Locale.ROOT);
    }
}
