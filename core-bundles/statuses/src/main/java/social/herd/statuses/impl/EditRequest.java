package social.herd.statuses.impl;

import java.util.List;

/**
 * The parameters of {@code PUT /api/v1/statuses/:id}. A null field keeps what the status has,
 * except {@code poll}: as in Mastodon, an edit without a poll removes the poll (clients send the
 * whole post as it should be, and this is the only way to drop a poll).
 *
 * @param mediaIds null keeps the attached media; a list (also empty) replaces them
 */
public record EditRequest(String text, String spoilerText, Boolean sensitive, String language, List<Long> mediaIds,
                          PollRequest poll) {
    public EditRequest {
        spoilerText = spoilerText == null ? null : spoilerText.strip();
        mediaIds = mediaIds == null ? null : List.copyOf(mediaIds);
    }
}
