package social.herd.federation.impl.admin;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.federation.impl.db.DomainAdminMapper.Block;
import social.herd.web.api.Auth;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v1/admin/domain_blocks}: list (paginated), show, create, update, delete.
 * Admins only (Mastodon's "Manage Federation"); form or JSON bodies.
 */
@Component(service = DomainBlocksResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/domain_blocks")
@Produces(MediaType.APPLICATION_JSON)
public final class DomainBlocksResource {

    /** Mastodon's Admin::DomainBlock. */
    public record Entity(String id, String domain, String digest, Instant createdAt, String severity, boolean rejectMedia,
                         boolean rejectReports, String privateComment, String publicComment, boolean obfuscate) {
        static Entity of(Block b) {
            return new Entity(Long.toString(b.id()), b.domain(), DomainNames.digest(b.domain()), b.createdAt(), b.severity(),
                    b.rejectMedia(), b.rejectReports(), b.privateComment(), b.publicComment(), b.obfuscate());
        }
    }

    private final DomainAdmin admin;
    private final ServerSettings server;

    @Activate
    public DomainBlocksResource(@Reference DomainAdmin admin, @Reference ServerSettings server) {
        this.admin = admin;
        this.server = server;
    }

    @GET
    @RequiresScope("admin:read:domain_blocks")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        List<Entity> rows = admin.blocks(PageRequest.from(uri, 100, 200)).stream().map(Entity::of).toList();
        return PaginationLinks.response(Page.of(rows, e -> Long.parseLong(e.id())), uri, server.publicUrl());
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    @RequiresScope("admin:read:domain_blocks")
    public Entity get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(admin.block(id));
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write:domain_blocks")
    public Entity create(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(admin.create(params(RequestParams.of(uri.getQueryParameters(), form))));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write:domain_blocks")
    public Entity createJson(JsonNode body, @Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(admin.create(params(RequestParams.json(uri.getQueryParameters(), body))));
    }

    @PUT
    @Path("{id: [0-9]{1,18}}")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write:domain_blocks")
    public Entity update(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context UriInfo uri,
                         @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(admin.update(id, params(RequestParams.of(uri.getQueryParameters(), form))));
    }

    @PUT
    @Path("{id: [0-9]{1,18}}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write:domain_blocks")
    public Entity updateJson(@PathParam("id") long id, JsonNode body, @Context UriInfo uri,
                             @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(admin.update(id, params(RequestParams.json(uri.getQueryParameters(), body))));
    }

    @DELETE
    @Path("{id: [0-9]{1,18}}")
    @RequiresScope("admin:write:domain_blocks")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        admin.delete(id);
        return Map.of();
    }

    private static DomainAdmin.BlockRequest params(RequestParams p) {
        return new DomainAdmin.BlockRequest(p.get("domain"), p.get("severity"), p.bool("reject_media"), p.bool("reject_reports"),
                p.get("private_comment"), p.get("public_comment"), p.bool("obfuscate"));
    }
}
