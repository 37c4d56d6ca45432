package social.herd.federation.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.federation.impl.FederationRuntime;

/** {@code /.well-known/host-meta.json}: the JSON form of host-meta (its own root, see ResourceRootsTest). */
@Component(service = HostMetaJsonResource.class)
@JakartarsResource
@Path("/.well-known/host-meta.json")
public final class HostMetaJsonResource {

    private final String template;

    @Activate
    public HostMetaJsonResource(@Reference FederationRuntime runtime) {
        this.template = runtime.uris().base() + "/.well-known/webfinger?resource={uri}";
    }

    @GET
    public Response json() {
        return HostMetaResource.json(template);
    }
}
