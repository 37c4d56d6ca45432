package social.herd.federation.impl.web;

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

/** The shared inbox ({@code endpoints.sharedInbox}): one delivery per server instead of per follower. */
@Component(service = SharedInboxResource.class)
@JakartarsResource
@Path("/inbox")
public final class SharedInboxResource {

    private final InboxService inbox;

    @Activate
    public SharedInboxResource(@Reference InboxService inbox) {
        this.inbox = inbox;
    }

    @POST
    public Response receive(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        inbox.receive(null, FetchAccess.pathAndQuery(uri), FetchAccess.headers(headers), body == null ? new byte[0] : body);
        return Response.accepted().build();
    }
}
