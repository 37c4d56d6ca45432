package social.herd.filters.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.filters.impl.FilterEntities.V1Filter;
import social.herd.filters.impl.FilterService;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's deprecated {@code /api/v1/filters}, read-only: many clients still ask for it at
 * start. Each keyword of a v2 filter is one V1 Filter, with the keyword's id, as Mastodon projects
 * them; status filters have no v1 form. Writing through v1 is not offered (clients that filter use v2).
 */
@Component(service = FiltersV1Resource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/filters")
@Produces(MediaType.APPLICATION_JSON)
public final class FiltersV1Resource {

    private final FilterService filters;

    @Activate
    public FiltersV1Resource(@Reference FilterService filters) {
        this.filters = filters;
    }

    @GET
    @RequiresScope("read:filters")
    public List<V1Filter> list(@Context ContainerRequestContext request) {
        return filters.v1(Auth.requireAccountId(request));
    }

    @GET
    @Path(FiltersResource.ID)
    @RequiresScope("read:filters")
    public V1Filter get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        String wanted = Long.toString(id);
        return filters.v1(Auth.requireAccountId(request)).stream().filter(f -> f.id().equals(wanted)).findFirst()
                .orElseThrow(ApiException::notFound);
    }
}
