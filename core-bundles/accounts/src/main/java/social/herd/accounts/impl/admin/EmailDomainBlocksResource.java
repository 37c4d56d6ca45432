package social.herd.accounts.impl.admin;

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

/**
 * Mastodon's {@code /api/v1/admin/email_domain_blocks}: list, show, create, delete. Admins only
 * (Mastodon's "Manage Blocks"); moderators get 403.
 */
@Component(service = EmailDomainBlocksResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/email_domain_blocks")
@Produces(MediaType.APPLICATION_JSON)
public final class EmailDomainBlocksResource {

    /** Mastodon's Admin::EmailDomainBlock. */
    public record Entity(String id, String domain, Instant createdAt, List<Object> history) {
        static Entity of(SignUpBlockMapper.EmailDomain d) {
            return new Entity(Long.toString(d.id()), d.domain(), d.createdAt(), List.of());
        }
    }

    static final String ID = "{id: [0-9]{1,18}}";
    private final SignUpBlocks blocks;

    @Activate
    public EmailDomainBlocksResource(@Reference SignUpBlocks blocks) {
        this.blocks = blocks;
    }

    @GET
    @RequiresScope("admin:read:email_domain_blocks")
    public List<Entity> list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        PageRequest page = PageRequest.from(uri, 100, 200);
        return blocks.emailDomains(page.maxId(), page.sinceId(), page.limit()).stream().map(Entity::of).toList();
    }

    @GET
    @Path(ID)
    @RequiresScope("admin:read:email_domain_blocks")
    public Entity get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(blocks.emailDomain(id));
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write:email_domain_blocks")
    public Entity create(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(blocks.blockEmailDomain(RequestParams.of(uri.getQueryParameters(), form).get("domain")));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write:email_domain_blocks")
    public Entity createJson(JsonNode body, @Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        return Entity.of(blocks.blockEmailDomain(RequestParams.json(uri.getQueryParameters(), body).get("domain")));
    }

    @DELETE
    @Path(ID)
    @RequiresScope("admin:write:email_domain_blocks")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Auth.requireAdmin(request);
        blocks.unblockEmailDomain(id);
        return Map.of();
    }

}
