package social.herd.webui.impl.favicons;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.spi.favicon.FaviconSet;
import social.herd.webui.impl.render.SiteInfo;

/**
 * The active favicon set at the well-known paths ({@code /favicon.ico}, {@code /favicon.svg},
 * {@code /apple-touch-icon.png}) and the web-app manifest ({@code /manifest.json}); each set's
 * files are at {@link IconsResource}. These answers must be revalidated on every use
 * ({@code no-cache}), so a switch of the active set shows on the next request.
 */
@Component(service = FaviconResource.class)
@JakartarsResource
@Path("/{file: favicon\\.ico|favicon\\.svg|apple-touch-icon\\.png|manifest\\.json}")
public final class FaviconResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaviconRegistry favicons;
    private final SiteInfo site;

    @Activate
    public FaviconResource(@Reference FaviconRegistry favicons, @Reference SiteInfo site) {
        this.favicons = favicons;
        this.site = site;
    }

    @GET
    public Response get(@PathParam("file") String file) throws IOException {
        if (file.equals("manifest.json")) return manifest();
        Optional<FaviconRegistry.Entry> entry = favicons.active();
        if (entry.isEmpty()) return Response.status(404).build();
        return serve(entry.get().set(), file, noCache());
    }

    private Response manifest() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", site.title());
        m.put("short_name", site.title());
        m.put("description", site.shortDescription());
        m.put("start_url", "/");
        m.put("scope", "/");
        m.put("display", "standalone");
        m.put("background_color", "#191b22");
        m.put("theme_color", "#191b22");
        List<Map<String, String>> icons = new ArrayList<>();
        favicons.active().ifPresent(e -> {
            for (FaviconSet.Icon icon : e.set().icons()) {
                if (icon.mediaType().equals("image/x-icon")) continue;
                icons.add(Map.of("src", "/icons/" + e.name() + "/" + icon.file(), "sizes", icon.sizes(),
                        "type", icon.mediaType(), "purpose", "any"));
            }
        });
        m.put("icons", icons);
        return Response.ok(JSON.writeValueAsBytes(m), "application/manifest+json").cacheControl(noCache()).build();
    }

    /** One file of a set, 404 when the set does not list it. */
    static Response serve(FaviconSet set, String file, CacheControl cache) throws IOException {
        Optional<FaviconSet.Icon> icon = set.icons().stream().filter(i -> i.file().equals(file)).findFirst();
        if (icon.isEmpty()) return Response.status(404).build();
        Optional<InputStream> in = set.open(file);
        if (in.isEmpty()) return Response.status(404).build();
        try (InputStream s = in.get()) {
            return Response.ok(s.readAllBytes(), icon.get().mediaType()).cacheControl(cache).build();
        }
    }

    private static CacheControl noCache() {
        CacheControl c = new CacheControl();
        c.setNoCache(true);
        return c;
    }
}
