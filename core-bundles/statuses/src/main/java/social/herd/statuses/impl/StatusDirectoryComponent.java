package social.herd.statuses.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.statuses.StatusDirectory;
import social.herd.api.statuses.SearchablePost;
import social.herd.api.statuses.StatusFacts;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.db.FactsMapper;
import social.herd.statuses.impl.db.Ref;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;

/** Statuses for other bundles, through the same visibility rule and rendering as the API. */
@Component(service = StatusDirectory.class)
public final class StatusDirectoryComponent implements StatusDirectory {

    private final Database db;
    private final StatusVisibility visibility;
    private final StatusViews views;
    private final StatusFiltering filtering;

    @Activate
    public StatusDirectoryComponent(@Reference Database db, @Reference StatusVisibility visibility,
                                    @Reference StatusViews views, @Reference StatusFiltering filtering,
                                    @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, visibility, views, filtering);
    }

    /** For tests and embedding. */
    public StatusDirectoryComponent(Database db, StatusVisibility visibility, StatusViews views, StatusFiltering filtering) {
        this.db = db;
        this.visibility = visibility;
        this.views = views;
        this.filtering = filtering;
    }

    @Override
    public Optional<StatusFacts> facts(long statusId) {
        return db.read(tx -> {
            StatusRow r = tx.mapper(StatusMapper.class).byId(statusId);
            if (r == null) return Optional.empty();
            List<Long> mentions = new ArrayList<>();
            for (Ref m : tx.mapper(StatusMapper.class).mentions(List.of(statusId))) mentions.add(m.target());
            return Optional.of(new StatusFacts(r.id(), r.accountId(), r.visibility(), r.inReplyToId(),
                    r.inReplyToAccountId(), r.reblogOfId(), r.reblogOfAccountId(), List.copyOf(mentions),
                    tx.mapper(FactsMapper.class).tagNames(statusId), r.local(), r.held(), r.deleted(), r.withMedia(),
                    r.language(), r.createdAt()));
        });
    }

    @Override
    public boolean visibleTo(Long viewerId, long statusId) {
        return db.read(tx -> {
            StatusRow r = tx.mapper(StatusMapper.class).byId(statusId);
            return r != null && !visibility.filter(tx, visibility.viewer(viewerId), List.of(r)).isEmpty();
        });
    }

    @Override
    public Map<Long, Object> render(Long viewerId, Collection<Long> statusIds, String filterContext) {
        if (statusIds.isEmpty()) return Map.of();
        List<Status> rendered = db.read(tx -> {
            List<StatusRow> rows = tx.mapper(StatusMapper.class).byIds(statusIds);
            return views.render(tx, viewerId, visibility.filter(tx, visibility.viewer(viewerId), rows));
        });
        Map<Long, Object> out = new LinkedHashMap<>();
        for (Status s : filtering.apply(viewerId, filterContext, rendered)) out.put(Long.parseLong(s.id()), s);
        return out;
    }

    @Override
    public List<String> hashtags(String prefix, int limit) {
        String name = prefix == null ? "" : prefix.strip().replaceFirst("^#", "").toLowerCase(java.util.Locale.ROOT);
        if (name.isEmpty() || name.length() > 100) return List.of();
        String like = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return db.read(tx -> tx.mapper(FactsMapper.class).tagsStartingWith(like, name, Math.max(1, Math.min(limit, 40))));
    }

    @Override
    public List<TagDay> tagUses(int days, int limit) {
        java.time.Instant since = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(Math.max(0, Math.min(days, 30)) - 1L)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return db.read(tx -> tx.mapper(FactsMapper.class).tagUses(since, Math.max(1, Math.min(limit, 100))));
    }

    @Override
    public List<Long> ids(long afterId, int limit) {
        return db.read(tx -> tx.mapper(FactsMapper.class).liveIdsAfter(afterId, Math.max(1, Math.min(limit, 10_000))));
    }

    @Override
    public boolean conversationMuted(long accountId, long statusId) {
        return db.read(tx -> tx.mapper(FactsMapper.class).muted(accountId, statusId));
    }

    @Override
    public List<Long> ids(long accountId, long afterId, int limit) {
        return db.read(tx -> tx.mapper(FactsMapper.class).liveIdsOfAfter(accountId, afterId, Math.max(1, Math.min(limit, 10_000))));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<Long, SearchablePost> searchable(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        if (statusIds.size() > 10_000) throw new IllegalArgumentException("at most 10000 posts at a time");
        List<FactsMapper.SearchRow> rows = db.read(tx -> tx.mapper(FactsMapper.class).searchable(statusIds));
        List<Long> withMedia = rows.stream().filter(FactsMapper.SearchRow::withMedia).map(FactsMapper.SearchRow::id).toList();
        Map<Long, List<Object>> media = withMedia.isEmpty() || views.media() == null ? Map.of() : views.media().forStatuses(withMedia);
        Map<Long, SearchablePost> out = new LinkedHashMap<>();
        for (FactsMapper.SearchRow r : rows) {
            List<String> extras = new ArrayList<>();
            if (r.pollText() != null && !r.pollText().isBlank()) extras.add(r.pollText());
            for (Object m : media.getOrDefault(r.id(), List.of())) {
                Object d = social.herd.web.api.Json.mapper().convertValue(m, Map.class).get("description");
                if (d != null && !d.toString().isBlank()) extras.add(d.toString());
            }
            out.put(r.id(), new SearchablePost(r.id(), r.accountId(), r.visibility(), r.language(), r.createdAt(),
                    r.withMedia(), r.withPoll(), r.reply(), r.sensitive(), r.spoilerText(), r.content(), extras));
        }
        return out;
    }
}
