package social.herd.federation.impl.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jsoup.nodes.Entities;

/**
 * Content negotiation between ActivityPub clients and browsers on the same URL, as Mastodon does:
 * {@code application/activity+json} or {@code application/ld+json} (with or without the
 * ActivityStreams profile) get JSON-LD, anything else a small HTML page with the same content.
 */
final class Negotiation {

    private Negotiation() {}

    static boolean wantsActivityJson(HttpHeaders headers) {
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null) return false;
        String a = accept.toLowerCase(java.util.Locale.ROOT);
        return a.contains("application/activity+json") || a.contains("application/ld+json")
                || (a.contains("application/json") && !a.contains("text/html"));
    }

    /** A minimal page for a person or a post: the real web UI lives elsewhere; this keeps links working. */
    static Response page(Map<String, Object> doc) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">");
        Object name = doc.getOrDefault("name", doc.get("preferredUsername"));
        String title = name == null || name.toString().isBlank() ? String.valueOf(doc.get("id")) : name.toString();
        b.append("<title>").append(Entities.escape(title)).append("</title>");
        b.append("<link rel=\"alternate\" type=\"application/activity+json\" href=\"")
                .append(Entities.escape(String.valueOf(doc.get("id")))).append("\">");
        b.append("</head><body><main><h1>").append(Entities.escape(title)).append("</h1>");
        // summary and content are HTML we rendered or sanitised ourselves
        Object body = doc.containsKey("content") ? doc.get("content") : doc.get("summary");
        if (body != null) b.append("<div>").append(body).append("</div>");
        b.append("</main></body></html>");
        return Response.ok(b.toString(), "text/html; charset=utf-8").header("Vary", "Accept").build();
    }
}
