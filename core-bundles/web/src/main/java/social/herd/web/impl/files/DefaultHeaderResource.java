package social.herd.web.impl.files;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** The header image for accounts without one, on a root of its own (roots must not prefix each other). */
@Component(service = DefaultHeaderResource.class)
@JakartarsResource
@Path("/headers/original/missing.png")
public final class DefaultHeaderResource {

    @GET
    @Produces("image/png")
    public Response header() {
        return DefaultImagesResource.image("/static/missing-header.png");
    }
}
