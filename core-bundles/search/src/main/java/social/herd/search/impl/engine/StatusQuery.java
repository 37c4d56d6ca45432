package social.herd.search.impl.engine;

import java.time.Instant;

/**
 * A parsed search: the words (with quoted phrases and -exclusions, as written) and the operators.
 *
 * @param text     what is left after the operators, for the engine's full-text match; may be blank
 *                 when only operators were given
 * @param from     {@code from:} an account id, or null
 * @param accounts restrict to these authors (the {@code account_id} parameter), or null
 */
public record StatusQuery(String text, Long from, Long accounts, Boolean hasMedia, Boolean hasPoll, Boolean isReply,
                          Boolean sensitive, String language, Instant before, Instant after) {

    /** True when nothing restricts the search: an empty query finds nothing rather than everything. */
    public boolean empty() {
        return (text == null || text.isBlank()) && from == null && hasMedia == null && hasPoll == null && isReply == null
                && sensitive == null && language == null && before == null && after == null;
    }
}
