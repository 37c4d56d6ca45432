package social.herd.admin.impl;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /.well-known/nodeinfo}: where the NodeInfo documents are. */
@Component(service = NodeInfoLinksResource.class)
@JakartarsResource
@JSONRequired
@Path("/.well-known/nodeinfo")
public final class NodeInfoLinksResource {

    private static final String SCHEMA = NodeInfoResource.SCHEMA;

    private final InstanceService instance;

    @Activate
    public NodeInfoLinksResource(@Reference InstanceService instance) {
        this.instance = instance;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> links() {
        String base = instance.server().publicUrl() + "/nodeinfo/";
        return Map.of("links", List.of(
                Map.of("rel", SCHEMA + "2.0", "href", base + "2.0"),
                Map.of("rel", SCHEMA + "2.1", "href", base + "2.1")));
    }

}
