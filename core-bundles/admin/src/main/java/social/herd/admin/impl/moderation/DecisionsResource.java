package social.herd.admin.impl.moderation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.api.db.Database;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;
import social.herd.web.api.PaginationLinks;
import social.herd.web.api.RequiresScope;

/**
 * What the moderation filters decided, for staff (Herd's own; Mastodon has no filter plugins):
 * {@code GET /api/v1/admin/moderation_decisions}, newest first, filterable by {@code filter},
 * {@code decision}, {@code context} and {@code account_id}, paginated like Mastodon's lists.
 */
@Component(service = DecisionsResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/admin/moderation_decisions")
@Produces(MediaType.APPLICATION_JSON)
public final class DecisionsResource {

    /** One decision as moderators read it. */
    public record Entity(String id, String context, String filter, String decision, String reason, List<String> rewrites,
                         String subject, String accountId, String excerpt, Instant createdAt) {}

    private static final Set<String> DECISIONS = Set.of("reject", "hold", "rewrite", "error", "timeout", "overloaded");
    private static final Set<String> CONTEXTS = Set.of("local_post", "edit", "incoming", "sign_up");

    private final Database db;
    private final ServerSettings server;

    @Activate
    public DecisionsResource(@Reference Database db, @Reference ServerSettings server) {
        this.db = db;
        this.server = server;
    }

    @GET
    @RequiresScope("admin:read")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireStaff(request);
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        PageRequest page = PageRequest.from(uri, 40, 80);
        String decision = oneOf(q.getFirst("decision"), DECISIONS, "decision");
        String context = oneOf(q.getFirst("context"), CONTEXTS, "context");
        String filter = blankToNull(q.getFirst("filter"));
        Long account = id(q.getFirst("account_id"));
        List<DecisionMapper.Row> rows = page.newestFirst(db.read(tx -> tx.mapper(DecisionMapper.class).page(filter, decision,
                context, account, page.maxId(), page.sinceId(), page.minId(), page.limit())));
        return PaginationLinks.response(Page.of(rows.stream().map(DecisionsResource::entity).toList(), e -> Long.parseLong(e.id())),
                uri, server.publicUrl());
    }

    private static Entity entity(DecisionMapper.Row r) {
        return new Entity(Long.toString(r.id()), r.context(), r.filter(), r.decision(), r.reason(),
                r.rewrites().isEmpty() ? List.of() : Arrays.asList(r.rewrites().split(",")), r.subject(),
                r.accountId() == null ? null : r.accountId().toString(), r.excerpt(), r.createdAt());
    }

    private static String oneOf(String value, Set<String> allowed, String name) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) throw ApiException.unprocessable("Unknown " + name + ": " + value.strip());
        return v;
    }

    private static Long id(String value) {
        if (value == null || value.isBlank()) return null;
        if (!value.strip().matches("[0-9]{1,19}")) throw ApiException.unprocessable("account_id must be an id");
        return Long.parseLong(value.strip());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
