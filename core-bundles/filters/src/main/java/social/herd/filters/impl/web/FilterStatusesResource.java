package social.herd.filters.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import social.herd.filters.impl.FilterEntities.FilterStatus;
import social.herd.filters.impl.RuleService;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * A filter's statuses: {@code /api/v2/filters/:filter_id/statuses} and
 * {@code /api/v2/filters/statuses/:id}, under the filters root (see {@link FiltersResource}).
 */
@Component(service = FilterStatusesResource.class)
@JakartarsResource
@JSONRequired
@Path(FiltersResource.ROOT)
@Produces(MediaType.APPLICATION_JSON)
public final class FilterStatusesResource {

    private static final String OF_FILTER = "{filterId: [0-9]{1,19}}/statuses";
    private static final String ONE = "statuses/" + FiltersResource.ID;

    private final RuleService rules;

    @Activate
    public FilterStatusesResource(@Reference RuleService rules) {
        this.rules = rules;
    }

    @GET
    @Path(OF_FILTER)
    @RequiresScope("read:filters")
    public List<FilterStatus> list(@PathParam("filterId") long filterId, @Context ContainerRequestContext request) {
        return rules.statuses(Auth.requireAccountId(request), filterId);
    }

    @POST
    @Path(OF_FILTER)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:filters")
    public FilterStatus addForm(@PathParam("filterId") long filterId, @Context UriInfo uri, String body,
                                @Context ContainerRequestContext request) {
        return add(filterId, Params.form(uri.getRequestUri().getRawQuery(), body), request);
    }

    @POST
    @Path(OF_FILTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:filters")
    public FilterStatus addJson(@PathParam("filterId") long filterId, @Context UriInfo uri, JsonNode body,
                                @Context ContainerRequestContext request) {
        return add(filterId, Params.json(uri.getRequestUri().getRawQuery(), body), request);
    }

    private FilterStatus add(long filterId, Params in, ContainerRequestContext request) {
        return rules.addStatus(Auth.requireAccountId(request), filterId, in.id("status_id"));
    }

    @GET
    @Path(ONE)
    @RequiresScope("read:filters")
    public FilterStatus get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return rules.status(Auth.requireAccountId(request), id);
    }

    @DELETE
    @Path(ONE)
    @RequiresScope("write:filters")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        rules.deleteStatus(Auth.requireAccountId(request), id);
        return Map.of();
    }
}
