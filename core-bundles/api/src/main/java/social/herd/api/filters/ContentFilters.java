package social.herd.api.filters;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Applies an account's filters v2 to statuses. Implemented by the filters bundle. */
@ProviderType
public interface ContentFilters {

    /**
     * Matches the viewer's active (unexpired) filters for {@code context} (home, notifications,
     * public, thread, account) against each subject. Subjects no filter matches are absent.
     */
    Map<Long, Outcome> apply(long viewerId, String context, Collection<Subject> subjects);

    /**
     * What a filter is matched against.
     *
     * @param statusId the status (for a reblog: the reblogged status)
     * @param text     plain text of the content, content warning, poll options and media
     *                 descriptions, separated by newlines
     */
    record Subject(long statusId, String text) {}

    /**
     * The result for one status.
     *
     * @param results Mastodon FilterResult entities ({@code filter}, {@code keyword_matches},
     *                {@code status_matches}), ready to serialise
     * @param hide    true when a matching filter's action is "hide": the status is left out
     */
    record Outcome(List<Object> results, boolean hide) {}
}
