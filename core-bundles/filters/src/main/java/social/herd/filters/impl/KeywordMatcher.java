package social.herd.filters.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import social.herd.filters.impl.FilterEntities.FilterKeyword;

/**
 * The keywords of one filter, compiled once. Matching is case-insensitive (Unicode case folding);
 * a whole-word keyword must not touch a word character on either side where the keyword itself
 * starts or ends with one — Mastodon's rule ({@code \b} only next to word characters), so
 * {@code "#tag"} or {@code "c++"} still match as written.
 */
final class KeywordMatcher {

    /** Word characters as Ruby's {@code [[:word:]]}: letters, marks, decimal digits, connectors. */
    private static final String WORD = "[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private final Pattern any;
    private final List<String> keywords;
    private final List<Pattern> each;

    private KeywordMatcher(Pattern any, List<String> keywords, List<Pattern> each) {
        this.any = any;
        this.keywords = keywords;
        this.each = each;
    }

    /** Null when there are no keywords. */
    static KeywordMatcher of(List<FilterKeyword> keywords) {
        if (keywords.isEmpty()) return null;
        List<String> names = new ArrayList<>(keywords.size());
        List<Pattern> each = new ArrayList<>(keywords.size());
        StringBuilder any = new StringBuilder();
        for (FilterKeyword k : keywords) {
            String regex = regex(k.keyword(), k.wholeWord());
            names.add(k.keyword());
            each.add(Pattern.compile(regex, FLAGS));
            if (!any.isEmpty()) any.append('|');
            any.append("(?:").append(regex).append(')');
        }
        return new KeywordMatcher(Pattern.compile(any.toString(), FLAGS), List.copyOf(names), List.copyOf(each));
    }

    /**
     * The keywords found in {@code text}, in the filter's order, or null when none is. One pass
     * with the combined pattern decides; only a hit (rare) tries the keywords one by one.
     */
    List<String> matches(String text) {
        if (text == null || text.isEmpty() || !any.matcher(text).find()) return null;
        List<String> out = new ArrayList<>(1);
        for (int i = 0; i < each.size(); i++) {
            if (each.get(i).matcher(text).find()) out.add(keywords.get(i));
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    static String regex(String keyword, boolean wholeWord) {
        String quoted = Pattern.quote(keyword);
        if (!wholeWord) return quoted;
        StringBuilder b = new StringBuilder();
        if (isWord(keyword.codePointAt(0))) b.append("(?<!").append(WORD).append(')');
        b.append(quoted);
        if (isWord(keyword.codePointBefore(keyword.length()))) b.append("(?!").append(WORD).append(')');
        return b.toString();
    }

    private static boolean isWord(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.CONNECTOR_PUNCTUATION -> true;
            default -> false;
        };
    }
}
