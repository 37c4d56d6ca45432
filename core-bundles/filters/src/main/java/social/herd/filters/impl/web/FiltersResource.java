package social.herd.filters.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.filters.impl.FilterEntities.Filter;
import social.herd.filters.impl.FilterService;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v2/filters} and {@code /api/v2/filters/:id}. The keyword and status
 * sub-resources live in their own classes under the same root (JAX-RS merges equal roots; a
 * different root such as {@code /api/v2/filters/keywords} would shadow this one).
 */
@Component(service = FiltersResource.class)
@JakartarsResource
@JSONRequired
@Path(FiltersResource.ROOT)
@Produces(MediaType.APPLICATION_JSON)
public final class FiltersResource {

    /** The one root of every filters v2 endpoint. */
    static final String ROOT = "/api/v2/filters";
    static final String ID = "{id: [0-9]{1,19}}";

    private final FilterService filters;

    @Activate
    public FiltersResource(@Reference FilterService filters) {
        this.filters = filters;
    }

    @GET
    @RequiresScope("read:filters")
    public List<Filter> list(@Context ContainerRequestContext request) {
        return filters.list(Auth.requireAccountId(request));
    }

    @GET
    @Path(ID)
    @RequiresScope("read:filters")
    public Filter get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return filters.get(Auth.requireAccountId(request), id);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:filters")
    public Filter createForm(@Context UriInfo uri, String body, @Context ContainerRequestContext request) {
        return filters.create(Auth.requireAccountId(request), Params.form(uri.getRequestUri().getRawQuery(), body).filter());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:filters")
    public Filter createJson(@Context UriInfo uri, JsonNode body, @Context ContainerRequestContext request) {
        return filters.create(Auth.requireAccountId(request), Params.json(uri.getRequestUri().getRawQuery(), body).filter());
    }

    @PUT
    @Path(ID)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:filters")
    public Filter updateForm(@PathParam("id") long id, @Context UriInfo uri, String body,
                             @Context ContainerRequestContext request) {
        return filters.update(Auth.requireAccountId(request), id,
                Params.form(uri.getRequestUri().getRawQuery(), body).filter());
    }

    @PUT
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:filters")
    public Filter updateJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                             @Context ContainerRequestContext request) {
        return filters.update(Auth.requireAccountId(request), id,
                Params.json(uri.getRequestUri().getRawQuery(), body).filter());
    }

    /** Mastodon answers an empty object. */
    @DELETE
    @Path(ID)
    @RequiresScope("write:filters")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        filters.delete(Auth.requireAccountId(request), id);
        return Map.of();
    }
}
