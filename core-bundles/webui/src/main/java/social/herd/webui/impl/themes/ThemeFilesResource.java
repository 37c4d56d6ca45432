package social.herd.webui.impl.themes;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * A theme's stylesheet and images, {@code /themes/:name/:file}. Pages link them with the theme's
 * version in the query, so they may be cached for a day; an unknown theme or file is 404.
 */
@Component(service = ThemeFilesResource.class)
@JakartarsResource
@Path("/themes/{name: [a-z0-9-]{1,40}}")
public final class ThemeFilesResource {

    static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8", "png", "image/png",
            "svg", "image/svg+xml", "jpg", "image/jpeg", "webp", "image/webp", "woff2", "font/woff2");

    private final ThemeRegistry themes;

    @Activate
    public ThemeFilesResource(@Reference ThemeRegistry themes) {
        this.themes = themes;
    }

    @GET
    @Path("{file: [a-z0-9_-]{1,60}(/[a-z0-9_-]{1,60}){0,2}\\.[a-z0-9]{2,5}}")
    public Response file(@PathParam("name") String name, @PathParam("file") String file) throws IOException {
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        if (type == null || !themes.installed(name) || file.startsWith("templates/") || file.startsWith("mail/")) {
            return Response.status(404).build();
        }
        URL url = themes.resolve(name).entry(file);
        if (url == null) return Response.status(404).build();
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        try (InputStream in = url.openStream()) {
            return Response.ok(in.readAllBytes(), type).cacheControl(cache).build();
        }
    }
}
