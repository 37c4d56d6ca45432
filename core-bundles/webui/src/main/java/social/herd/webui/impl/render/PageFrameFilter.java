package social.herd.webui.impl.render;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Puts the plain pages of other bundles (sign-up, e-mail confirmation, password reset, account
 * deletion, invites, the OAuth consent) into the visitor's theme. Those bundles mark such a page
 * with {@value #HEADER} and keep its content in one {@code <main>}; that content, which they built
 * with every value escaped, becomes the content block of {@code frame.peb}. Without this bundle
 * the pages are served bare and still work.
 */
@Component(service = ContainerResponseFilter.class)
@JakartarsExtension
@JakartarsName("herd.webui.page-frame")
@Priority(3000)
public final class PageFrameFilter implements ContainerResponseFilter {

    /** Response header with which a bundle asks for its page to be framed; removed here. */
    public static final String HEADER = "Herd-Page-Frame";

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);
    private static final Pattern SET_CSRF = Pattern.compile(Visit.CSRF_COOKIE + "=([A-Za-z0-9_-]{20,100})");
    private static final Pattern MAIN = Pattern.compile("<main>(.*)</main>", Pattern.DOTALL);

    private final Pages pages;

    @Activate
    public PageFrameFilter(@Reference Pages pages) {
        this.pages = pages;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getHeaders().remove(HEADER) == null) return;
        Object entity = response.getEntity();
        String html = entity instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : entity instanceof String s ? s : null;
        if (html == null) return;
        Matcher main = MAIN.matcher(html);
        Matcher title = TITLE.matcher(html);
        if (!main.find()) return;
        Visit visit = Visit.of(request.getHeaders(), request.getCookies(), request.getUriInfo());
        // The accounts pages use the same double-submit cookie; when they are setting it, keep theirs.
        for (Object cookie : response.getHeaders().getOrDefault("Set-Cookie", java.util.List.of())) {
            Matcher set = SET_CSRF.matcher(String.valueOf(cookie));
            if (set.lookingAt()) visit = visit.withCsrf(set.group(1));
        }
        Map<String, Object> m = new HashMap<>();
        // both were escaped by the bundle that built the page
        m.put("title_html", title.find() ? title.group(1) : "");
        m.put("body_html", main.group(1));
        byte[] framed = pages.render(visit, "frame.peb", m).getBytes(StandardCharsets.UTF_8);
        response.setEntity(framed, response.getEntityAnnotations(), response.getMediaType());
        response.getHeaders().putSingle("Content-Length", framed.length);
        if (visit.newCsrf()) response.getHeaders().add("Set-Cookie", Pages.cookie(Visit.CSRF_COOKIE, visit.csrf(), visit.secure(), -1));
    }
}
