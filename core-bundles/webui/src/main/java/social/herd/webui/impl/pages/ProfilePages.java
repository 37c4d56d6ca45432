package social.herd.webui.impl.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.config.ServerSettings;
import social.herd.api.statuses.StatusPages;
import social.herd.webui.impl.render.ApiClient;
import social.herd.webui.impl.render.Pages;
import social.herd.webui.impl.render.Viewers;
import social.herd.webui.impl.render.Visit;

/**
 * Profile pages, {@code /@alice} and {@code /@bob@remote.example} for accounts known here: the
 * account, its pinned posts and its posts newest first (Link-paginated by {@code max_id}),
 * {@code /@alice/media} as a grid of its media, and status permalinks {@code /@alice/:id} with
 * the thread. Pages show what the visitor may see: signed out, public posts only; signed in, what
 * the API would show them.
 */
@Component(service = ProfilePages.class)
@JakartarsResource
@Path("/@{acct: [A-Za-z0-9_]{1,30}(?:@[A-Za-z0-9.:-]{1,253})?}")
public final class ProfilePages {

    static final int PAGE = 20;

    private final Pages pages;
    private final AccountDirectory accounts;
    private final StatusPages statuses;
    private final ServerSettings server;
    private final Viewers viewers;
    private final ApiClient api;

    @Activate
    public ProfilePages(@Reference Pages pages, @Reference AccountDirectory accounts, @Reference StatusPages statuses,
                        @Reference ServerSettings server, @Reference Viewers viewers, @Reference ApiClient api) {
        this.pages = pages;
        this.accounts = accounts;
        this.statuses = statuses;
        this.server = server;
        this.viewers = viewers;
        this.api = api;
    }

    @GET
    public Response profile(@PathParam("acct") String acct, @QueryParam("max_id") String maxId,
                            @Context HttpHeaders headers, @Context UriInfo uri) {
        return posts(acct, maxId, false, headers, uri);
    }

    @GET
    @Path("media")
    public Response media(@PathParam("acct") String acct, @QueryParam("max_id") String maxId,
                          @Context HttpHeaders headers, @Context UriInfo uri) {
        return posts(acct, maxId, true, headers, uri);
    }

    @GET
    @Path("{id: [0-9]{1,19}}")
    public Response status(@PathParam("acct") String acct, @PathParam("id") long id, @Context HttpHeaders headers,
                           @Context UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        Optional<AccountSummary> account = find(acct);
        Optional<StatusPages.Thread> thread = account.isEmpty() ? Optional.empty() : statuses.thread(viewers.accountId(visit), id);
        Map<String, Object> status = thread.map(t -> Entities.map(t.status())).orElse(null);
        if (status == null || !account.get().equals(authorOf(status, account.get()))) return notFound(visit);
        if (ActivityPubRedirect.wanted(headers)) {
            return ActivityPubRedirect.to(String.valueOf(status.get("uri")));
        }
        Map<String, Object> m = new HashMap<>();
        m.put("status", status);
        m.put("ancestors", Entities.maps(thread.get().ancestors()));
        m.put("descendants", Entities.maps(thread.get().descendants()));
        m.put("account", status.get("account"));
        m.put("name", displayName(status.get("account")));
        m.put("summary", Entities.summary(status.get("content"), 200));
        m.put("activity_id", status.get("uri"));
        m.put("canonical", status.get("url"));
        return pages.ok(visit, "status.peb", m);
    }

    private Response posts(String acct, String maxIdParam, boolean media, HttpHeaders headers, UriInfo uri) {
        Visit visit = Visit.of(headers, uri);
        Optional<AccountSummary> found = find(acct);
        if (found.isEmpty()) return notFound(visit);
        AccountSummary a = found.get();
        String activityId = a.local() ? server.publicUrl() + "/users/" + a.username() : null;
        if (ActivityPubRedirect.wanted(headers) && activityId != null) return ActivityPubRedirect.to(activityId);
        Map<String, Object> account = Entities.map(accounts.render(List.of(a.id())).get(a.id()));
        if (account == null) return notFound(visit);
        Long maxId = Entities.maxId(maxIdParam);
        Optional<Viewers.Viewer> viewer = viewers.of(visit);
        Long viewerId = viewer.map(Viewers.Viewer::accountId).orElse(null);
        List<Map<String, Object>> posts = Entities.maps(statuses.accountPosts(viewerId, a.id(), false, media, maxId, PAGE));
        Long next = Entities.lastId(posts, PAGE);
        Map<String, Object> m = new HashMap<>();
        m.put("account", account);
        m.put("name", displayName(account));
        m.put("pinned", maxId == null && !media ? Entities.maps(statuses.accountPosts(viewerId, a.id(), true, false, null, 5)) : List.of());
        if (viewer.isPresent() && viewerId != a.id()) {
            List<Map<String, Object>> rel = api.list(viewer.get().token(), "/api/v1/accounts/relationships?id[]=" + a.id());
            if (!rel.isEmpty()) m.put("relationship", rel.get(0));
        }
        m.put("own", viewerId != null && viewerId == a.id());
        m.put("posts", posts);
        m.put("media", media);
        m.put("summary", Entities.summary(account.get("note"), 200));
        m.put("activity_id", activityId);
        m.put("canonical", account.get("url"));
        String base = visit.path();
        if (next != null) m.put("next", base + "?max_id=" + next);
        Response r = pages.ok(visit, "profile.peb", m);
        return next == null ? r : Response.fromResponse(r).header("Link", "<" + server.publicUrl() + base + "?max_id=" + next
                + ">; rel=\"next\"").build();
    }

    /** The account a handle names: local, or a remote one already known here; never suspended ones. */
    private Optional<AccountSummary> find(String acct) {
        int at = acct.indexOf('@');
        String user = at < 0 ? acct : acct.substring(0, at);
        String domain = at < 0 ? null : acct.substring(at + 1);
        if (domain != null && (domain.equalsIgnoreCase(server.localDomain()) || domain.equalsIgnoreCase(server.webDomain()))) {
            domain = null;
        }
        return accounts.byAcct(user, domain).filter(a -> !a.suspended());
    }

    /** The status must be the account's own (not a boost of it nor a post of someone else). */
    private static AccountSummary authorOf(Map<String, Object> status, AccountSummary expected) {
        Object account = status.get("account");
        if (status.get("reblog") != null || !(account instanceof Map<?, ?> a)) return null;
        return String.valueOf(expected.id()).equals(String.valueOf(a.get("id"))) ? expected : null;
    }

    /** The display name, or the username for accounts without one. */
    static String displayName(Object account) {
        if (!(account instanceof Map<?, ?> a)) return "";
        Object d = a.get("display_name");
        return d == null || d.toString().isBlank() ? String.valueOf(a.get("username")) : d.toString();
    }

    private Response notFound(Visit visit) {
        return pages.page(visit, 404, "error.peb", Map.of("title", "Not found",
                "message", "There is no such account or post here, or it is not public."));
    }
}
