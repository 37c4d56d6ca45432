package social.herd.federation.impl.activity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import social.herd.api.federation.FederatedStatuses.RemoteMedia;
import social.herd.api.federation.FederatedStatuses.RemotePoll;

/**
 * A post-like object as read: sanitised content, addressing, mentions (actor ids), hashtags
 * (lower case, without {@code #}), custom emoji (shortcode → image URL), media and poll.
 * {@code name} is set for objects that carry one (a poll vote's option title, an Article's title).
 */
public record ParsedObject(String uri, String type, String url, String attributedTo, String contentHtml,
                           String summary, boolean sensitive, List<String> to, List<String> cc, String inReplyTo,
                           String language, Instant published, Instant updated, List<String> mentions,
                           List<String> hashtags, Map<String, String> emojis, List<RemoteMedia> media, RemotePoll poll,
                           String name) {}
