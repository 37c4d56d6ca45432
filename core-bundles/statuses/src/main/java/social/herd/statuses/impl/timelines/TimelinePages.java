package social.herd.statuses.impl.timelines;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import social.herd.api.db.Tx;
import social.herd.statuses.impl.Paging;
import social.herd.statuses.impl.StatusEntities.Status;
import social.herd.statuses.impl.StatusFiltering;
import social.herd.statuses.impl.StatusViews;
import social.herd.statuses.impl.StatusVisibility;
import social.herd.statuses.impl.db.StatusRow;
import social.herd.web.api.Page;
import social.herd.web.api.PageRequest;

/** The steps every timeline shares: candidates, the timeline's own rules, visibility, rendering, filters. */
final class TimelinePages {

    private final StatusVisibility visibility;
    private final StatusViews views;
    private final StatusFiltering filtering;

    TimelinePages(StatusVisibility visibility, StatusViews views, StatusFiltering filtering) {
        this.visibility = visibility;
        this.views = views;
        this.filtering = filtering;
    }

    /**
     * A page in {@code tx}.
     *
     * @param candidates reads candidate rows for a page request (see {@link Paging#fill})
     * @param keep       the timeline's own rules, before visibility
     * @param context    the filters v2 context ({@code home}, {@code public}, ...), null for none
     */
    Page<Status> read(Tx tx, StatusVisibility.Viewer viewer, PageRequest page,
                      Function<PageRequest, List<StatusRow>> candidates, Predicate<StatusRow> keep, String context) {
        List<StatusRow> rows = Paging.fill(page, candidates,
                batch -> visibility.filter(tx, viewer, batch.stream().filter(keep).toList()), StatusRow::id);
        List<Status> items = filtering.apply(viewer.id(), context, views.render(tx, viewer.id(), rows));
        return Paging.page(items, rows, page, StatusRow::id);
    }
}
