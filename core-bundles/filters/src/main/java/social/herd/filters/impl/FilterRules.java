package social.herd.filters.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import social.herd.web.api.ApiException;

/**
 * What a filter may hold, and the 422 errors in Mastodon's shape
 * ({@code Validation failed: Title can't be blank}) when a request asks for more.
 */
final class FilterRules {

    static final String WARN = "warn", HIDE = "hide", BLUR = "blur";

    /** Mastodon's contexts; anything else is refused. */
    static final Set<String> CONTEXTS = Set.of("home", "notifications", "public", "thread", "account");

    static final Set<String> ACTIONS = Set.of(WARN, HIDE, BLUR);

    /** Bounds that keep one account's compiled filters (cached per node) small. */
    static final int MAX_FILTERS = 100, MAX_KEYWORDS = 100, MAX_STATUSES = 1000;

    /** Mastodon's length limits for titles and keywords, in characters. */
    static final int MAX_TITLE = 256, MAX_KEYWORD = 512;

    /** Longer than any sensible expiry; guards the arithmetic against absurd numbers. */
    static final long MAX_EXPIRES_IN = Duration.ofDays(3650).toSeconds();

    private FilterRules() {}

    static String title(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) throw invalid("Title can't be blank");
        if (t.codePointCount(0, t.length()) > MAX_TITLE) throw invalid("Title is too long (maximum is " + MAX_TITLE + " characters)");
        return t;
    }

    /** The contexts, de-duplicated in the order given; Mastodon refuses an empty or unknown one. */
    static List<String> context(List<String> context) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (context != null) {
            for (String c : context) {
                String v = c == null ? "" : c.strip().toLowerCase(Locale.ROOT);
                if (!CONTEXTS.contains(v)) throw invalid("Context None or invalid context supplied");
                out.add(v);
            }
        }
        if (out.isEmpty()) throw invalid("Context can't be blank");
        return new ArrayList<>(out);
    }

    static String action(String action) {
        if (action == null || action.isBlank()) return WARN;
        String a = action.strip().toLowerCase(Locale.ROOT);
        if (!ACTIONS.contains(a)) throw invalid("Filter action is not included in the list");
        return a;
    }

    static String keyword(String keyword) {
        String k = keyword == null ? "" : keyword.strip();
        if (k.isEmpty()) throw invalid("Keyword can't be blank");
        if (k.codePointCount(0, k.length()) > MAX_KEYWORD) {
            throw invalid("Keyword is too long (maximum is " + MAX_KEYWORD + " characters)");
        }
        return k;
    }

    static void expiresIn(long seconds) {
        if (seconds <= 0 || seconds > MAX_EXPIRES_IN) throw invalid("Expires in is invalid");
    }

    static void filterCount(int existing) {
        if (existing >= MAX_FILTERS) throw invalid("Maximum number of filters reached (" + MAX_FILTERS + ")");
    }

    static void keywordCount(int total) {
        if (total > MAX_KEYWORDS) throw invalid("Keywords are too many (maximum is " + MAX_KEYWORDS + " per filter)");
    }

    static void statusCount(int total) {
        if (total > MAX_STATUSES) throw invalid("Statuses are too many (maximum is " + MAX_STATUSES + " per filter)");
    }

    static ApiException invalid(String what) {
        return ApiException.unprocessable("Validation failed: " + what);
    }
}
