package social.herd.federation.impl.admin;

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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.federation.impl.db.DomainAdminMapper.Allow;
import social.herd.web.api.Auth;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v1/admin/domain_allows}: the allow-list of limited federation (configured
 * with {@code limited: true}); list, show, create, delete. Admins only.
 */
@Component(service = DomainAllowsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/domain_allows")
@Produces(MediaType.APPLICATION_JSON)
public final class DomainAllowsResource {

    /** Mastodon's Admin::DomainAllow. */
    public record Entity(String id, String domain, Instant createdAt) {
        static Entity of(Allow a) {
            return new Entity(Long.toString(a.id()), a.domain(), a.createdAt());
        }
    }

    private final DomainAdmin admin;
    private final ServerSettings server;

    @Activate
    public DomainAllowsResource(@Reference DomainAdmin admin, @Reference ServerSettings server) {
        this.admin = admin;
        this.server = server;
    }

    @GET
    @RequiresScope("admin:read:domain_allows")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        List<Entity> rows = admin.allows(PageRequest.from(uri, 100, 200)).stream().map(Entity::of).toList();
        return PaginationLinks.response(Page.of(rows, e -> Long.parseLong(e.id())), uri, server.publicUrl());
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    @RequiresScope("admin:read:domain_allows")
    public Entity get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(admin.allow(id));
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write:domain_allows")
    public Entity create(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(admin.createAllow(RequestParams.of(uri.getQueryParameters(), form).get("domain")));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write:domain_allows")
    public Entity createJson(JsonNode body, @Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(admin.createAllow(RequestParams.json(uri.getQueryParameters(), body).get("domain")));
    }

    @DELETE
    @Path("{id: [0-9]{1,18}}")
    @RequiresScope("admin:write:domain_allows")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        admin.deleteAllow(id);
        return Map.of();
    }
}
