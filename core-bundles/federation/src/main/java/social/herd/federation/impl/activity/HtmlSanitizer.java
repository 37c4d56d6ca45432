package social.herd.federation.impl.activity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Sanitises HTML from other servers the way Mastodon does for remote content
 * ({@code Sanitize::Config::MASTODON_STRICT}), so that clients get what they would get from
 * Mastodon and nothing executable.
 *
 * <ul>
 *   <li>Kept elements: p, br, span, a, del, s, pre, blockquote, code, b, strong, u, i, em, ul, ol,
 *       li, ruby, rt, rp. Other elements are unwrapped (their text stays); the contents of script,
 *       style and similar elements are dropped; img, iframe and friends disappear.</li>
 *   <li>h1–h6 become {@code <p><strong>…</strong></p>}, as Mastodon's
 *       {@code UNSUPPORTED_ELEMENTS_TRANSFORMER} does: the text of a heading is kept.</li>
 *   <li>{@code a}: only {@code href} with http, https, dat, dweb, ipfs, ipns, ssb, gopher, xmpp,
 *       magnet or gemini; a link with any other (or no, or a relative) target is replaced by its
 *       text, like Mastodon's {@code UNSUPPORTED_HREF_TRANSFORMER}. Classes are reduced to
 *       mention, hashtag and u-url; {@code rel="nofollow noopener noreferrer"} and
 *       {@code target="_blank"} are set.</li>
 *   <li>{@code span}: classes h-card, invisible, ellipsis, mention, hashtag, u-url only (the ones
 *       Mastodon's web UI styles: link shortening and mention cards).</li>
 *   <li>No other attribute survives (so no {@code on*} handlers or {@code style}), except
 *       {@code translate} on a/span and {@code start}/{@code reversed} on ol, {@code value} on li.</li>
 * </ul>
 *
 * <p>Thread-safe: the safelist is immutable after construction and jsoup's cleaner keeps no state.
 */
public final class HtmlSanitizer {

    /** Link schemes Mastodon accepts in remote HTML ({@code LINK_PROTOCOLS}). */
    public static final List<String> LINK_PROTOCOLS =
            List.of("http", "https", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "xmpp", "magnet", "gemini");

    private static final Set<String> LINK_CLASSES = Set.of("mention", "hashtag", "u-url");
    private static final Set<String> SPAN_CLASSES = Set.of("h-card", "invisible", "ellipsis", "mention", "hashtag", "u-url");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    /** Elements whose content is never text for people (jsoup would otherwise keep it as text). */
    private static final String DROPPED_WITH_CONTENT =
            "script, style, template, noscript, iframe, object, embed, svg, math, head, title, textarea, select";
    private static final Pattern SCHEME = Pattern.compile("^\\s*([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final Set<String> BLOCKS = Set.of("p", "br", "div", "li", "blockquote", "pre", "ul", "ol",
            "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header", "footer");

    private static final Safelist SAFELIST = buildSafelist();

    private HtmlSanitizer() {}

    private static Safelist buildSafelist() {
        Safelist safelist = new Safelist()
                .addTags("p", "br", "span", "a", "del", "s", "pre", "blockquote", "code", "b", "strong", "u",
                        "i", "em", "ul", "ol", "li", "ruby", "rt", "rp")
                .addAttributes("a", "href", "class", "translate")
                .addAttributes("span", "class", "translate")
                .addAttributes("ol", "start", "reversed")
                .addAttributes("li", "value")
                .addProtocols("a", "href", LINK_PROTOCOLS.toArray(String[]::new))
                .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
                .addEnforcedAttribute("a", "target", "_blank");
        return safelist;
    }

    /** Sanitised HTML for a post's content, a profile's note or a field value; "" for null. */
    public static String sanitize(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document dirty = Jsoup.parseBodyFragment(html);
        dirty.select(DROPPED_WITH_CONTENT).remove();
        transform(dirty.body());
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html().trim();
    }

    /**
     * The text of an HTML fragment (display names, content warnings, field names): tags stripped,
     * entities decoded, {@code <br>} and block boundaries turned into line breaks, outer space trimmed.
     */
    public static String toPlainText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return html.strip(); // the common case for names: nothing to parse
        }
        Document document = Jsoup.parseBodyFragment(html);
        document.select(DROPPED_WITH_CONTENT).remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText());
                } else if (node instanceof Element element && element.nameIs("br")) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && !element.nameIs("br") && BLOCKS.contains(element.normalName())
                        && !out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
            }
        }, document.body());
        // collapse runs of blank lines and spaces that the markup produced
        return out.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\n *", "\n")
                .replaceAll("\n{3,}", "\n\n").strip();
    }

    /** Mastodon's transformers, applied before the safelist: headings, bad links, classes. */
    private static void transform(Element root) {
        for (Element heading : root.select(String.join(", ", HEADINGS))) {
            heading.tagName("strong");
            // a heading inside a paragraph would make an invalid nested <p>
            if (heading.closest("p") == null) {
                heading.wrap("<p></p>");
            }
        }
        for (Element link : root.select("a")) {
            if (!hasAllowedScheme(link.attr("href"))) {
                link.replaceWith(new TextNode(link.text()));
                continue;
            }
            keepClasses(link, LINK_CLASSES);
        }
        for (Element span : root.select("span")) {
            keepClasses(span, SPAN_CLASSES);
        }
    }

    private static boolean hasAllowedScheme(String href) {
        Matcher m = SCHEME.matcher(href == null ? "" : href);
        // no scheme means a relative link: meaningless on our server, and Mastodon drops those too
        return m.find() && LINK_PROTOCOLS.contains(m.group(1).toLowerCase(Locale.ROOT));
    }

    private static void keepClasses(Element element, Set<String> allowed) {
        if (!element.hasAttr("class")) {
            return;
        }
        String kept = element.classNames().stream().filter(allowed::contains)
                .reduce((a, b) -> a + " " + b).orElse("");
        if (kept.isEmpty()) {
            element.removeAttr("class");
        } else {
            element.attr("class", kept);
        }
    }
}
