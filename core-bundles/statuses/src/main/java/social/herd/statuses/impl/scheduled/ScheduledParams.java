package social.herd.statuses.impl.scheduled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import social.herd.statuses.impl.PollRequest;
import social.herd.statuses.impl.PostRequest;
import social.herd.web.api.Json;

/**
 * Mastodon's ScheduledStatus {@code params}: the post request as it will be posted, stored as JSON
 * in the schedule's row and answered as is. Ids are strings, as everywhere in the API.
 */
public record ScheduledParams(String text, Poll poll, List<String> mediaIds, Boolean sensitive, String spoilerText,
                              String visibility, String inReplyToId, String language, String applicationId,
                              String scheduledAt, String idempotency, boolean withRateLimit) {

    /** The {@code poll} params; {@code expires_in} in seconds. */
    public record Poll(List<String> options, String expiresIn, boolean multiple, boolean hideTotals) {}

    static ScheduledParams of(PostRequest in) {
        PollRequest p = in.poll();
        Poll poll = p == null ? null : new Poll(p.options(), p.expiresIn() == null ? null : p.expiresIn().toString(),
                p.multiple(), p.hideTotals());
        return new ScheduledParams(in.text(), poll, in.mediaIds().isEmpty() ? null : in.mediaIds().stream().map(String::valueOf).toList(),
                in.sensitive(), in.spoilerText().isEmpty() ? null : in.spoilerText(), in.visibility(),
                in.inReplyToId() == null ? null : in.inReplyToId().toString(), in.language(), null, null, null, false);
    }

    static ScheduledParams read(String json) {
        try {
            return Json.mapper().readValue(json, ScheduledParams.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The post request to publish; media are passed on from the schedule, no idempotency key. */
    PostRequest request() {
        PollRequest p = poll == null ? null : new PollRequest(poll.options(),
                poll.expiresIn() == null ? null : Long.valueOf(poll.expiresIn()), poll.multiple(), poll.hideTotals());
        return new PostRequest(text, mediaIds == null ? List.of() : mediaIds.stream().map(Long::valueOf).toList(),
                spoilerText, Boolean.TRUE.equals(sensitive), visibility,
                inReplyToId == null ? null : Long.valueOf(inReplyToId), language, null, p);
    }
}
