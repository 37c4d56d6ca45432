package social.herd.webui.impl.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.federation.FailingHosts;
import social.herd.api.jobs.JobQueue;
import social.herd.spi.favicon.FaviconSet;
import social.herd.webui.impl.favicons.FaviconRegistry;
import social.herd.webui.impl.pages.SignedInPages;
import social.herd.webui.impl.render.ApiClient;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.SiteInfo;
import social.herd.webui.impl.render.Viewers;
import social.herd.webui.impl.render.Visit;
import social.herd.webui.impl.themes.ThemeRegistry;

/**
 * The admin console ({@code /admin/...}), for staff: dashboard, plugins, instance settings (with
 * the site theme and favicon set, previewed live), reports, the held-for-review queue, accounts
 * and domain blocks. Lists come from the admin API with the staff member's session; the buttons
 * and forms call the same API from the page's script, so the console can do exactly what the API
 * allows that person (moderators look, admins change settings and plugins).
 */
@Component(service = AdminPages.class)
@JakartarsResource
@Path("/admin")
public final class AdminPages {

    private final Pages pages;
    private final Viewers viewers;
    private final ApiClient api;
    private final SiteInfo site;
    private final ThemeRegistry themes;
    private final FaviconRegistry favicons;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile JobQueue jobs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FailingHosts hosts;

    @Activate
    public AdminPages(@Reference Pages pages, @Reference Viewers viewers, @Reference ApiClient api, @Reference SiteInfo site,
                      @Reference ThemeRegistry themes, @Reference FaviconRegistry favicons) {
        this.pages = pages;
        this.viewers = viewers;
        this.api = api;
        this.site = site;
        this.themes = themes;
        this.favicons = favicons;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/admin/dashboard")).build();
    }

    @GET
    @Path("dashboard")
    public Response dashboard(@Context HttpHeaders headers, @Context UriInfo uri) {
        return page(headers, uri, "admin/dashboard.peb", (token, m) -> {
            m.put("instance", site.describe(java.util.Locale.ENGLISH));
            m.put("open_reports", api.list(token, "/api/v1/admin/reports?limit=100").size());
            m.put("held", api.list(token, "/api/v1/admin/held_statuses?limit=100").size());
            List<Map<String, Object>> queues = new ArrayList<>();
            JobQueue q = jobs;
            if (q != null) {
                q.stats().forEach((name, s) -> queues.add(Map.of("name", name, "waiting", s.waiting(), "dead", s.dead(),
                        "oldest", Math.round(s.oldestWaitSeconds()))));
            }
            m.put("queues", queues);
            FailingHosts h = hosts;
            m.put("failing_hosts", h == null ? List.of() : h.failing(20));
        });
    }

    @GET
    @Path("plugins")
    public Response plugins(@Context HttpHeaders headers, @Context UriInfo uri) {
        return page(headers, uri, "admin/plugins.peb", (token, m) -> m.put("plugins", api.list(token, "/api/v1/admin/plugins")));
    }

    @GET
    @Path("settings")
    public Response settings(@Context HttpHeaders headers, @Context UriInfo uri) {
        return page(headers, uri, "admin/settings.peb", (token, m) -> {
            m.put("overrides", api.object(token, "/api/v1/admin/instance"));
            m.put("instance", site.describe(java.util.Locale.ENGLISH));
            m.put("site_theme", site.siteTheme() == null ? "" : site.siteTheme());
            m.put("installed_themes", themes.all().stream().map(t -> Map.of("name", t.name(), "title", t.title(),
                    "css", t.entry("theme.css") == null ? "" : "/themes/" + t.name() + "/theme.css?v=" + t.version())).toList());
            String chosen = site.text("favicon");
            m.put("site_favicon", chosen == null ? "" : chosen);
            m.put("favicon_sets", favicons.all().stream().map(e -> Map.of("name", e.name(), "preview",
                    "/icons/" + e.name() + "/" + e.set().icons().stream().map(FaviconSet.Icon::file)
                            .filter(f -> f.endsWith(".png") || f.endsWith(".svg")).findFirst().orElse(FaviconSet.ICO))).toList());
            m.put("active_favicon", favicons.active().map(FaviconRegistry.Entry::name).orElse(""));
        });
    }

    @GET
    @Path("reports")
    public Response reports(@Context HttpHeaders headers, @Context UriInfo uri) {
        return page(headers, uri, "admin/reports.peb", (token, m) -> m.put("reports", api.list(token, "/api/v1/admin/reports?limit=50")));
    }

    @GET
    @Path("held")
    public Response held(@Context HttpHeaders headers, @Context UriInfo uri) {
        return page(headers, uri, "admin/held.peb", (token, m) -> m.put("posts", api.list(token, "/api/v1/admin/held_statuses?limit=50")));
    }

    @GET
    @Path("accounts")
    public Response accounts(@Context HttpHeaders headers, @Context UriInfo uri) {
        return page(headers, uri, "admin/accounts.peb", (token, m) -> m.put("accounts", api.list(token, "/api/v2/admin/accounts?limit=50")));
    }

    @GET
    @Path("domain_blocks")
    public Response domainBlocks(@Context HttpHeaders headers, @Context UriInfo uri) {
        return page(headers, uri, "admin/domain_blocks.peb",
                (token, m) -> m.put("blocks", api.list(token, "/api/v1/admin/domain_blocks?limit=100")));
    }

    /** Fills a page's model from the API with the staff member's token. */
    private interface Filler {
        void fill(String token, Map<String, Object> model);
    }

    private Response page(HttpHeaders headers, UriInfo uri, String template, Filler filler) {
        Visit visit = Visit.of(headers, uri);
        Function<Viewers.Viewer, Response> body = viewer -> {
            Map<String, Object> m = new HashMap<>();
            filler.fill(viewer.token(), m);
            return pages.ok(visit, template, m);
        };
        return SignedInPages.page(pages, viewers, visit, true, body);
    }
}
