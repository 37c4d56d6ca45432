package social.herd.statuses.impl.text;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.herd.statuses.impl.text.TextEntities.Entity;

/**
 * Renders a status text as the safe HTML Mastodon's TextFormatter produces: everything escaped,
 * paragraphs as {@code <p>}, single line breaks as {@code <br />}, links shortened for display,
 * resolved mentions as h-card links and hashtags as tag links. Unresolved mentions stay text.
 */
public final class HtmlFormatter {

    /** Characters of a link's visible part before the rest is hidden behind an ellipsis (Mastodon's 30). */
    private static final int DISPLAY_LENGTH = 30;
    private static final Pattern PREFIX = Pattern.compile("^(https?://(?:www\\.)?|xmpp:)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAGRAPHS = Pattern.compile("\\n{2,}");

    private HtmlFormatter() {}

    /**
     * @param entities what {@link TextEntities#extract} found in {@code text}
     * @param mentions profile URLs of the mentions to link, by {@link Entity#acct()}; others stay text
     * @param baseUrl  the server's public URL, for tag links
     */
    public static String format(String text, List<Entity> entities, Map<String, String> mentions, URI baseUrl) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (normalised.isEmpty()) return "";
        String base = baseUrl.toString().replaceAll("/+$", "");
        // entities were found in the text as given; redo on the normalised one so indices match
        List<Entity> found = normalised.equals(text) ? entities : TextEntities.extract(normalised);
        StringBuilder inline = new StringBuilder();
        int at = 0;
        for (Entity e : found) {
            String link = switch (e.kind()) {
                case URL -> link(e.value());
                case HASHTAG -> hashtag(base, e.value());
                case MENTION -> mentions.containsKey(e.acct()) ? mention(mentions.get(e.acct()), e.value()) : null;
            };
            if (link == null) continue;
            inline.append(escape(normalised.substring(at, e.start()))).append(link);
            at = e.end();
        }
        inline.append(escape(normalised.substring(at)));
        StringBuilder html = new StringBuilder();
        for (String paragraph : PARAGRAPHS.split(inline)) {
            html.append("<p>").append(paragraph.replace("\n", "<br />")).append("</p>");
        }
        return html.toString();
    }

    private static String link(String url) {
        Matcher m = PREFIX.matcher(url);
        String prefix = m.find() ? m.group(1) : "";
        String rest = url.substring(prefix.length());
        String shown = rest.length() > DISPLAY_LENGTH
                ? "<span class=\"ellipsis\">" + escape(rest.substring(0, DISPLAY_LENGTH)) + "</span><span class=\"invisible\">"
                        + escape(rest.substring(DISPLAY_LENGTH)) + "</span>"
                : "<span class=\"\">" + escape(rest) + "</span><span class=\"invisible\"></span>";
        return "<a href=\"" + escape(url) + "\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\">"
                + "<span class=\"invisible\">" + escape(prefix) + "</span>" + shown + "</a>";
    }

    private static String hashtag(String base, String tag) {
        String path = URLEncoder.encode(tag.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8);
        return "<a href=\"" + escape(base + "/tags/" + path) + "\" class=\"mention hashtag\" rel=\"tag\">#<span>"
                + escape(tag) + "</span></a>";
    }

    private static String mention(String profileUrl, String username) {
        return "<span class=\"h-card\" translate=\"no\"><a href=\"" + escape(profileUrl)
                + "\" class=\"u-url mention\">@<span>" + escape(username) + "</span></a></span>";
    }

    /** HTML-escapes text and attribute values (quotes included). */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
