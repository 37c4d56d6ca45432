package social.herd.web.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds Mastodon's pagination {@code Link} header:
 * {@code <https://social.example/api/v1/timelines/home?limit=20&max_id=X>; rel="next",
 * <https://social.example/api/v1/timelines/home?limit=20&min_id=Y>; rel="prev"}.
 *
 * <p>Links use the server's public URL ({@code ServerSettings.publicUrl()}), because behind a proxy
 * the request URI is not the public one; the request's path and its other query parameters (in
 * their original order and encoding) are kept, and {@code max_id}, {@code since_id} and
 * {@code min_id} are replaced.
 */
public final class PaginationLinks {

    private static final Set<String> PAGING_PARAMETERS = Set.of("max_id", "since_id", "min_id");

    private PaginationLinks() {
    }

    /**
     * The {@code Link} header value, or empty when there is neither a next nor a previous page.
     *
     * @param publicUrl the server's public URL (scheme, host, port; no trailing slash needed)
     * @param uriInfo   the current request
     * @param nextMaxId id of the oldest item on this page, for {@code rel="next"}; {@code null} for none
     * @param prevMinId id of the newest item on this page, for {@code rel="prev"}; {@code null} for none
     */
    public static Optional<String> header(URI publicUrl, UriInfo uriInfo, String nextMaxId, String prevMinId) {
        URI requestUri = uriInfo.getRequestUri();
        return header(publicUrl, requestUri.getRawPath(), requestUri.getRawQuery(), nextMaxId, prevMinId);
    }

    /**
     * Sets the {@code Link} header on {@code response} when there is a next or previous page.
     *
     * @return {@code response}
     */
    public static Response.ResponseBuilder apply(Response.ResponseBuilder response, URI publicUrl, UriInfo uriInfo,
            String nextMaxId, String prevMinId) {
        header(publicUrl, uriInfo, nextMaxId, prevMinId).ifPresent(link -> response.header(HttpHeaders.LINK, link));
        return response;
    }

    /** As {@link #header(URI, UriInfo, String, String)} from a raw path and raw query. */
    public static Optional<String> header(URI publicUrl, String rawPath, String rawQuery, String nextMaxId,
            String prevMinId) {
        if (nextMaxId == null && prevMinId == null) {
            return Optional.empty();
        }
        String base = publicUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String prefix = base + path + "?" + keptParameters(rawQuery);
        List<String> links = new ArrayList<>(2);
        if (nextMaxId != null) {
            links.add("<" + prefix + "max_id=" + encode(nextMaxId) + ">; rel=\"next\"");
        }
        if (prevMinId != null) {
            links.add("<" + prefix + "min_id=" + encode(prevMinId) + ">; rel=\"prev\"");
        }
        return Optional.of(String.join(", ", links));
    }

    /** The raw query without the paging parameters, ending in {@code &} when not empty. */
    private static String keptParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name;
            try {
                name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                name = rawName;
            }
            if (!PAGING_PARAMETERS.contains(name)) {
                kept.append(pair).append('&');
            }
        }
        return kept.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A {@code 200} list answer with Mastodon's {@code Link} header for {@code page}. */
    public static Response response(Page<?> page, UriInfo uriInfo, URI publicUrl) {
        return apply(Response.ok(page.items()), publicUrl, uriInfo,
                page.nextMaxId() == null ? null : page.nextMaxId().toString(),
                page.prevMinId() == null ? null : page.prevMinId().toString()).build();
    }
}
