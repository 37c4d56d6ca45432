package social.herd.webui.impl.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.config.ServerSettings;
import social.herd.api.federation.Resolver;
import social.herd.api.statuses.StatusFacts;
import social.herd.api.statuses.StatusDirectory;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.Viewers;
import social.herd.webui.impl.render.Visit;

/**
 * Remote follow and interaction ({@code /authorize_interaction?uri=}), the target of this
 * server's WebFinger subscribe template. Signed in here: the account or post the URI names is
 * looked up (fetched if it is new) and shown with its follow and interaction buttons. Signed out:
 * the visitor gives their handle and is sent to their own server's page for the same URI.
 */
@Component(service = InteractionPages.class)
@JakartarsResource
@Path("/authorize_interaction")
public final class InteractionPages {

    static final Pattern LOCAL = Pattern.compile("/(?:@|users/)([A-Za-z0-9_]{1,30})(?:/(?:statuses/)?([0-9]{1,19}))?/?");
    static final Pattern HANDLE = Pattern.compile("@?([A-Za-z0-9_.-]{1,64})@([A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?)");

    private final Pages pages;
    private final Viewers viewers;
    private final Resolver resolver;
    private final AccountDirectory accounts;
    private final StatusDirectory statuses;
    private final ServerSettings server;

    @Activate
    public InteractionPages(@Reference Pages pages, @Reference Viewers viewers, @Reference Resolver resolver,
                            @Reference AccountDirectory accounts, @Reference StatusDirectory statuses,
                            @Reference ServerSettings server) {
        this.server = server;
        this.pages = pages;
        this.viewers = viewers;
        this.resolver = resolver;
        this.accounts = accounts;
        this.statuses = statuses;
    }

    @GET
    public Response show(@QueryParam("uri") String uri, @Context HttpHeaders headers, @Context UriInfo info) {
        Visit visit = Visit.of(headers, info);
        String target = clean(uri);
        if (target == null) return problem(visit, 422, "That is not the address of an account or a post.");
        if (viewers.of(visit).isEmpty()) return form(visit, 200, target, "", null);
        Optional<String> local = localPage(target);
        if (local.isPresent()) return Response.seeOther(URI.create(local.get())).build();
        Optional<Resolver.Found> found = resolver.url(target);
        if (found.isEmpty()) return problem(visit, 404, "Nothing could be found at that address.");
        Optional<String> page = switch (found.get()) {
            case Resolver.Found.Account a -> accounts.byId(a.accountId()).map(InteractionPages::profilePath);
            case Resolver.Found.Status s -> statuses.facts(s.statusId()).flatMap(f -> statusPath(f));
        };
        return page.map(p -> Response.seeOther(URI.create(p)).build())
                .orElseGet(() -> problem(visit, 404, "Nothing could be found at that address."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response elsewhere(@FormParam(Visit.CSRF_FIELD) String token, @FormParam("uri") String uri,
                              @FormParam("acct") String acct, @Context HttpHeaders headers, @Context UriInfo info) {
        Visit visit = Visit.of(headers, info);
        String target = clean(uri);
        if (target == null) return problem(visit, 422, "That is not the address of an account or a post.");
        if (!visit.accepts(token)) return form(visit, 403, target, acct, "The form expired. Please try again.");
        Matcher m = acct == null ? null : HANDLE.matcher(acct.strip());
        if (m == null || !m.matches()) return form(visit, 422, target, acct, "Enter your handle as name@your.server.");
        // Mastodon-compatible servers take the same path; nothing is fetched from the visitor's server here.
        return Response.seeOther(URI.create("https://" + m.group(2) + "/authorize_interaction?uri="
                + URLEncoder.encode(target, StandardCharsets.UTF_8))).build();
    }

    /** This server's own profile and post URLs (page or ActivityPub id) as the page path. */
    private Optional<String> localPage(String target) {
        String base = server.publicUrl().toString().replaceFirst("/$", "");
        if (!target.startsWith(base + "/")) return Optional.empty();
        Matcher m = LOCAL.matcher(target.substring(base.length()));
        if (!m.matches()) return Optional.empty();
        return Optional.of("/@" + m.group(1) + (m.group(2) == null ? "" : "/" + m.group(2)));
    }

    private Optional<String> statusPath(StatusFacts f) {
        return accounts.byId(f.accountId()).map(a -> profilePath(a) + "/" + f.id());
    }

    private static String profilePath(social.herd.api.accounts.AccountSummary a) {
        return "/@" + a.username() + (a.local() ? "" : "@" + a.domain());
    }

    /** An http(s) URL or an acct handle, or null. */
    static String clean(String uri) {
        if (uri == null) return null;
        String u = uri.strip();
        if (u.length() > 2000) return null;
        if (u.startsWith("acct:")) u = u.substring(5);
        if (HANDLE.matcher(u).matches()) return u.startsWith("@") ? u.substring(1) : u;
        return u.matches("https?://[^\\s<>\"]+") ? u : null;
    }

    private Response form(Visit visit, int status, String uri, String acct, String error) {
        Map<String, Object> m = new HashMap<>();
        m.put("uri", uri);
        m.put("acct", acct == null ? "" : acct);
        if (error != null) m.put("error", error);
        return pages.page(visit, status, "interaction.peb", m);
    }

    private Response problem(Visit visit, int status, String message) {
        return pages.page(visit, status, "error.peb", Map.of("title", "Remote interaction", "message", message));
    }
}
