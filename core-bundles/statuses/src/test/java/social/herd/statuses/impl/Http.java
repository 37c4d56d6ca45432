package social.herd.statuses.impl;

import java.util.Map;
import social.herd.statuses.impl.timelines.HomeTimelineResource;
import social.herd.statuses.impl.timelines.PublicTimelineResource;
import social.herd.statuses.impl.timelines.TagTimelineResource;
import social.herd.statuses.impl.timelines.ListTimelineResource;
import social.herd.statuses.impl.web.AccountListsResource;
import social.herd.statuses.impl.web.AccountStatusesResource;
import social.herd.statuses.impl.web.ListsResource;
import social.herd.statuses.impl.web.ScheduledStatusesResource;
import social.herd.statuses.impl.web.BookmarksResource;
import social.herd.statuses.impl.web.FavouritesResource;
import social.herd.statuses.impl.web.PollsResource;
import social.herd.statuses.impl.web.StatusesResource;

import social.herd.web.testing.ApiHarness;

/**
 * This bundle's resources served by the web bundle's {@link ApiHarness} (its real JSON provider,
 * error mappers and scope filter), with the shorthands these tests use. Tokens as ApiHarness
 * reads them: {@code user:<userId>:<accountId>}, {@code scoped:<userId>:<accountId>:<scopes>}, {@code app}.
 */
final class Http {

    private final ApiHarness harness;

    Http(Fixture f) {
        harness = new ApiHarness(
                new StatusesResource(f.posting, f.editing, f.pins, f.interactions, f.queries, f.settings, f.scheduled),
                new ListsResource(f.lists, f.settings), new AccountListsResource(f.lists),
                new ListTimelineResource(f.listTimeline, f.settings), new ScheduledStatusesResource(f.scheduled, f.settings),
                new PollsResource(f.polls), new AccountStatusesResource(f.accountPosts, f.settings),
                new FavouritesResource(f.queries, f.settings), new BookmarksResource(f.queries, f.settings),
                new HomeTimelineResource(f.home, f.settings), new PublicTimelineResource(f.timelines, f.settings),
                new TagTimelineResource(f.timelines, f.settings));
    }

    /** A user token of {@code accountId} with every scope. */
    static String token(long accountId) {
        return ApiHarness.token(accountId);
    }

    ApiHarness.Response send(String method, String path, String token, String contentType, byte[] body) {
        return harness.send(method, path, token, contentType, body, Map.of());
    }

    ApiHarness.Response send(String method, String path, String token, String contentType, byte[] body,
                             Map<String, String> extra) {
        return harness.send(method, path, token, contentType, body, extra);
    }

    ApiHarness.Response get(String path, String token) {
        return harness.get(path, token);
    }

    ApiHarness.Response form(String method, String path, String token, String form) {
        return harness.form(method, path, token, form);
    }

    ApiHarness.Response json(String method, String path, String token, String json) {
        return harness.json(method, path, token, json);
    }
}
