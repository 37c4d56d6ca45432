package social.herd.federation.impl.activity;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Remote HTML reduced to Mastodon's allowlist (its MASTODON_STRICT sanitizer config) with jsoup:
 * paragraphs, line breaks, links (http(s) and a few other schemes), spans, emphasis, code,
 * quotes and lists. Headings become bold paragraphs so their text is kept; classes survive only
 * where Mastodon keeps them (mentions, hashtags, invisible/ellipsis URL parts).
 */
public final class HtmlSanitizer {

    private static final Safelist SAFE = new Safelist()
            .addTags("p", "br", "span", "a", "del", "pre", "blockquote", "code", "b", "strong", "u", "i", "em",
                    "ul", "ol", "li", "ruby", "rt", "rp")
            .addAttributes("a", "href", "rel", "class")
            .addAttributes("span", "class")
            .addAttributes("ol", "start", "reversed")
            .addAttributes("li", "value")
            .addProtocols("a", "href", "http", "https", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "xmpp",
                    "magnet", "gemini");

    private HtmlSanitizer() {}

    public static String clean(String html) {
        if (html == null || html.isEmpty()) return "";
        Document dirty = Jsoup.parseBodyFragment(html);
        for (Element h : dirty.select("h1, h2, h3, h4, h5, h6")) {
            h.tagName("p");
            h.html("<strong>" + h.html() + "</strong>");
        }
        Document clean = new Cleaner(SAFE).clean(dirty);
        for (Element a : clean.select("a")) {
            a.classNames(keep(a, "mention", "hashtag", "u-url"));
            a.attr("rel", "nofollow noopener noreferrer");
            a.attr("target", "_blank");
            if (a.classNames().isEmpty()) a.removeAttr("class");
        }
        for (Element s : clean.select("span")) {
            s.classNames(keep(s, "h-card", "invisible", "ellipsis", "mention", "hashtag", "u-url"));
            if (s.classNames().isEmpty()) s.removeAttr("class");
        }
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    /** The text of some HTML, for display names and content warnings. */
    public static String toPlainText(String html) {
        if (html == null || html.isEmpty()) return "";
        return Jsoup.parseBodyFragment(html).text();
    }

    private static java.util.Set<String> keep(Element e, String... allowed) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String c : e.classNames()) for (String a : allowed) if (a.equals(c)) out.add(c);
        return out;
    }
}
