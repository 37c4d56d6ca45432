package social.herd.web.impl.filters;

import jakarta.ws.rs.container.ContainerRequestContext;

/** The request's absolute path, the same in pre-matching and post-matching filters. */
final class RequestPaths {

    private RequestPaths() {
    }

    /** The decoded absolute path, always starting with {@code /}. */
    static String of(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.startsWith("/") ? path : "/" + path;
    }
}
