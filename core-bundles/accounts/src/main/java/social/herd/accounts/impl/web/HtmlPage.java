package social.herd.accounts.impl.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import social.herd.accounts.impl.NoteHtml;

/**
 * The bare page every server-rendered form of this bundle uses; the web UI bundle frames its
 * {@code <main>} in the visitor's theme (header {@code Herd-Page-Frame}).
 * Callers pass titles and texts as plain text (escaped here) and bodies as HTML they built with
 * {@link #esc} around every dynamic value.
 */
final class HtmlPage {

    private HtmlPage() {}

    static String esc(String text) {
        return NoteHtml.escape(text == null ? "" : text);
    }

    /** A page with one paragraph of plain text. */
    static Response text(int status, String title, String text) {
        return html(status, title, "<p>" + esc(text) + "</p>");
    }

    static Response html(int status, String title, String body) {
        return builder(status, title, body).build();
    }

    /** For callers that add headers (cookies). Never cached: these pages carry per-request tokens. */
    static Response.ResponseBuilder builder(int status, String title, String body) {
        String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + esc(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/web/base.css\"></head>"
                + "<body><main><h1>" + esc(title) + "</h1>" + body + "</main></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")
                // the web UI bundle, when installed, puts the content of <main> into the visitor's theme
                .header("Herd-Page-Frame", "1")
                .entity(page.getBytes(StandardCharsets.UTF_8));
    }
}
