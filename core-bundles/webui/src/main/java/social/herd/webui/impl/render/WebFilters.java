package social.herd.webui.impl.render;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * The template filters for content that is not plain text. Everything else is escaped by Pebble.
 *
 * <ul>
 * <li>{@code html}: post, bio and field HTML (already cleaned when stored) cleaned again with
 * jsoup to Mastodon's allowlist: paragraphs, line breaks, links (http, https, mailto only) and a
 * few inline elements, nothing else; so a page never depends on every writer having cleaned.</li>
 * <li>{@code href}: a URL fit for {@code href}/{@code src}: http(s) or a path on this site, else
 * {@code #}.</li>
 * </ul>
 */
final class WebFilters extends AbstractExtension {

    static final Safelist SAFELIST = new Safelist()
            .addTags("p", "br", "span", "a", "del", "pre", "code", "em", "strong", "b", "i", "u", "ul", "ol", "li",
                    "blockquote")
            .addAttributes("a", "href", "rel", "class", "translate")
            .addAttributes("span", "class", "translate")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .addEnforcedAttribute("a", "target", "_blank");

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("html", new Html(), "href", new Href());
    }

    /** Cleans HTML for the page. */
    static String clean(String html) {
        if (html == null || html.isEmpty()) return "";
        Document.OutputSettings out = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", SAFELIST, out);
    }

    /** A URL that is safe to put in an attribute, or {@code #}. */
    static String href(String url) {
        if (url == null) return "#";
        String u = url.strip();
        if (u.startsWith("/") && !u.startsWith("//")) return u;
        try {
            String scheme = URI.create(u).getScheme();
            if (scheme != null && (scheme.toLowerCase(Locale.ROOT).equals("https") || scheme.toLowerCase(Locale.ROOT).equals("http"))) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            return "#";
        }
        return "#";
    }

    private static final class Html implements Filter {
        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            return new SafeString(clean(input == null ? null : input.toString()));
        }

        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }
    }

    private static final class Href implements Filter {
        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            return href(input == null ? null : input.toString());
        }

        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }
    }
}
