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
import social.herd.filters.impl.FilterEntities.FilterKeyword;
import social.herd.filters.impl.RuleService;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * A filter's keywords: {@code /api/v2/filters/:filter_id/keywords} and
 * {@code /api/v2/filters/keywords/:id}, under the filters root (see {@link FiltersResource}).
 */
@Component(service = FilterKeywordsResource.class)
@JakartarsResource
@JSONRequired
@Path(FiltersResource.ROOT)
@Produces(MediaType.APPLICATION_JSON)
public final class FilterKeywordsResource {

    private static final String OF_FILTER = "{filterId: [0-9]{1,19}}/keywords";
    private static final String ONE = "keywords/" + FiltersResource.ID;

    private final RuleService rules;

    @Activate
    public FilterKeywordsResource(@Reference RuleService rules) {
        this.rules = rules;
    }

    @GET
    @Path(OF_FILTER)
    @RequiresScope("read:filters")
    public List<FilterKeyword> list(@PathParam("filterId") long filterId, @Context ContainerRequestContext request) {
        return rules.keywords(Auth.requireAccountId(request), filterId);
    }

    @POST
    @Path(OF_FILTER)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:filters")
    public FilterKeyword addForm(@PathParam("filterId") long filterId, @Context UriInfo uri, String body,
                                 @Context ContainerRequestContext request) {
        return add(filterId, Params.form(uri.getRequestUri().getRawQuery(), body), request);
    }

    @POST
    @Path(OF_FILTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:filters")
    public FilterKeyword addJson(@PathParam("filterId") long filterId, @Context UriInfo uri, JsonNode body,
                                 @Context ContainerRequestContext request) {
        return add(filterId, Params.json(uri.getRequestUri().getRawQuery(), body), request);
    }

    private FilterKeyword add(long filterId, Params in, ContainerRequestContext request) {
        return rules.addKeyword(Auth.requireAccountId(request), filterId, in.get("keyword"), in.bool("whole_word"));
    }

    @GET
    @Path(ONE)
    @RequiresScope("read:filters")
    public FilterKeyword get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return rules.keyword(Auth.requireAccountId(request), id);
    }

    @PUT
    @Path(ONE)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:filters")
    public FilterKeyword updateForm(@PathParam("id") long id, @Context UriInfo uri, String body,
                                    @Context ContainerRequestContext request) {
        return update(id, Params.form(uri.getRequestUri().getRawQuery(), body), request);
    }

    @PUT
    @Path(ONE)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:filters")
    public FilterKeyword updateJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                                    @Context ContainerRequestContext request) {
        return update(id, Params.json(uri.getRequestUri().getRawQuery(), body), request);
    }

    private FilterKeyword update(long id, Params in, ContainerRequestContext request) {
        return rules.updateKeyword(Auth.requireAccountId(request), id, in.get("keyword"), in.bool("whole_word"));
    }

    @DELETE
    @Path(ONE)
    @RequiresScope("write:filters")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        rules.deleteKeyword(Auth.requireAccountId(request), id);
        return Map.of();
    }
}
