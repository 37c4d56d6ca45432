package social.herd.statuses.impl.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import social.herd.api.config.ServerSettings;
import social.herd.statuses.impl.StatusEntities.Page;
import social.herd.web.api.PaginationLinks;

/** A list answer with Mastodon's {@code Link} header. */
public final class Pages {

    private Pages() {}

    public static Response response(Page<?> page, UriInfo uri, ServerSettings server) {
        return PaginationLinks.apply(Response.ok(page.items()), server.publicUrl(), uri,
                page.nextMaxId() == null ? null : page.nextMaxId().toString(),
                page.prevMinId() == null ? null : page.prevMinId().toString()).build();
    }
}
