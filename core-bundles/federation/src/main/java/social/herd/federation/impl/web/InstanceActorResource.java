package social.herd.federation.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.federation.impl.inbox.InboxService;
import social.herd.federation.impl.outbox.Renderers;

/**
 * The instance actor ({@code Application}) that signs our fetches; always readable unsigned so
 * servers in authorized-fetch mode can verify us. Its inbox is the shared inbox.
 */
@Component(service = InstanceActorResource.class)
@JakartarsResource
@Path("/actor")
public final class InstanceActorResource {

    private final Renderers renderers;
    private final InboxService inbox;

    @Activate
    public InstanceActorResource(@Reference Renderers renderers, @Reference InboxService inbox) {
        this.renderers = renderers;
        this.inbox = inbox;
    }

    @GET
    public Response actor() {
        return UsersResource.ld(renderers.actors().instanceActor());
    }

    @POST
    @Path("inbox")
    public Response receive(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        inbox.receive(null, FetchAccess.pathAndQuery(uri), FetchAccess.headers(headers), body == null ? new byte[0] : body);
        return Response.accepted().build();
    }
}
