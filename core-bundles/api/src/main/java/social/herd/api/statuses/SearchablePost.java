package social.herd.api.statuses;

import java.time.Instant;
import java.util.List;

/**
 * A post as a search index sees it: the facts search operators filter on and its words. Who may
 * find it is decided when searching, never from this. Since 1.2.
 *
 * @param spoilerText the content warning, plain text
 * @param contentHtml the post's rendered (sanitised) HTML; the indexer takes its text
 * @param extras      poll options and media descriptions, plain text
 */
public record SearchablePost(long id, long accountId, String visibility, String language, Instant createdAt,
                             boolean withMedia, boolean withPoll, boolean reply, boolean sensitive, String spoilerText,
                             String contentHtml, List<String> extras) {

    public SearchablePost {
        spoilerText = spoilerText == null ? "" : spoilerText;
        contentHtml = contentHtml == null ? "" : contentHtml;
        extras = extras == null ? List.of() : List.copyOf(extras);
    }
}
