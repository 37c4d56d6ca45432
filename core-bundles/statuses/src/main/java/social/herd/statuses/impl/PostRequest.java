package social.herd.statuses.impl;

import java.util.List;

/**
 * The parameters of {@code POST /api/v1/statuses}, as parsed from form or JSON.
 *
 * @param text           {@code status}; may be empty when media are attached
 * @param mediaIds       {@code media_ids[]}, empty when none
 * @param visibility     null for the default
 * @param inReplyToId    null when not a reply
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 * @param poll           {@code poll[...]}, or null for none
 */
public record PostRequest(String text, List<Long> mediaIds, String spoilerText, boolean sensitive, String visibility,
                          Long inReplyToId, String language, String idempotencyKey, PollRequest poll) {
    public PostRequest {
        text = text == null ? "" : text;
        spoilerText = spoilerText == null ? "" : spoilerText.strip();
        mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
    }
}
