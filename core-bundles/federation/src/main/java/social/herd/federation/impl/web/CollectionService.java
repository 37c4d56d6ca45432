package social.herd.federation.impl.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.accounts.AccountSummary;
import social.herd.api.accounts.SocialGraph;
import social.herd.api.federation.FederatedGraph;
import social.herd.api.federation.FederatedStatuses;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.statuses.StatusFacts;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.LocalUris;
import social.herd.federation.impl.outbox.Renderers;
import social.herd.federation.impl.render.Activities;
import social.herd.federation.impl.render.Documents;
import social.herd.federation.impl.render.NoteRenderer;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * The collections and objects of local actors: outbox (Create activities, newest first, paged by
 * id), followers, following, featured (pinned posts), replies, and single notes. Followers-only
 * posts are shown only to a signed fetcher who follows the author; direct posts only to a signed
 * fetcher they mention; never to anyone else.
 */
@Component(service = CollectionService.class)
public final class CollectionService {

    static final int PAGE = 20;

    private final AccountDirectory accounts;
    private final SocialGraph social;
    private final FederatedGraph graph;
    private final FederatedStatuses statuses;
    private final Renderers renderers;
    private final LocalUris uris;

    @Activate
    public CollectionService(@Reference AccountDirectory accounts, @Reference SocialGraph social,
                             @Reference FederatedGraph graph, @Reference FederatedStatuses statuses,
                             @Reference Renderers renderers, @Reference FederationRuntime runtime) {
        this.accounts = accounts;
        this.social = social;
        this.graph = graph;
        this.statuses = statuses;
        this.renderers = renderers;
        this.uris = runtime.uris();
    }

    public AccountSummary account(String name) {
        return accounts.localByUsername(name).filter(a -> !a.suspended()).orElseThrow(ApiException::notFound);
    }

    /** The note, if {@code requester} may see it; 404 otherwise (never revealing that it exists). */
    public Map<String, Object> note(String name, long id, Optional<RemoteAccount> requester) {
        AccountSummary a = account(name);
        NoteRenderer.Note n = renderers.notes().note(id).filter(x -> x.facts().accountId() == a.id())
                .filter(x -> visible(x.facts(), requester)).orElseThrow(ApiException::notFound);
        return n.object();
    }

    /** The Create activity wrapping a note (Mastodon's {@code /statuses/:id/activity}). */
    public Map<String, Object> noteActivity(String name, long id, Optional<RemoteAccount> requester) {
        AccountSummary a = account(name);
        NoteRenderer.Note n = renderers.notes().note(id).filter(x -> x.facts().accountId() == a.id())
                .filter(x -> visible(x.facts(), requester)).orElseThrow(ApiException::notFound);
        return Activities.create(n);
    }

    public Map<String, Object> outbox(String name, boolean page, Long maxId, Optional<RemoteAccount> requester) {
        AccountSummary a = account(name);
        String id = uris.outbox(name);
        if (!page) {
            Map<String, Object> d = collection(id, "OrderedCollection", statuses.outboxSize(a.id()));
            d.put("first", id + "?page=true");
            d.put("last", id + "?min_id=0&page=true");
            return d;
        }
        boolean withPrivate = requester.isPresent() && social.follows(requester.get().accountId(), a.id());
        List<Long> ids = statuses.outbox(a.id(), maxId, PAGE, withPrivate);
        List<Object> items = new ArrayList<>();
        for (Long sid : ids) renderers.notes().note(sid).ifPresent(n -> items.add(withoutContext(Activities.create(n))));
        Map<String, Object> d = page(id + "?page=true" + (maxId == null ? "" : "&max_id=" + maxId), id, items);
        if (ids.size() == PAGE) d.put("next", id + "?max_id=" + ids.get(ids.size() - 1) + "&page=true");
        return d;
    }

