package social.herd.statuses.impl.web;

import social.herd.web.api.PaginationLinks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.config.ServerSettings;
import social.herd.statuses.impl.timelines.AccountPostsService;
import social.herd.web.api.PageRequest;

/**
 * {@code GET /api/v1/accounts/:id/statuses}. The root {@code /api/v1/accounts} is the accounts
 * bundle's too, on purpose: JAX-RS merges classes with the same root, while a longer root of our
 * own ({@code /api/v1/accounts/{id}/statuses}) would shadow every {@code /api/v1/accounts/...}
 * path of that bundle. So this class serves exactly this one sub-path and nothing else.
 */
@Component(service = AccountStatusesResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class AccountStatusesResource {

    private final AccountPostsService posts;
    private final ServerSettings server;

    @Activate
    public AccountStatusesResource(@Reference AccountPostsService posts, @Reference ServerSettings server) {
        this.posts = posts;
        this.server = server;
    }

    /**
     * Public, as Mastodon's default. Filters: {@code pinned}, {@code exclude_replies},
     * {@code exclude_reblogs}, {@code only_media}, {@code tagged}; paged with a {@code Link} header.
     */
    @GET
    @Path("{id: [0-9]{1,19}}/statuses")
    public Response statuses(@PathParam("id") long id, @Context UriInfo uri, @Context ContainerRequestContext request) {
        Params q = Params.of(uri.getQueryParameters(), null);
        AccountPostsService.Filter filter = new AccountPostsService.Filter(q.bool("pinned", false),
                q.bool("exclude_replies", false), q.bool("exclude_reblogs", false), q.bool("only_media", false), q.get("tagged"));
        return PaginationLinks.response(posts.statuses(StatusesResource.viewer(request), id, filter, PageRequest.from(uri, 20, 40)), uri, server.publicUrl());
    }
}
