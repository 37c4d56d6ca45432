package social.herd.statuses.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.statuses.impl.scheduled.ScheduledStatusService;
import social.herd.statuses.impl.scheduled.ScheduledStatusView;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequiresScope;

/** Mastodon's {@code /api/v1/scheduled_statuses}: list, view, move ({@code scheduled_at}) and delete. */
@Component(service = ScheduledStatusesResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/scheduled_statuses")
@Produces(MediaType.APPLICATION_JSON)
public final class ScheduledStatusesResource {

    private static final String ID = "{id: [0-9]{1,19}}";

    private final ScheduledStatusService scheduled;
    private final ServerSettings server;

    @Activate
    public ScheduledStatusesResource(@Reference ScheduledStatusService scheduled, @Reference ServerSettings server) {
        this.scheduled = scheduled;
        this.server = server;
    }

    @GET
    @RequiresScope("read:statuses")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        return PaginationLinks.response(scheduled.list(Auth.requireAccountId(request), PageRequest.from(uri, 20, 40)), uri,
                server.publicUrl());
    }

    @GET
    @Path(ID)
    @RequiresScope("read:statuses")
    public ScheduledStatusView get(@PathParam("id") long id, @Context ContainerRequestContext request) {
        return scheduled.get(Auth.requireAccountId(request), id);
    }

    @PUT
    @Path(ID)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @RequiresScope("write:statuses")
    public ScheduledStatusView moveForm(@PathParam("id") long id, @Context UriInfo uri, MultivaluedMap<String, String> form,
                                        @Context ContainerRequestContext request) {
        return move(id, Params.of(uri.getQueryParameters(), form), request);
    }

    @PUT
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("write:statuses")
    public ScheduledStatusView moveJson(@PathParam("id") long id, @Context UriInfo uri, JsonNode body,
                                        @Context ContainerRequestContext request) {
        return move(id, Params.json(uri.getQueryParameters(), body), request);
    }

    private ScheduledStatusView move(long id, Params p, ContainerRequestContext request) {
        return scheduled.reschedule(Auth.requireAccountId(request), id, time(p.get("scheduled_at")));
    }

    @DELETE
    @Path(ID)
    @RequiresScope("write:statuses")
    public Map<String, Object> delete(@PathParam("id") long id, @Context ContainerRequestContext request) {
        scheduled.delete(Auth.requireAccountId(request), id);
        return Map.of();
    }

    /** An ISO 8601 date-time with offset ({@code 2026-11-22T10:00:00.000Z}); 422 otherwise. */
    static Instant time(String value) {
        if (value == null || value.isBlank()) throw ApiException.unprocessable("Validation failed: Scheduled at can't be blank");
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException again) {
                throw ApiException.unprocessable("Validation failed: Scheduled at is invalid");
            }
        }
    }
}
