package social.herd.webui.impl.render;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** The base stylesheet and the small progressive script every page links, {@code /static/web/:file}. */
@Component(service = StaticResource.class)
@JakartarsResource
@Path("/static/web")
public final class StaticResource {

    private static final Map<String, String> FILES = Map.of("base.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8");

    @GET
    @Path("{file: [a-z0-9.-]{1,40}}")
    public Response file(@PathParam("file") String file) throws IOException {
        String type = FILES.get(file);
        InputStream in = type == null ? null : StaticResource.class.getResourceAsStream("/static/" + file);
        if (in == null) return Response.status(404).build();
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        try (in) {
            return Response.ok(in.readAllBytes(), type).cacheControl(cache).build();
        }
    }
}
