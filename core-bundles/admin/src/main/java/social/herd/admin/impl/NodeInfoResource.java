package social.herd.admin.impl;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings.Registrations;

/**
 * NodeInfo 2.0 and 2.1 (how other servers and clients such as megalodon recognise the software).
 * NodeInfo's own field names are camelCase, so the documents are built as maps with literal keys
 * rather than records that the snake_case JSON setup would rename.
 */
@Component(service = NodeInfoResource.class)
@JakartarsResource
@JSONRequired
@Path("/nodeinfo")
public final class NodeInfoResource {

    static final String SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/";

    private final InstanceService instance;
    private final UsageCounts usage;

    @Activate
    public NodeInfoResource(@Reference InstanceService instance, @Reference UsageCounts usage) {
        this.instance = instance;
        this.usage = usage;
    }

    @GET
    @Path("{version: 2\\.[01]}")
    public Response document(@PathParam("version") String version) {
        Map<String, Object> software = new LinkedHashMap<>();
        software.put("name", "herd");
        software.put("version", instance.server().version());
        if (version.equals("2.1")) software.put("homepage", instance.server().publicUrl() + "/about");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", version);
        doc.put("software", software);
        doc.put("protocols", List.of("activitypub"));
        doc.put("services", Map.of("outbound", List.of(), "inbound", List.of()));
        UsageCounts.Figures f = usage.figures();
        doc.put("usage", Map.of("users", Map.of("total", f.users(), "activeMonth", f.activeMonth(),
                "activeHalfyear", f.activeHalfyear()), "localPosts", f.localPosts()));
        doc.put("openRegistrations", instance.server().registrations() != Registrations.CLOSED);
        doc.put("metadata", Map.of("nodeName", instance.title(), "nodeDescription", instance.description()));
        String type = "application/json; profile=\"" + SCHEMA + version + "#\"";
        return Response.ok(doc, type).build();
    }
}
