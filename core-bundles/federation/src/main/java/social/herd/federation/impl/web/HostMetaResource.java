package social.herd.federation.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.render.Documents;

/** host-meta (RFC 6415): where WebFinger is, as XRD, or JSON when asked for JSON. */
@Component(service = HostMetaResource.class)
@JakartarsResource
@Path("/.well-known/host-meta")
public final class HostMetaResource {

    private final String template;

    @Activate
    public HostMetaResource(@Reference FederationRuntime runtime) {
        this.template = runtime.uris().base() + "/.well-known/webfinger?resource={uri}";
    }

    @GET
    public Response hostMeta(@HeaderParam("Accept") String accept) {
        if (accept != null && accept.contains("json") && !accept.contains("xml")) return json(template);
        String xrd = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n"
                + "  <Link rel=\"lrdd\" template=\"" + template.replace("&", "&amp;") + "\"/>\n"
                + "</XRD>\n";
        return Response.ok(xrd, "application/xrd+xml; charset=utf-8").build();
    }

    static Response json(String template) {
        Map<String, Object> doc = Map.of("links", List.of(Map.of("rel", "lrdd", "template", template)));
        return Response.ok(Documents.write(doc), "application/json; charset=utf-8").build();
    }
}
