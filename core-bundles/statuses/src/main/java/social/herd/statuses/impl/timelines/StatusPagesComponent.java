package social.herd.statuses.impl.timelines;

import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.statuses.StatusPages;
import social.herd.statuses.impl.StatusEntities;
import social.herd.statuses.impl.StatusQueries;
import social.herd.web.api.ApiException;
import social.herd.web.api.PageRequest;

/**
 * The web pages' view of statuses: the same services as the API's timelines, profiles and
 * threads, so a page can never show more than the API would to the same viewer.
 */
@Component(service = StatusPages.class)
public final class StatusPagesComponent implements StatusPages {

    private final TimelineService timelines;
    private final AccountPostsService accountPosts;
    private final StatusQueries queries;

    @Activate
    public StatusPagesComponent(@Reference TimelineService timelines, @Reference AccountPostsService accountPosts,
                                @Reference StatusQueries queries) {
        this.timelines = timelines;
        this.accountPosts = accountPosts;
        this.queries = queries;
    }

    @Override
    public List<Object> publicPosts(Long viewerId, boolean localOnly, String tag, Long maxId, int limit) {
        TimelineService.Tags tags = tag == null ? null : TimelineService.Tags.of(tag);
        return List.copyOf(timelines.publicPosts(viewerId, localOnly ? Boolean.TRUE : null, false, tags, page(maxId, limit))
                .items());
    }

    @Override
    public List<Object> accountPosts(Long viewerId, long accountId, boolean pinned, boolean onlyMedia, Long maxId,
                                     int limit) {
        try {
            return List.copyOf(accountPosts.statuses(viewerId, accountId,
                    new AccountPostsService.Filter(pinned, false, false, onlyMedia, null), page(maxId, limit)).items());
        } catch (ApiException e) {
            if (e.status() == 404) return List.of();
            throw e;
        }
    }

    @Override
    public Optional<Thread> thread(Long viewerId, long statusId) {
        try {
            StatusEntities.Status status = queries.get(viewerId, statusId);
            StatusEntities.Context context = queries.context(viewerId, statusId);
            return Optional.of(new Thread(List.copyOf(context.ancestors()), status, List.copyOf(context.descendants())));
        } catch (ApiException e) {
            if (e.status() == 404) return Optional.empty();
            throw e;
        }
    }

    private static PageRequest page(Long maxId, int limit) {
        return new PageRequest(maxId, null, null, Math.max(1, Math.min(limit, MAX_LIMIT)));
    }
}
