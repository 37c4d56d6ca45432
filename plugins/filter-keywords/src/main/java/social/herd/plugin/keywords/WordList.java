package social.herd.plugin.keywords;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One configured list: plain words and phrases match whole words, case-insensitively in any
 * script; entries written {@code /like this/} are regular expressions (case-insensitive too).
 * Entries that do not compile are left out and reported through {@link #invalid()}.
 */
final class WordList {

    /** Text beyond this many characters is not looked at: a bound on any pattern's work. */
    static final int MAX_INPUT = 20_000;
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    private final List<Pattern> patterns = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final List<String> invalid = new ArrayList<>();

    WordList(String[] entries) {
        for (String raw : entries == null ? new String[0] : entries) {
            String e = raw == null ? "" : raw.strip();
            if (e.isEmpty()) continue;
            try {
                if (e.length() > 2 && e.startsWith("/") && e.endsWith("/")) {
                    patterns.add(Pattern.compile(e.substring(1, e.length() - 1), FLAGS));
                } else {
                    // whole words: no letter, digit or underscore right before or after
                    patterns.add(Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(e) + "(?![\\p{L}\\p{N}_])", FLAGS));
                }
                sources.add(e);
            } catch (PatternSyntaxException ex) {
                invalid.add(e);
            }
        }
    }

    /** The first entry found in {@code text}, as configured. */
    Optional<String> firstMatch(String text) {
        String t = text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text;
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(t).find()) return Optional.of(sources.get(i));
        }
        return Optional.empty();
    }

    List<String> invalid() {
        return invalid;
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }
}
