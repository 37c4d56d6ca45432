package social.herd.statuses.impl.timelines;

import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.accounts.AccountDirectory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.statuses.impl.Paging;
import social.herd.web.api.Page;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.StatusViews;
import social.herd.statuses.impl.StatusVisibility;
import social.herd.statuses.impl.db.StatusMapper;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.ApiException;
import social.herd.web.api.PageRequest;

/**
 * An account's statuses, as its profile shows them ({@code GET /api/v1/accounts/:id/statuses}).
 * SQL picks candidates by statuses_by_account; {@link StatusVisibility} decides what the viewer
 * sees (followers-only posts to followers, nothing across a block). Unlike the home timeline,
 * muting hides nothing here: one opened the profile on purpose.
 */
@Component(service = AccountPostsService.class)
public final class AccountPostsService {

    /**
     * The filters of the endpoint.
     *
     * @param tagged a hashtag (with or without {@code #}), or null
     */
    public record Filter(boolean pinned, boolean excludeReplies, boolean excludeReblogs, boolean onlyMedia, String tagged) {}

    private final Database db;
    private final AccountDirectory accounts;
    private final StatusVisibility visibility;
    private final StatusViews views;

    @Activate
    public AccountPostsService(@Reference Database db, @Reference AccountDirectory accounts,
                               @Reference StatusVisibility visibility, @Reference StatusViews views,
                               @Reference(target = "(herd.schema=social.herd.statuses)") SchemaReady schema) {
        this(db, accounts, visibility, views);
    }

    /** For tests and embedding. */
    public AccountPostsService(Database db, AccountDirectory accounts, StatusVisibility visibility, StatusViews views) {
        this.db = db;
        this.accounts = accounts;
        this.visibility = visibility;
        this.views = views;
    }

    /** A page of the account's statuses, newest first; 404 for unknown and suspended accounts. */
    public Page<Status> statuses(Long viewerId, long accountId, Filter f, PageRequest page) {
        if (accounts.byId(accountId).filter(a -> !a.suspended()).isEmpty()) throw ApiException.notFound();
        String tag = f.tagged() == null || f.tagged().isBlank() ? null
                : f.tagged().strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT);
        return db.read(tx -> {
            StatusMapper m = tx.mapper(StatusMapper.class);
            StatusVisibility.Viewer viewer = visibility.viewer(viewerId);
            List<StatusRow> rows = Paging.fill(page, p -> f.pinned()
                            ? m.pinnedBy(accountId, p.maxId(), p.sinceId(), p.minId(), p.limit())
                            : m.byAccount(accountId, f.excludeReplies(), f.excludeReblogs(), f.onlyMedia(), tag,
                                    p.maxId(), p.sinceId(), p.minId(), p.limit()),
                    batch -> visibility.filter(tx, viewer, batch), StatusRow::id);
            return Paging.page(views.render(tx, viewerId, rows), rows, page, StatusRow::id);
        });
    }
}
