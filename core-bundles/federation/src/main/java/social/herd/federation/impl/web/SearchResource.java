package social.herd.federation.impl.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.federation.Resolver;
import social.herd.api.statuses.StatusDirectory;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.RequiresScope;

/**
 * {@code GET /api/v2/search}, the resolving part: a handle ({@code user@domain}) or an https URL
 * finds (and, with {@code resolve=true} and a signed-in user, fetches) that account or post, as
 * Mastodon's search box does. Full-text search of posts, accounts and tags belongs to the search
 * bundle and is not answered here: other queries get empty results.
 */
@Component(service = SearchResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v2/search")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchResource {

    private final Resolver resolver;
    private final AccountDirectory accounts;
    private final StatusDirectory statuses;

    @Activate
    public SearchResource(@Reference Resolver resolver, @Reference AccountDirectory accounts,
                          @Reference StatusDirectory statuses) {
        this.resolver = resolver;
        this.accounts = accounts;
        this.statuses = statuses;
    }

    @GET
    @RequiresScope("read:search")
    public Map<String, Object> search(@QueryParam("q") String q, @QueryParam("resolve") String resolve,
                                      @QueryParam("type") String type, @Context ContainerRequestContext request) {
        if (q == null || q.isBlank()) throw ApiException.badRequest("q is required");
        if (q.length() > 2000) throw ApiException.unprocessable("q is too long");
        Optional<Long> viewer = Auth.principal(request).filter(p -> p.accountId().isPresent())
                .map(p -> p.accountId().getAsLong());
        // fetching from other servers on behalf of anonymous visitors would make us a proxy for anyone
        boolean fetch = "true".equalsIgnoreCase(resolve) && viewer.isPresent();
        String query = q.strip();
        List<Object> foundAccounts = new ArrayList<>();
        List<Object> foundStatuses = new ArrayList<>();
        if (fetch && (query.startsWith("https://") || query.startsWith("http://"))) {
            resolver.url(query).ifPresent(f -> {
                if (f instanceof Resolver.Found.Account a && wants(type, "accounts")) {
                    Object e = accounts.render(List.of(a.accountId())).get(a.accountId());
                    if (e != null) foundAccounts.add(e);
                } else if (f instanceof Resolver.Found.Status s && wants(type, "statuses")
                        && statuses.visibleTo(viewer.orElse(null), s.statusId())) {
                    Object e = statuses.render(viewer.orElse(null), List.of(s.statusId()), null).get(s.statusId());
                    if (e != null) foundStatuses.add(e);
                }
            });
        } else if (looksLikeHandle(query) && wants(type, "accounts")) {
            Optional<Long> id = fetch ? resolver.account(query) : Optional.empty();
            id.map(x -> accounts.render(List.of(x)).get(x)).ifPresent(foundAccounts::add);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accounts", foundAccounts);
        out.put("statuses", foundStatuses);
        out.put("hashtags", List.of());
        return out;
    }

    private static boolean wants(String type, String kind) {
        return type == null || type.isBlank() || type.equals(kind);
    }

    static boolean looksLikeHandle(String q) {
        String h = q.startsWith("@") ? q.substring(1) : q;
        int at = h.indexOf('@');
        return at > 0 && at == h.lastIndexOf('@') && at < h.length() - 1 && !h.contains(" ");
    }
}
