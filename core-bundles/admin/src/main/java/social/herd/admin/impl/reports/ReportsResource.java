package social.herd.admin.impl.reports;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.accounts.AccountDirectory;
import social.herd.web.api.Auth;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/** Mastodon's {@code POST /api/v1/reports}, form or JSON. */
@Component(service = ReportsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public final class ReportsResource {

    /** Mastodon's Report entity as the reporter sees it. */
    public record Report(String id, boolean actionTaken, Instant actionTakenAt, String category, String comment,
                         boolean forwarded, Instant createdAt, List<String> statusIds, List<String> ruleIds,
                         Object targetAccount) {}

    private final ReportService reports;
    private final AccountDirectory accounts;

    @Activate
    public ReportsResource(@Reference ReportService reports, @Reference AccountDirectory accounts) {
        this.reports = reports;
        this.accounts = accounts;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @RequiresScope("write:reports")
    public Report form(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context ContainerRequestContext request) {
        return file(RequestParams.of(uri.getQueryParameters(), form), request);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:reports")
    public Report json(JsonNode body, @Context UriInfo uri, @Context ContainerRequestContext request) {
        return file(RequestParams.json(uri.getQueryParameters(), body), request);
    }

    private Report file(RequestParams p, ContainerRequestContext request) {
        ReportRow r = reports.file(Auth.requireAccountId(request), new ReportService.Filing(p.id("account_id"),
                p.ids("status_ids"), p.get("comment"), p.bool("forward", false), p.get("category"), p.all("rule_ids")));
        return new Report(Long.toString(r.id()), r.actionTakenAt() != null, r.actionTakenAt(), r.category(), r.comment(),
                r.forwarded(), r.createdAt(), ReportService.list(r.statusIds()), ReportService.list(r.ruleIds()),
                accounts.render(List.of(r.targetAccountId())).get(r.targetAccountId()));
    }
}
