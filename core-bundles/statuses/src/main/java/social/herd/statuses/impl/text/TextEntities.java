package social.herd.statuses.impl.text;

import com.twitter.twittertext.Extractor;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the links, mentions and hashtags of a status text and counts its length, as Mastodon does:
 * URLs and hashtags with twitter-text (Mastodon's extractor is a fork of it), mentions with
 * Mastodon's own pattern because twitter-text knows no {@code @user@domain}.
 */
public final class TextEntities {

    /** Every link counts this many characters, however long it is (Mastodon's URL_PLACEHOLDER). */
    public static final int URL_LENGTH = 23;

    /**
     * Mastodon's Account::MENTION_RE: {@code @user} or {@code @user@domain}, not inside words or
     * URLs; a domain may carry a port ({@code @bob@127.0.0.1:8443}), as servers on test and
     * development setups do.
     */
    private static final Pattern MENTION = Pattern.compile(
            "(?<![=/\\w])@(([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@(\\w+(?:[.-]+\\w+)*(?::\\d{1,5}(?!\\d))?))?)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    /** What an entity is. */
    public enum Kind { URL, MENTION, HASHTAG }

    /**
     * One entity in the text.
     *
     * @param start  UTF-16 index of its first character (the {@code @} or {@code #} included)
     * @param end    UTF-16 index after it
     * @param value  the URL; the hashtag without {@code #}; the mention's username
     * @param domain a mention's domain, or null
     */
    public record Entity(int start, int end, Kind kind, String value, String domain) {

        /** A mention's {@code user} or {@code user@domain}. */
        public String acct() {
            return domain == null ? value : value + "@" + domain;
        }
    }

    private TextEntities() {}

    /** The entities of {@code text} in text order, without overlaps (the earlier one wins). */
    public static List<Entity> extract(String text) {
        if (text == null || text.isEmpty()) return List.of();
        Extractor extractor = new Extractor();
        // Mastodon links only what has a scheme: "example.com" in a sentence stays text
        extractor.setExtractURLWithoutProtocol(false);
        List<Entity> found = new ArrayList<>();
        for (Extractor.Entity e : extractor.extractURLsWithIndices(text)) {
            found.add(new Entity(e.getStart(), e.getEnd(), Kind.URL, e.getValue(), null));
        }
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            found.add(new Entity(m.start(), m.end(), Kind.MENTION, m.group(2), m.group(3) == null ? null
                    : m.group(3).toLowerCase(Locale.ROOT)));
        }
        for (Extractor.Entity e : extractor.extractHashtagsWithIndices(text)) {
            found.add(new Entity(e.getStart(), e.getEnd(), Kind.HASHTAG, e.getValue(), null));
        }
        found.sort(Comparator.comparingInt(Entity::start).thenComparing(e -> e.kind().ordinal()));
        List<Entity> out = new ArrayList<>();
        int taken = 0;
        for (Entity e : found) {
            if (e.start() >= taken) {
                out.add(e);
                taken = e.end();
            }
        }
        return out;
    }

    /**
     * The length Mastodon's StatusLengthValidator counts: grapheme clusters of the content warning
     * plus those of the text in which every URL counts {@value #URL_LENGTH} and a remote mention
     * counts as its local part ({@code @bob@example.com} as {@code @bob}).
     */
    public static int length(String text, String spoilerText) {
        return graphemes(spoilerText) + graphemes(countable(text));
    }

    private static String countable(String text) {
        if (text == null || text.isBlank()) return "";
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Entity e : extract(text)) {
            if (e.kind() == Kind.HASHTAG) continue;
            out.append(text, at, e.start());
            out.append(e.kind() == Kind.URL ? "x".repeat(URL_LENGTH) : "@" + e.value());
            at = e.end();
        }
        return out.append(text.substring(at)).toString();
    }

    private static int graphemes(String s) {
        if (s == null || s.isEmpty()) return 0;
        BreakIterator it = BreakIterator.getCharacterInstance(Locale.ROOT);
        it.setText(s);
        int n = 0;
        while (it.next() != BreakIterator.DONE) n++;
        return n;
    }
}
