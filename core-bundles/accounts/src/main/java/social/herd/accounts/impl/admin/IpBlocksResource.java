package social.herd.accounts.impl.admin;

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
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/** Mastodon's {@code /api/v1/admin/ip_blocks}: list, show, create, update, delete. Admins only. */
@Component(service = IpBlocksResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/ip_blocks")
@Produces(MediaType.APPLICATION_JSON)
public final class IpBlocksResource {

    /** Mastodon's Admin::IpBlock. */
    public record Entity(String id, String ip, String severity, String comment, Instant createdAt, Instant expiresAt) {
        static Entity of(SignUpBlockMapper.IpBlock b) {
            return new Entity(Long.toString(b.id()), b.ip(), b.severity(), b.comment(), b.createdAt(), b.expiresAt());
        }
    }

    private final SignUpBlocks blocks;

    @Activate
    public IpBlocksResource(@Reference SignUpBlocks blocks) {
        this.blocks = blocks;
    }

    @GET
    @RequiresScope("admin:read:ip_blocks")
    public List<Entity> list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        PageRequest page = PageRequest.from(uri, 100, 200);
        return blocks.ipBlocks(page.maxId(), page.sinceId(), page.limit()).stream().map(Entity::of).toList();
    }

    @GET
    @Path(EmailDomainBlocksResource.ID)
    @RequiresScope("admin:read:ip_blocks")
    public Entity get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(blocks.ipBlock(id));
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write:ip_blocks")
    public Entity create(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context ContainerRequestContext request) {
        return create(RequestParams.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write:ip_blocks")
    public Entity createJson(JsonNode body, @Context UriInfo uri, @Context ContainerRequestContext request) {
        return create(RequestParams.json(uri.getQueryParameters(), body), request);
    }

    @PUT
    @Path(EmailDomainBlocksResource.ID)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write:ip_blocks")
    public Entity update(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context UriInfo uri,
                         @Context ContainerRequestContext request) {
        return update(id, RequestParams.of(uri.getQueryParameters(), form), request);
    }

    @PUT
    @Path(EmailDomainBlocksResource.ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write:ip_blocks")
    public Entity updateJson(@PathParam("id") long id, JsonNode body, @Context UriInfo uri,
                             @Context ContainerRequestContext request) {
        return update(id, RequestParams.json(uri.getQueryParameters(), body), request);
    }

    @DELETE
    @Path(EmailDomainBlocksResource.ID)
    @RequiresScope("admin:write:ip_blocks")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        blocks.unblockIp(id);
        return Map.of();
    }

    private Entity create(RequestParams p, ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(blocks.blockIp(p.get("ip"), p.get("severity"), p.get("comment"), seconds(p)));
    }

    private Entity update(long id, RequestParams p, ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(blocks.updateIp(id, p.get("ip"), p.get("severity"), p.get("comment"), seconds(p)));
    }

    private static Long seconds(RequestParams p) {
        String v = p.get("expires_in");
        if (v == null || v.isBlank()) return null;
        if (!v.strip().matches("[0-9]{1,12}")) throw ApiException.unprocessable("expires_in must be a number of seconds");
        return Long.parseLong(v.strip());
    }
}
