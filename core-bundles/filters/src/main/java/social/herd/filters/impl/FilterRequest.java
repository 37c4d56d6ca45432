package social.herd.filters.impl;

import java.util.List;

/**
 * A filter to create, or the changes to one, as the client sent them. A null component was not
 * sent: on update it keeps what the filter has.
 *
 * @param expiry   null: not sent; otherwise the new expiry
 * @param keywords Mastodon's {@code keywords_attributes}; null or empty: no keyword changes
 */
public record FilterRequest(String title, List<String> context, String filterAction, Expiry expiry,
                            List<KeywordChange> keywords) {

    /** {@code expires_in}: seconds from now, or null for "never" (an empty value). */
    public record Expiry(Long seconds) {}

    /**
     * One entry of {@code keywords_attributes}: without id a new keyword; with id a change of that
     * keyword of this filter, or its removal with {@code _destroy}. Null fields keep what the
     * keyword has (a new keyword is whole-word unless told otherwise, as in Mastodon).
     */
    public record KeywordChange(Long id, String keyword, Boolean wholeWord, boolean destroy) {}
}
