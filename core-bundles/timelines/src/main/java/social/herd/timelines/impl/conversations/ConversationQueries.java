package social.herd.timelines.impl.conversations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.statuses.StatusDirectory;
import social.herd.timelines.impl.Entities.Conversation;
import social.herd.timelines.impl.Paging;
import social.herd.timelines.impl.Paging.Kept;
import social.herd.timelines.impl.db.ConversationMapper;
import social.herd.timelines.impl.db.ConversationMapper.Member;
import social.herd.timelines.impl.db.ConversationRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/** A user's direct-message conversations: list (paged by last status, as Mastodon does), mark read, remove. */
@Component(service = ConversationQueries.class)
public final class ConversationQueries {

    private final Database db;
    private final AccountDirectory accounts;
    private final StatusDirectory statuses;

    @Activate
    public ConversationQueries(@Reference Database db, @Reference AccountDirectory accounts,
                               @Reference StatusDirectory statuses,
                               @Reference(target = "(herd.schema=social.herd.timelines)") SchemaReady schema) {
        this(db, accounts, statuses);
    }

    /** For tests and embedding. */
    public ConversationQueries(Database db, AccountDirectory accounts, StatusDirectory statuses) {
        this.db = db;
        this.accounts = accounts;
        this.statuses = statuses;
    }

    /** A page of the viewer's conversations, the most recently active first. */
    public Page<Conversation> list(long viewerId, PageRequest page) {
        return Paging.fill(page,
                p -> db.read(tx -> tx.mapper(ConversationMapper.class).page(viewerId, p.maxId(), p.sinceId(), p.minId(),
                        p.limit())),
                rows -> render(viewerId, rows), ConversationRow::lastStatusId);
    }

    /** One of the viewer's conversations as it stands; empty when it is gone or cannot be shown. */
    public java.util.Optional<Conversation> one(long viewerId, long id) {
        ConversationRow row = db.read(tx -> tx.mapper(ConversationMapper.class).byId(viewerId, id));
        if (row == null) return java.util.Optional.empty();
        return render(viewerId, List.of(row)).stream().findFirst().map(k -> k.item());
    }

    /** Marks a conversation read; 404 when the viewer has no such conversation. */
    public Conversation read(long viewerId, long id) {
        ConversationRow row = db.transaction(tx -> {
            ConversationMapper m = tx.mapper(ConversationMapper.class);
            if (m.markRead(viewerId, id) == 0) return null;
            return m.byId(viewerId, id);
        });
        if (row == null) throw ApiException.notFound();
        return render(viewerId, List.of(row)).get(0).item();
    }

    /** Removes a conversation from the viewer's list (a new direct status in the thread brings it back). */
    public void delete(long viewerId, long id) {
        int n = db.transaction(tx -> tx.mapper(ConversationMapper.class).delete(viewerId, id));
        if (n == 0) throw ApiException.notFound();
    }

    private List<Kept<Conversation>> render(long viewerId, List<ConversationRow> rows) {
        if (rows.isEmpty()) return List.of();
        List<Member> members = db.read(tx -> tx.mapper(ConversationMapper.class)
                .others(rows.stream().map(ConversationRow::id).toList()));
        Map<Long, List<Long>> others = new LinkedHashMap<>();
        Set<Long> everyone = new HashSet<>();
        everyone.add(viewerId);
        for (Member m : members) {
            others.computeIfAbsent(m.conversationId(), k -> new ArrayList<>()).add(m.accountId());
            everyone.add(m.accountId());
        }
        Map<Long, Object> rendered = accounts.render(everyone);
        // the viewer may not see a last status any more (deleted, blocked): the conversation stays, without it
        Map<Long, Object> last = statuses.render(viewerId, rows.stream().map(ConversationRow::lastStatusId).toList(), null);
        List<Kept<Conversation>> out = new ArrayList<>(rows.size());
        for (ConversationRow r : rows) {
            List<Object> people = others.getOrDefault(r.id(), List.of()).stream().map(rendered::get)
                    .filter(Objects::nonNull).toList();
            // talking to oneself: Mastodon lists the owner rather than nobody
            if (people.isEmpty() && rendered.get(viewerId) != null) people = List.of(rendered.get(viewerId));
            out.add(new Kept<>(r.lastStatusId(), new Conversation(Long.toString(r.id()), r.unread(), people,
                    last.get(r.lastStatusId()))));
        }
        return out;
    }
}
