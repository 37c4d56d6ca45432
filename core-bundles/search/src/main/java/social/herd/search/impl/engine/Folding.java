package social.herd.search.impl.engine;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ASCII folding done the same way for documents and queries, whatever the engine: lower case,
 * accents and other combining marks removed ("Café Ünïcode" finds "cafe unicode" and back).
 */
public final class Folding {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Folding() {}

    public static String fold(String text) {
        if (text == null || text.isEmpty()) return "";
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
