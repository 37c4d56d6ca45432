package social.herd.webui.impl.render;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.spi.favicon.FaviconSet;
import social.herd.webui.impl.favicons.FaviconRegistry;
import social.herd.webui.impl.themes.ThemeRegistry;
import social.herd.webui.impl.themes.ThemeRegistry.Theme;

/**
 * Renders a page template in the visitor's theme with what every page shows (site title, theme
 * stylesheet, icons, theme choices, CSRF token) and answers it as HTML. One Pebble engine per
 * installed theme version, so a theme's template overrides are compiled once and a replaced theme
 * jar gets a fresh engine.
 */
@Component(service = Pages.class)
public final class Pages {

    /** Bumped when the built-in stylesheet or script changes, for their cache-busting query. */
    static final String ASSETS_VERSION = "1";

    private final ThemeRegistry themes;
    private final FaviconRegistry favicons;
    private final SiteInfo site;
    private final Viewers viewers;
    private final Map<String, PebbleEngine> engines = new ConcurrentHashMap<>();

    @Activate
    public Pages(@Reference ThemeRegistry themes, @Reference FaviconRegistry favicons, @Reference SiteInfo site,
                 @Reference Viewers viewers) {
        this.themes = themes;
        this.favicons = favicons;
        this.site = site;
        this.viewers = viewers;
    }

    /** The theme this visitor sees: their own installed choice, else the site's, else the default. */
    public Theme themeFor(Visit visit) {
        if (visit.themeChoice() != null && themes.installed(visit.themeChoice())) return themes.resolve(visit.themeChoice());
        return themes.resolve(site.siteTheme());
    }

    /** A page with status 200. */
    public Response ok(Visit visit, String template, Map<String, Object> model) {
        return page(visit, 200, template, model);
    }

    public Response page(Visit visit, int status, String template, Map<String, Object> model) {
        Response.ResponseBuilder r = Response.status(status).type("text/html; charset=utf-8")
                .entity(render(visit, template, model).getBytes(StandardCharsets.UTF_8))
                // signed-in pages carry the session's token for their script: never stored anywhere
                .header("Cache-Control", visit.session() != null ? "no-store" : "private, no-cache")
                .header("Vary", "Accept, Cookie");
        if (visit.newCsrf()) r.cookie(cookie(Visit.CSRF_COOKIE, visit.csrf(), visit.secure(), -1));
        return r.build();
    }

    /** The page as HTML, with what every page shows added to the model. */
    public String render(Visit visit, String template, Map<String, Object> model) {
        Theme theme = themeFor(visit);
        Map<String, Object> m = new HashMap<>(model);
        m.put("site", site.describe(visit.locale()));
        m.put("theme", Map.of("name", theme.name(), "css", theme.bundle() == null || theme.entry("theme.css") == null ? ""
                : "/themes/" + theme.name() + "/theme.css?v=" + theme.version()));
        m.put("themes", themes.all().stream().map(t -> Map.of("name", t.name(), "title", t.title(),
                "selected", t.name().equals(theme.name()))).toList());
        m.put("icons", icons());
        m.put("csrf", visit.csrf());
        m.put("path", visit.path());
        m.put("section", visit.path().replaceFirst("^/([^/]*).*$", "$1"));
        m.put("assets", ASSETS_VERSION);
        if (!m.containsKey("viewer")) viewers.of(visit).ifPresent(v -> m.put("viewer", v.model()));
        return render(theme, template, m);
    }

    /** A cookie as every page cookie is set: HttpOnly, {@code SameSite=Lax}, whole site. */
    public static NewCookie cookie(String name, String value, boolean secure, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }

    String render(Theme theme, String template, Map<String, Object> model) {
        PebbleTemplate t = engine(theme).getTemplate(template);
        StringWriter out = new StringWriter(8192);
        try {
            t.evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private PebbleEngine engine(Theme theme) {
        String key = theme.name() + "@" + theme.version();
        PebbleEngine e = engines.get(key);
        if (e != null) return e;
        // Drop the engines of themes replaced or removed since; they hold their bundle's URLs.
        engines.keySet().removeIf(k -> k.startsWith(theme.name() + "@"));
        return engines.computeIfAbsent(key, k -> new PebbleEngine.Builder()
                .loader(new ThemeLoader(theme, Pages.class.getClassLoader()))
                .extension(new WebFilters())
                .autoEscaping(true)
                .strictVariables(false)
                .build());
    }

    /** The link tags' data for the active favicon set; its name is in every URL. */
    private List<Map<String, String>> icons() {
        List<Map<String, String>> out = new ArrayList<>();
        favicons.active().ifPresent(e -> {
            for (FaviconSet.Icon icon : e.set().icons()) {
                Map<String, String> i = new LinkedHashMap<>();
                i.put("rel", icon.file().equals(FaviconSet.APPLE_TOUCH) ? "apple-touch-icon" : "icon");
                i.put("href", "/icons/" + e.name() + "/" + icon.file());
                i.put("type", icon.mediaType());
                i.put("sizes", icon.sizes());
                out.add(i);
            }
        });
        return out;
    }
}
