package social.herd.federation.impl.signatures;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of an HTTP request that signatures cover. Header names are case-insensitive; a header
 * sent several times is given as one value joined with ", " (as both specifications combine them).
 *
 * @param method the request method, as sent (e.g. POST)
 * @param uri the full target URI (scheme, authority, path and query)
 * @param headers the request headers
 * @param body the body bytes, empty for none
 */
public record SignedRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
    public SignedRequest {
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = h;
        body = body == null ? new byte[0] : body;
    }

    /** The header's value with surrounding whitespace removed, or null. */
    public String header(String name) {
        String v = headers.get(name);
        return v == null ? null : v.strip();
    }

    /** A copy with more headers (replacing same names). */
    public SignedRequest with(Map<String, String> more) {
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        h.putAll(more);
        return new SignedRequest(method, uri, h, body);
    }

    /** Path and query as in the request line: what (request-target) and @request-target use. */
    public String requestTarget() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** Whether the request carries content whose digest must be signed. */
    public boolean hasBody() {
        return body.length > 0 || "POST".equalsIgnoreCase(method) || "PUT".equalsIgnoreCase(method);
    }
}
