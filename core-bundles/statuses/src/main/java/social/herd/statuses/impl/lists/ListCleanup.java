package social.herd.statuses.impl.lists;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.events.Event;
import social.herd.api.events.EventSubscriber;
import social.herd.api.events.EventTypes;
import social.herd.statuses.impl.db.ListMapper;

/** An unfollow takes the account out of the former follower's lists, as Mastodon ties list membership to the follow. */
@Component(service = EventSubscriber.class, property = {
        EventSubscriber.NAME + "=lists",
        EventSubscriber.TYPES + "=" + EventTypes.ACCOUNT_UNFOLLOWED})
public final class ListCleanup implements EventSubscriber {

    private final Database db;

    @Activate
    public ListCleanup(@Reference Database db, @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db);
    }

    /** For tests and embedding. */
    public ListCleanup(Database db) {
        this.db = db;
    }

    @Override
    public void on(Event event) {
        Long follower = event.id("account_id");
        Long target = event.id("target_id");
        if (follower == null || target == null) return;
        db.transaction(tx -> tx.mapper(ListMapper.class).removeFromOwnerLists(follower, target));
    }
}
