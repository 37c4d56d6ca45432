package social.herd.accounts.impl.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.RequestParams;
import social.herd.web.api.RequiresScope;

/** Mastodon's {@code GET /api/v2/admin/accounts}: origin, status, permissions and the text filters. */
@Component(service = AdminAccountsV2Resource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v2/admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminAccountsV2Resource {

    private static final Set<String> STATUSES = Set.of("active", "pending", "disabled", "silenced", "suspended", "sensitized");
    private final AdminAccounts accounts;
    private final ServerSettings server;

    @Activate
    public AdminAccountsV2Resource(@Reference AdminAccounts accounts, @Reference ServerSettings server) {
        this.accounts = accounts;
        this.server = server;
    }

    @GET
    @RequiresScope("admin:read:accounts")
    public Response list(@Context UriInfo uri, @Context ContainerRequestContext request) {
        Auth.requireStaff(request);
        RequestParams p = RequestParams.of(uri.getQueryParameters(), null);
        String origin = p.get("origin");
        if (origin != null && !Set.of("local", "remote").contains(origin)) throw ApiException.unprocessable("origin must be local or remote");
        String status = p.get("status");
        if (status != null && !STATUSES.contains(status)) throw ApiException.unprocessable("Unknown status: " + status);
        return AdminAccountsResource.page(accounts, server, new AdminAccountMapper.Filter(origin, status, "staff".equals(p.get("permissions")),
                AdminAccountsResource.lower(p.get("username")), AdminAccountsResource.lower(p.get("display_name")),
                AdminAccountsResource.lower(p.get("by_domain")), AdminAccountsResource.lower(p.get("email"))), uri);
    }
}
