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
import social.herd.api.auth.Role;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v1/admin/email_domain_blocks} (list, show, create, delete) and
 * {@code /api/v1/admin/ip_blocks} (list, show, create, update, delete). Admins only (Mastodon's
 * "Manage Blocks"); moderators get 403.
 */
@Component(service = SignUpBlocksResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public final class SignUpBlocksResource {

    /** Mastodon's Admin::EmailDomainBlock. */
    public record EmailDomainBlock(String id, String domain, Instant createdAt, List<Object> history) {
        static EmailDomainBlock of(SignUpBlockMapper.EmailDomain d) {
            return new EmailDomainBlock(Long.toString(d.id()), d.domain(), d.createdAt(), List.of());
        }
    }

    /** Mastodon's Admin::IpBlock. */
    public record IpBlock(String id, String ip, String severity, String comment, Instant createdAt, Instant expiresAt) {
        static IpBlock of(SignUpBlockMapper.IpBlock b) {
            return new IpBlock(Long.toString(b.id()), b.ip(), b.severity(), b.comment(), b.createdAt(), b.expiresAt());
        }
    }

    private static final String ID = "{id: [0-9]{1,18}}";
    private final SignUpBlocks blocks;

    @Activate
    public SignUpBlocksResource(@Reference SignUpBlocks blocks) {
        this.blocks = blocks;
    }

    @GET
    @Path("email_domain_blocks")
    @RequiresScope("admin:read:email_domain_blocks")
    public List<EmailDomainBlock> emailDomains(@Context UriInfo uri, @Context ContainerRequestContext request) {
        requireAdmin(request);
        PageRequest page = PageRequest.from(uri, 100, 200);
        return blocks.emailDomains(page.maxId(), page.sinceId(), page.limit()).stream().map(EmailDomainBlock::of).toList();
    }

    @GET
    @Path("email_domain_blocks/" + ID)
    @RequiresScope("admin:read:email_domain_blocks")
    public EmailDomainBlock emailDomain(@PathParam("id") long id, @Context ContainerRequestContext request) {
        requireAdmin(request);
        return EmailDomainBlock.of(blocks.emailDomain(id));
    }

    @POST
    @Path("email_domain_blocks")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_JSON})
    @RequiresScope("admin:write:email_domain_blocks")
    public EmailDomainBlock blockEmailDomain(String body, @jakarta.ws.rs.HeaderParam("Content-Type") String type,
                                             @Context UriInfo uri, @Context ContainerRequestContext request) {
        requireAdmin(request);
        return EmailDomainBlock.of(blocks.blockEmailDomain(params(body, type, uri).get("domain")));
    }

    @DELETE
    @Path("email_domain_blocks/" + ID)
    @RequiresScope("admin:write:email_domain_blocks")
    public Map<String, Object> unblockEmailDomain(@PathParam("id") long id, @Context ContainerRequestContext request) {
        requireAdmin(request);
        blocks.unblockEmailDomain(id);
        return Map.of();
    }

    @GET
    @Path("ip_blocks")
    @RequiresScope("admin:read:ip_blocks")
    public List<IpBlock> ipBlocks(@Context UriInfo uri, @Context ContainerRequestContext request) {
        requireAdmin(request);
        PageRequest page = PageRequest.from(uri, 100, 200);
        return blocks.ipBlocks(page.maxId(), page.sinceId(), page.limit()).stream().map(IpBlock::of).toList();
    }

    @GET
    @Path("ip_blocks/" + ID)
    @RequiresScope("admin:read:ip_blocks")
    public IpBlock ipBlock(@PathParam("id") long id, @Context ContainerRequestContext request) {
        requireAdmin(request);
        return IpBlock.of(blocks.ipBlock(id));
    }

    @POST
    @Path("ip_blocks")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_JSON})
    @RequiresScope("admin:write:ip_blocks")
    public IpBlock blockIp(String body, @jakarta.ws.rs.HeaderParam("Content-Type") String type, @Context UriInfo uri,
                           @Context ContainerRequestContext request) {
        requireAdmin(request);
        RequestParams p = params(body, type, uri);
        return IpBlock.of(blocks.blockIp(p.get("ip"), p.get("severity"), p.get("comment"), seconds(p)));
    }

    @PUT
    @Path("ip_blocks/" + ID)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_JSON})
    @RequiresScope("admin:write:ip_blocks")
    public IpBlock updateIp(@PathParam("id") long id, String body, @jakarta.ws.rs.HeaderParam("Content-Type") String type,
                            @Context UriInfo uri, @Context ContainerRequestContext request) {
        requireAdmin(request);
        RequestParams p = params(body, type, uri);
        return IpBlock.of(blocks.updateIp(id, p.get("ip"), p.get("severity"), p.get("comment"), seconds(p)));
    }

    @DELETE
    @Path("ip_blocks/" + ID)
    @RequiresScope("admin:write:ip_blocks")
    public Map<String, Object> unblockIp(@PathParam("id") long id, @Context ContainerRequestContext request) {
        requireAdmin(request);
        blocks.unblockIp(id);
        return Map.of();
    }

    /** Form or JSON body, read by hand so one method serves both. */
    private static RequestParams params(String body, String type, UriInfo uri) {
        String b = body == null ? "" : body;
        if (type != null && type.startsWith(MediaType.APPLICATION_JSON)) {
            try {
                JsonNode json = b.isBlank() ? null : social.herd.web.api.Json.mapper().readTree(b);
                return RequestParams.json(uri.getQueryParameters(), json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ApiException.badRequest("Malformed JSON");
            }
        }
        MultivaluedMap<String, String> form = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        for (String pair : b.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            form.add(k, v);
        }
        return RequestParams.of(uri.getQueryParameters(), form);
    }

    private static Long seconds(RequestParams p) {
        String v = p.get("expires_in");
        if (v == null || v.isBlank()) return null;
        if (!v.strip().matches("[0-9]{1,12}")) throw ApiException.unprocessable("expires_in must be a number of seconds");
        return Long.parseLong(v.strip());
    }

    static void requireAdmin(ContainerRequestContext request) {
        Auth.requireStaff(request);
        Role role = Auth.require(request).role();
        if (role != Role.OWNER && role != Role.ADMIN) throw ApiException.forbidden("This action is not allowed");
    }
}
