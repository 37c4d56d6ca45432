package social.herd.search.impl;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.api.jobs.PermanentJobFailure;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.StatusFacts;
import social.herd.search.impl.engine.SearchEngine;
import social.herd.search.impl.engine.StatusDoc;
import social.herd.web.api.Json;

/**
 * Keeps the search index in step with posts: created, approved and edited posts are (re)indexed,
 * deleted ones removed, and a deleted account's documents with it. Events arrive through the job queue, so an index write that fails (the
 * engine is down) is retried with backoff until it lands. Boosts and held posts are not indexed.
 */
@Component(service = {EventSubscriber.class, Indexer.class}, property = {
        EventSubscriber.NAME + "=search",
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_CREATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_APPROVED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_UPDATED,
        EventSubscriber.TYPES + "=" + EventTypes.STATUS_DELETED,
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_DELETED})
public final class Indexer implements EventSubscriber {

    private final SearchEngine engine;
    private final StatusDirectory statuses;

    @Activate
    public Indexer(@Reference SearchEngine engine, @Reference StatusDirectory statuses) {
        this.engine = engine;
        this.statuses = statuses;
    }

    @Override
    public void on(Event event) throws PermanentJobFailure {
        if (event.type().equals(EventTypes.ACCOUNT_DELETED)) {
            Long account = event.id("account_id");
            if (account == null) throw new PermanentJobFailure("account event without account_id");
            engine.removeAccount(account);
            return;
        }
        Long id = event.id("status_id");
        if (id == null) throw new PermanentJobFailure("status event without status_id");
        if (event.type().equals(EventTypes.STATUS_DELETED)) {
            engine.remove(id);
            return;
        }
        if (event.id("reblog_of_id") != null || event.flag("held")) return;
        index(id);
    }

    /** Indexes one post as it is now (removes it when it is gone or held). */
    public void index(long statusId) {
        Optional<StatusDoc> doc = document(statusId);
        if (doc.isPresent()) engine.index(doc.get());
        else engine.remove(statusId);
    }

    /** The document of a post as its author sees it (so private posts are indexed too; search filters). */
    @SuppressWarnings("unchecked")
    Optional<StatusDoc> document(long statusId) {
        Optional<StatusFacts> facts = statuses.facts(statusId).filter(f -> !f.deleted() && !f.held() && !f.isReblog());
        if (facts.isEmpty()) return Optional.empty();
        StatusFacts f = facts.get();
        Object entity = statuses.render(f.accountId(), List.of(statusId), null).get(statusId);
        if (entity == null) return Optional.empty();
        Map<String, Object> s = Json.mapper().convertValue(entity, Map.class);
        StringBuilder text = new StringBuilder();
        append(text, s.get("spoiler_text"));
        append(text, s.get("content") == null ? null : Jsoup.parse(s.get("content").toString()).text());
        if (s.get("poll") instanceof Map<?, ?> poll && poll.get("options") instanceof List<?> options) {
            for (Object o : options) if (o instanceof Map<?, ?> m) append(text, m.get("title"));
        }
        if (s.get("media_attachments") instanceof List<?> media) {
            for (Object m : media) if (m instanceof Map<?, ?> a) append(text, a.get("description"));
        }
        return Optional.of(new StatusDoc(statusId, f.accountId(), f.visibility(), f.language(),
                f.createdAt() == null ? Instant.now() : f.createdAt(), f.withMedia(), s.get("poll") != null,
                f.inReplyToId() != null, Boolean.TRUE.equals(s.get("sensitive")), text.toString()));
    }

    private static void append(StringBuilder b, Object text) {
        if (text == null || text.toString().isBlank()) return;
        if (!b.isEmpty()) b.append('\n');
        b.append(text);
    }
}
