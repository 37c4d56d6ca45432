package social.herd.accounts.impl.web;

import social.herd.web.api.PaginationLinks;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.accounts.impl.RelationshipQueries;
import social.herd.accounts.impl.RelationshipService;
import social.herd.api.config.ServerSettings;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.RequiresScope;

/**
 * Domains the caller blocks: {@code /api/v1/domain_blocks} (list, add, remove); plain domain strings, 100 per page by default.
 */
@Component(service = DomainBlocksResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/domain_blocks")
@Produces(MediaType.APPLICATION_JSON)
public final class DomainBlocksResource {
    private final RelationshipService relationships;
    private final RelationshipQueries queries;
    private final ServerSettings server;

    @Activate
    public DomainBlocksResource(@Reference RelationshipService relationships,
            @Reference RelationshipQueries queries,
            @Reference ServerSettings server) {
        this.relationships = relationships;
        this.queries = queries;
        this.server = server;
    }

    /** Mastodon: plain domain strings, 100 per page by default, at most 200. */
    @GET
    @RequiresScope("read:blocks")
    public Response domainBlocks(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(queries.domainBlocks(Auth.requireAccountId(request),
                PageRequest.from(uri, 100, 200)), uri, server.publicUrl());
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:blocks")
    public Map<String, Object> blockDomainForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                                               @Context ContainerRequestContext request) {
        relationships.blockDomain(Auth.requireAccountId(request), FormInput.of(uri.getQueryParameters(), form).get("domain"));
        return Map.of();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:blocks")
    public Map<String, Object> blockDomainJson(@Context UriInfo uri, JsonNode body,
                                               @Context ContainerRequestContext request) {
        relationships.blockDomain(Auth.requireAccountId(request), FormInput.json(uri.getQueryParameters(), body).get("domain"));
        return Map.of();
    }

    @DELETE
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:blocks")
    public Map<String, Object> unblockDomainForm(@Context UriInfo uri, MultivaluedMap<String, String> form,
                                                 @Context ContainerRequestContext request) {
        relationships.unblockDomain(Auth.requireAccountId(request), FormInput.of(uri.getQueryParameters(), form).get("domain"));
        return Map.of();
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:blocks")
    public Map<String, Object> unblockDomainJson(@Context UriInfo uri, JsonNode body,
                                                 @Context ContainerRequestContext request) {
        relationships.unblockDomain(Auth.requireAccountId(request), FormInput.json(uri.getQueryParameters(), body).get("domain"));
        return Map.of();
    }

}