    public Map<String, Object> followers(String name, Integer page) {
        AccountSummary a = account(name);
        String id = uris.followers(name);
        List<Long> local = social.localFollowers(a.id());
        if (page == null) {
            Map<String, Object> d = collection(id, "OrderedCollection", count(a.id(), "followers_count"));
            d.put("first", id + "?page=1");
            return d;
        }
        // local followers first, then remote ones; both lists are bounded by the page
        List<Long> members = new ArrayList<>(local);
        long after = 0;
        for (int i = 0; i < 50; i++) {
            List<Long> remote = graph.remoteFollowers(a.id(), after, 1000);
            members.addAll(remote);
            if (remote.size() < 1000) break;
            after = remote.get(remote.size() - 1);
        }
        return memberPage(id, page, members);
    }

    public Map<String, Object> following(String name, Integer page) {
        AccountSummary a = account(name);
        String id = uris.following(name);
        if (page == null) {
            Map<String, Object> d = collection(id, "OrderedCollection", count(a.id(), "following_count"));
            d.put("first", id + "?page=1");
            return d;
        }
        return memberPage(id, page, social.following(a.id()));
    }

    public Map<String, Object> featured(String name) {
        AccountSummary a = account(name);
        List<Object> items = new ArrayList<>();
        for (Long sid : statuses.pinned(a.id())) {
            renderers.notes().note(sid).filter(n -> public_(n.facts())).ifPresent(n -> items.add(withoutContext(n.object())));
        }
        Map<String, Object> d = collection(uris.featured(name), "OrderedCollection", items.size());
        d.put("orderedItems", items);
        return d;
    }

    public Map<String, Object> featuredTags(String name) {
        account(name);
        Map<String, Object> d = collection(uris.featuredTags(name), "Collection", 0);
        d.put("items", List.of());
        return d;
    }

    public Map<String, Object> replies(String name, long id, Optional<RemoteAccount> requester) {
        note(name, id, requester); // 404 unless the post itself is visible
        String cid = uris.status(name, id) + "/replies";
        List<String> items = new ArrayList<>(statuses.uris(statuses.selfReplies(id, PAGE)).values());
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", cid + "?page=true");
        first.put("type", "CollectionPage");
        first.put("partOf", cid);
        first.put("items", items);
        Map<String, Object> d = collection(cid, "Collection", null);
        d.put("first", first);
        return d;
    }

    private boolean visible(StatusFacts f, Optional<RemoteAccount> requester) {
        if (public_(f)) return true;
        if (requester.isEmpty()) return false;
        long r = requester.get().accountId();
        if (f.visibility().equals("private")) return social.follows(r, f.accountId()) || f.mentions().contains(r);
        return f.mentions().contains(r);
    }

    private static boolean public_(StatusFacts f) {
        return (f.visibility().equals("public") || f.visibility().equals("unlisted")) && !f.held() && !f.deleted();
    }

    private Map<String, Object> memberPage(String id, int page, List<Long> members) {
        int p = Math.max(1, page);
        int from = Math.min(members.size(), (p - 1) * PAGE);
        int to = Math.min(members.size(), from + PAGE);
        Map<Long, String> actorIds = renderers.actorUris().of(members.subList(from, to));
        List<Object> items = new ArrayList<>();
        for (Long m : members.subList(from, to)) if (actorIds.containsKey(m)) items.add(actorIds.get(m));
        Map<String, Object> d = page(id + "?page=" + p, id, items);
        d.put("totalItems", members.size());
        if (to < members.size()) d.put("next", id + "?page=" + (p + 1));
        if (p > 1) d.put("prev", id + "?page=" + (p - 1));
        return d;
    }

    private long count(long accountId, String field) {
        Object entity = accounts.render(List.of(accountId)).get(accountId);
        return entity == null ? 0 : Json.mapper().valueToTree(entity).path(field).asLong();
    }

    private static Map<String, Object> collection(String id, String type, Number total) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@context", Documents.AS);
        d.put("id", id);
        d.put("type", type);
        if (total != null) d.put("totalItems", total);
        return d;
    }

    private static Map<String, Object> page(String id, String partOf, List<Object> items) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@context", Documents.CONTEXT);
        d.put("id", id);
        d.put("type", "OrderedCollectionPage");
        d.put("partOf", partOf);
        d.put("orderedItems", items);
        return d;
    }

    private static Map<String, Object> withoutContext(Map<String, Object> doc) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.remove("@context");
        return copy;
    }
}
