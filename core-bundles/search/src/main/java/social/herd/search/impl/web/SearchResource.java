package social.herd.search.impl.web;

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
import social.herd.api.accounts.SocialGraph;
import social.herd.api.config.ServerSettings;
import social.herd.api.federation.Resolver;
import social.herd.api.statuses.StatusDirectory;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.search.impl.StatusSearch;
import social.herd.search.impl.engine.QueryParser;
import social.herd.search.impl.engine.SearchUnavailableException;
import social.herd.search.impl.engine.StatusQuery;

/**
 * {@code GET /api/v2/search} as Mastodon answers it. Accounts and posts named by a handle or URL
 * are found (and, with {@code resolve=true} and a signed-in user, fetched from their server).
 * Other queries search posts by their text and operators ({@link QueryParser}) for signed-in
 * people, among the posts they may find ({@link StatusSearch}); when the engine is down the answer
 * is 503 with a clear message and everything else keeps working. Accounts are found by the
 * start of their username or display name ({@code following=true}: only those the searcher
 * follows), hashtags in use here by the start of their name. Signed-out visitors find accounts
 * and hashtags (first page only, never fetched from other servers) but no posts.
 */
@Component(service = SearchResource.class)
@JakartarsResource
@JSONRequired
@Path("/api/v2/search")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 40;
    static final int MAX_OFFSET = 10_000;
    /** Accounts looked at before filtering by {@code following} or skipping by {@code offset}. */
    static final int ACCOUNT_POOL = 80;

    private final Resolver resolver;
    private final AccountDirectory accounts;
    private final StatusDirectory statuses;
    private final StatusSearch search;
    private final ServerSettings server;
    private final SocialGraph graph;

    @Activate
    public SearchResource(@Reference Resolver resolver, @Reference AccountDirectory accounts,
                          @Reference StatusDirectory statuses, @Reference StatusSearch search, @Reference ServerSettings server,
                          @Reference SocialGraph graph) {
        this.graph = graph;
        this.server = server;
        this.resolver = resolver;
        this.accounts = accounts;
        this.statuses = statuses;
        this.search = search;
    }

    @GET
    public Map<String, Object> search(@QueryParam("q") String q, @QueryParam("resolve") String resolve,
                                      @QueryParam("type") String type, @QueryParam("account_id") String accountId,
                                      @QueryParam("max_id") String maxId, @QueryParam("min_id") String minId,
                                      @QueryParam("offset") String offset, @QueryParam("following") String following,
                                      @QueryParam("limit") String limit, @Context ContainerRequestContext request) {
        if (q == null || q.isBlank()) throw ApiException.badRequest("q is required");
        if (q.length() > 2000) throw ApiException.unprocessable("q is too long");
        if (type != null && !type.isBlank() && !List.of("accounts", "statuses", "hashtags").contains(type)) {
            throw ApiException.unprocessable("type must be accounts, statuses or hashtags");
        }
        Optional<Long> viewer = Auth.principal(request).filter(p -> p.accountId().isPresent())
                .map(p -> p.accountId().getAsLong());
        int skip = bounded(offset, 0, MAX_OFFSET, "offset");
        // as Mastodon: signed-out visitors get the first page of accounts and hashtags only
        if (viewer.isEmpty() && skip > 0) {
            throw new ApiException(401, "Search queries pagination is not supported without authentication");
        }
        // fetching from other servers on behalf of anonymous visitors would make us a proxy for anyone
        boolean fetch = "true".equalsIgnoreCase(resolve) && viewer.isPresent();
        String query = q.strip();
        List<Object> foundAccounts = new ArrayList<>();
        List<Object> foundStatuses = new ArrayList<>();
        boolean byAddress = query.startsWith("https://") || query.startsWith("http://") || looksLikeHandle(query);
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
        int max = Math.max(1, bounded(limit, DEFAULT_LIMIT, MAX_LIMIT, "limit"));
        if (!byAddress && wants(type, "accounts")) {
            boolean onlyFollowed = "true".equalsIgnoreCase(following) && viewer.isPresent();
            List<Object> found = accounts.search(query, onlyFollowed ? ACCOUNT_POOL : Math.min(ACCOUNT_POOL, skip + max));
            if (onlyFollowed) {
                java.util.Set<String> followed = new java.util.HashSet<>();
                graph.following(viewer.get()).forEach(id -> followed.add(Long.toString(id)));
                found = found.stream().filter(a -> followed.contains(idOf(a))).toList();
            }
            foundAccounts.addAll(found.stream().skip(skip).limit(max).toList());
        }
        if (!byAddress && viewer.isPresent() && wants(type, "statuses")) {
            StatusQuery parsed = QueryParser.parse(query, this::accountByHandle);
            Long author = id(accountId, "account_id");
            if (author != null) parsed = new StatusQuery(parsed.text(), parsed.from(), author, parsed.hasMedia(),
                    parsed.hasPoll(), parsed.isReply(), parsed.sensitive(), parsed.language(), parsed.before(), parsed.after());
            try {
                foundStatuses.addAll(search.search(viewer.get(), parsed, id(minId, "min_id"), id(maxId, "max_id"), skip, max));
            } catch (SearchUnavailableException e) {
                throw new ApiException(503, "Search is temporarily unavailable; please try again later");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accounts", foundAccounts);
        out.put("statuses", foundStatuses);
        List<Object> tags = new ArrayList<>();
        if (!byAddress && wants(type, "hashtags") && query.matches("#?[\\p{L}\\p{N}_]{1,100}")) {
            for (String name : statuses.hashtags(query, Math.min(40, skip + max)).stream().skip(skip).toList()) {
                tags.add(Map.of("name", name, "url", server.publicUrl() + "/tags/" + name, "history", List.of()));
            }
        }
        out.put("hashtags", tags);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String idOf(Object account) {
        return String.valueOf(social.herd.web.api.Json.mapper().convertValue(account, Map.class).get("id"));
    }

    private Optional<Long> accountByHandle(String handle) {
        int at = handle.indexOf('@');
        return accounts.byAcct(at < 0 ? handle : handle.substring(0, at), at < 0 ? null : handle.substring(at + 1))
                .map(a -> a.id());
    }

    private static Long id(String value, String name) {
        if (value == null || value.isBlank()) return null;
        if (!value.matches("[0-9]{1,19}")) throw ApiException.unprocessable(name + " must be an id");
        return Long.parseLong(value);
    }

    private static int bounded(String value, int fallback, int max, String name) {
        if (value == null || value.isBlank()) return fallback;
        if (!value.matches("[0-9]{1,9}")) throw ApiException.unprocessable(name + " must be a number");
        return Math.min(Integer.parseInt(value), max);
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
