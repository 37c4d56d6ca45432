package social.herd.admin.impl.reports;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
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
 * Mastodon's {@code /api/v1/admin/reports}: list ({@code resolved}, {@code account_id},
 * {@code target_account_id}, Link pagination), show, update (category, rule_ids),
 * {@code assign_to_self}, {@code unassign}, {@code resolve}, {@code reopen}. Any staff member.
 */
@Component(service = AdminReportsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/reports")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminReportsResource {

    private static final String ID = "{id: [0-9]{1,19}}";
    private final ReportAdmin reports;
    private final ServerSettings server;

    @Activate
    public AdminReportsResource(@Reference ReportAdmin reports, @Reference ServerSettings server) {
        this.reports = reports;
        this.server = server;
    }

    @GET
    @RequiresScope("admin:read:reports")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        long moderator = Auth.requireStaff(request);
        RequestParams p = RequestParams.of(uri.getQueryParameters(), null);
        List<ReportAdmin.Report> items = reports.list(moderator, p.bool("resolved", false), p.id("account_id"),
                p.id("target_account_id"), PageRequest.from(uri, 100, 200));
        return PaginationLinks.response(Page.of(items, r -> Long.parseLong(r.id())), uri, server.publicUrl());
    }

    @GET
    @Path(ID)
    @RequiresScope("admin:read:reports")
    public ReportAdmin.Report get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return reports.get(Auth.requireStaff(request), id);
    }

    @PUT
    @Path(ID)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("admin:write:reports")
    public ReportAdmin.Report update(@PathParam("id") long id, MultivaluedMap<String, String> form, @Context UriInfo uri,
                                     @Context ContainerRequestContext request) {
        return update(id, RequestParams.of(uri.getQueryParameters(), form), request);
    }

    @PUT
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("admin:write:reports")
    public ReportAdmin.Report updateJson(@PathParam("id") long id, JsonNode body, @Context UriInfo uri,
                                         @Context ContainerRequestContext request) {
        return update(id, RequestParams.json(uri.getQueryParameters(), body), request);
    }

    @POST
    @Path(ID + "/assign_to_self")
    @RequiresScope("admin:write:reports")
    public ReportAdmin.Report assign(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return reports.assign(Auth.requireStaff(request), id, true);
    }

    @POST
    @Path(ID + "/unassign")
    @RequiresScope("admin:write:reports")
    public ReportAdmin.Report unassign(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return reports.assign(Auth.requireStaff(request), id, false);
    }

    @POST
    @Path(ID + "/resolve")
    @RequiresScope("admin:write:reports")
    public ReportAdmin.Report resolve(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return reports.resolve(Auth.requireStaff(request), id);
    }

    @POST
    @Path(ID + "/reopen")
    @RequiresScope("admin:write:reports")
    public ReportAdmin.Report reopen(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return reports.reopen(Auth.requireStaff(request), id);
    }

    private ReportAdmin.Report update(long id, RequestParams p, ContainerRequestContext request) {
        long moderator = Auth.requireStaff(request);
        return reports.update(moderator, id, p.get("category"), p.has("rule_ids") || p.has("rule_ids[]") ? p.all("rule_ids") : null);
    }
}
