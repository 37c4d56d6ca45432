package social.herd.statuses.impl;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import social.herd.web.api.ApiException;

/**
 * The {@code poll} parameters of posting and editing a status.
 *
 * @param options   the option titles, in order
 * @param expiresIn seconds from now, or null when not given
 */
public record PollRequest(List<String> options, Long expiresIn, boolean multiple, boolean hideTotals) {

    /** Mastodon's defaults (instance configuration polls.*); 30 days as our upper bound. */
    static final int MIN_OPTIONS = 2;
    static final int MAX_OPTIONS = 4;
    static final int MAX_OPTION_CHARS = 50;
    static final Duration MIN_EXPIRATION = Duration.ofMinutes(5);
    static final Duration MAX_EXPIRATION = Duration.ofDays(30);

    public PollRequest {
        options = options == null ? List.of() : options.stream().map(o -> o == null ? "" : o.strip()).toList();
    }

    /** 422 with Mastodon's wording unless the poll may be stored. */
    void validate() {
        if (options.size() < MIN_OPTIONS) fail("Poll options must have more than one item");
        if (options.size() > MAX_OPTIONS) fail("Poll options can't contain more than " + MAX_OPTIONS + " items");
        for (String o : options) {
            if (o.isEmpty()) fail("Poll options can't be blank");
            if (o.codePointCount(0, o.length()) > MAX_OPTION_CHARS) {
                fail("Poll options cannot be longer than " + MAX_OPTION_CHARS + " characters each");
            }
        }
        if (new HashSet<>(options).size() != options.size()) fail("Poll options contain duplicate items");
        if (expiresIn == null) fail("Poll expires in can't be blank");
        if (expiresIn < MIN_EXPIRATION.toSeconds()) fail("Poll expires at is too soon");
        if (expiresIn > MAX_EXPIRATION.toSeconds()) fail("Poll expires at is too far into the future");
    }

    private static void fail(String what) {
        throw ApiException.unprocessable("Validation failed: " + what);
    }
}
