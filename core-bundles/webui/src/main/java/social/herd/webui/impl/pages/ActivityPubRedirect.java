package social.herd.webui.impl.pages;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * Content negotiation of profile and status pages: a client that asks for ActivityPub JSON
 * ({@code application/activity+json} or {@code application/ld+json}) ahead of HTML is sent to the
 * object's id, which the federation bundle serves.
 */
final class ActivityPubRedirect {

    private ActivityPubRedirect() {}

    static boolean wanted(HttpHeaders headers) {
        List<MediaType> accept = headers.getAcceptableMediaTypes();
        for (MediaType t : accept) {
            if (t.isWildcardType()) return false;
            String s = t.getType() + "/" + t.getSubtype();
            if (s.equals("text/html")) return false;
            if (s.equals("application/activity+json") || s.equals("application/ld+json")) return true;
        }
        return false;
    }

    static Response to(String id) {
        return Response.status(302).location(URI.create(id)).header("Vary", "Accept").build();
    }
}
