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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.web.api.Auth;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/**
 * Mastodon's {@code /api/v1/admin/accounts} (list with the v1 filters, show, action, approve,
 * reject, enable, unsilence, unsuspend, unsensitive, delete) and Herd's {@code POST /:id/role}.
 * Any staff member; roles only by admins.
 */
@Component(service = AdminAccountsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminAccountsResource {

    private static final String ID = "{id: [0-9]{1,19}}";
    private final AdminAccounts accounts;
    private final ServerSettings server;

    @Activate
    public AdminAccountsResource(@Reference AdminAccounts accounts, @Reference ServerSettings server) {
        this.accounts = accounts;
        this.server = server;
    }

    @GET
    @RequiresScope("admin:read:accounts")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireStaff(request);
        RequestParams p = RequestParams.of(uri.getQueryParameters(), null);
        String origin = p.bool("local", false) ? "local" : p.bool("remote", false) ? "remote" : null;
        String status = null;
        for (String s : List.of("active", "pending", "disabled", "silenced", "suspended", "sensitized")) {
            if (p.bool(s, false)) status = s;
        }
        return page(accounts, server, new AdminAccountMapper.Filter(origin, status, p.bool("staff", false), lower(p.get("username")),
                lower(p.get("display_name")), lower(p.get("by_domain")), lower(p.get("email"))), uri);
    }

    @GET
    @Path(ID)
    @RequiresScope("admin:read:accounts")
    public AdminAccounts.Entity get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Auth.requireStaff(request);
        return accounts.get(id);
    }

    @POST
    @Path(ID + "/action")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write:accounts")
    public AdminAccounts.Entity action(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context UriInfo uri,
                                       @Context ContainerRequestContext request) {
        return action(id, RequestParams.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Path(ID + "/action")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write:accounts")
    public AdminAccounts.Entity actionJson(@PathParam("id") long id, JsonNode body, @Context UriInfo uri,
                                           @Context ContainerRequestContext request) {
        return action(id, RequestParams.json(uri.getQueryParameters(), body), request);
    }

    @POST
    @Path(ID + "/{what: approve|reject}")
    @RequiresScope("admin:write:accounts")
    public AdminAccounts.Entity decide(@PathParam("id") long id, @PathParam("what") String what,
                                       @Context ContainerRequestContext request) {
        return accounts.decide(actor(request), id, what.equals("approve"));
    }

    @POST
    @Path(ID + "/{what: enable|unsilence|unsuspend|unsensitive}")
    @RequiresScope("admin:write:accounts")
    public AdminAccounts.Entity undo(@PathParam("id") long id, @PathParam("what") String what,
                                     @Context ContainerRequestContext request) {
        return accounts.undo(actor(request), id, what);
    }

    @POST
    @Path(ID + "/role")
    @RequiresScope("admin:write:accounts")
    public AdminAccounts.Entity role(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context UriInfo uri,
                                     @Context ContainerRequestContext request) {
        return accounts.role(actor(request), id, RequestParams.of(uri.getQueryParameters(), form).get("role"));
    }

    @DELETE
    @Path(ID)
    @RequiresScope("admin:write:accounts")
    public AdminAccounts.Entity delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return accounts.delete(actor(request), id);
    }

    private AdminAccounts.Entity action(long id, RequestParams p, ContainerRequestContext request) {
        return accounts.action(actor(request), id, p.get("type"), p.get("text"), p.id("report_id"));
    }

    static Response page(AdminAccounts accounts, ServerSettings server, AdminAccountMapper.Filter filter, UriInfo uri) {
        List<AdminAccounts.Entity> items = accounts.list(filter, PageRequest.from(uri, 100, 200));
        return PaginationLinks.response(Page.of(items, a -> Long.parseLong(a.id())), uri, server.publicUrl());
    }

    static AdminAccounts.Actor actor(ContainerRequestContext request) {
        long id = Auth.requireStaff(request);
        return new AdminAccounts.Actor(id, Auth.require(request).role());
    }

    static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "\\_");
    }
}
