package social.herd.admin.impl;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Mastodon's {@code /api/v2/instance}; public. A root of its own: JAX-RS picks the root resource
 * with the longest literal path and never backtracks, so roots must not be prefixes of each other.
 */
@Component(service = InstanceV2Resource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v2/instance")
@Produces(MediaType.APPLICATION_JSON)
public final class InstanceV2Resource {

    private final InstanceService instance;

    @Activate
    public InstanceV2Resource(@Reference InstanceService instance) {
        this.instance = instance;
    }

    @GET
    public InstanceViews.V2 v2(@HeaderParam("Accept-Language") String language) {
        return instance.v2(InstanceResource.locale(language));
    }
}
