package social.herd.accounts.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders profile text typed by a user into the safe HTML Mastodon clients display: everything is
 * escaped (no HTML from the user survives), blank lines separate {@code <p>} paragraphs, single
 * line breaks become {@code <br />}, and http(s) URLs become links.
 */
public final class NoteHtml {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    /** Punctuation that ends a sentence rather than the URL before it. */
    private static final String TRAILING = ".,;:!?)]}'";

    private NoteHtml() {}

    /** The HTML of a profile note; empty text gives an empty string. */
    public static String note(String text) {
        if (text == null || text.isBlank()) return "";
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : normalised.split("\n\\s*\n")) {
            List<String> lines = new ArrayList<>();
            for (String line : paragraph.strip().split("\n")) lines.add(inline(line));
            paragraphs.add("<p>" + String.join("<br />", lines) + "</p>");
        }
        return String.join("", paragraphs);
    }

    /** One line of escaped text with linked URLs (profile field values). */
    public static String inline(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder();
        Matcher m = URL.matcher(text);
        int last = 0;
        while (m.find()) {
            String url = m.group();
            int end = m.end();
            while (!url.isEmpty() && TRAILING.indexOf(url.charAt(url.length() - 1)) >= 0) {
                url = url.substring(0, url.length() - 1);
                end--;
            }
            out.append(escape(text.substring(last, m.start())));
            String shown = url.replaceFirst("(?i)^https?://", "");
            out.append("<a href=\"").append(escape(url)).append("\" target=\"_blank\" rel=\"nofollow noopener noreferrer\">")
                    .append(escape(shown)).append("</a>");
            last = end;
        }
        out.append(escape(text.substring(last)));
        return out.toString();
    }

    /** Escapes text for HTML content and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
