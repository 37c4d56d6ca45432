package social.herd.statuses.impl.web;

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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.statuses.impl.lists.ListService;
import social.herd.statuses.impl.lists.ListService.ListEntity;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v1/lists}: create, read, update and delete lists, and their members
 * ({@code /api/v1/lists/:id/accounts}). Parameters come as query, form or JSON.
 */
@Component(service = ListsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/lists")
@Produces(MediaType.APPLICATION_JSON)
public final class ListsResource {

    private static final String ID = "{id: [0-9]{1,19}}";

    private final ListService lists;
    private final ServerSettings server;

    @Activate
    public ListsResource(@Reference ListService lists, @Reference ServerSettings server) {
        this.lists = lists;
        this.server = server;
    }

    @GET
    @RequiresScope("read:lists")
    public List<ListEntity> all(@Context ContainerRequestContext request) {
        return lists.lists(Auth.requireAccountId(request));
    }

    @GET
    @Path(ID)
    @RequiresScope("read:lists")
    public ListEntity one(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return lists.get(Auth.requireAccountId(request), id);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:lists")
    public ListEntity createForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                                 @Context ContainerRequestContext request) {
        return create(Params.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:lists")
    public ListEntity createJson(@Context UriInfo uri, JsonNode body, @Context ContainerRequestContext request) {
        return create(Params.json(uri.getQueryParameters(), body), request);
    }

    private ListEntity create(Params p, ContainerRequestContext request) {
        return lists.create(Auth.requireAccountId(request), p.get("title"), p.get("replies_policy"), p.bool("exclusive"));
    }

    @PUT
    @Path(ID)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:lists")
    public ListEntity updateForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                                 @Context ContainerRequestContext request) {
        return update(id, Params.of(uri.getQueryParameters(), form), request);
    }

    @PUT
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:lists")
    public ListEntity updateJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                                 @Context ContainerRequestContext request) {
        return update(id, Params.json(uri.getQueryParameters(), body), request);
    }

    private ListEntity update(long id, Params p, ContainerRequestContext request) {
        return lists.update(Auth.requireAccountId(request), id, p.get("title"), p.get("replies_policy"), p.bool("exclusive"));
    }

    @DELETE
    @Path(ID)
    @RequiresScope("write:lists")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        lists.delete(Auth.requireAccountId(request), id);
        return Map.of();
    }

    /** Paged by account id ({@code limit} 40, at most 80); {@code limit=0} answers every member without paging. */
    @GET
    @Path(ID + "/accounts")
    @RequiresScope("read:lists")
    public Response accounts(@PathParam("id") long id, @Context UriInfo uri, @Context ContainerRequestContext request) {
        boolean all = "0".equals(uri.getQueryParameters().getFirst("limit"));
        return PaginationLinks.response(lists.accounts(Auth.requireAccountId(request), id, PageRequest.from(uri, 40, 80), all),
                uri, server.publicUrl());
    }

    @POST
    @Path(ID + "/accounts")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:lists")
    public Map<String, Object> addForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                                       @Context ContainerRequestContext request) {
        lists.addAccounts(Auth.requireAccountId(request), id, Params.of(uri.getQueryParameters(), form).ids("account_ids"));
        return Map.of();
    }

    @POST
    @Path(ID + "/accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:lists")
    public Map<String, Object> addJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                                       @Context ContainerRequestContext request) {
        lists.addAccounts(Auth.requireAccountId(request), id, Params.json(uri.getQueryParameters(), body).ids("account_ids"));
        return Map.of();
    }

    /** Form, JSON or query parameters: clients send DELETE bodies in all three ways. */
    @DELETE
    @Path(ID + "/accounts")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:lists")
    public Map<String, Object> removeForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                                          @Context ContainerRequestContext request) {
        lists.removeAccounts(Auth.requireAccountId(request), id, Params.of(uri.getQueryParameters(), form).ids("account_ids"));
        return Map.of();
    }

    @DELETE
    @Path(ID + "/accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:lists")
    public Map<String, Object> removeJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                                          @Context ContainerRequestContext request) {
        lists.removeAccounts(Auth.requireAccountId(request), id, Params.json(uri.getQueryParameters(), body).ids("account_ids"));
        return Map.of();
    }
}
