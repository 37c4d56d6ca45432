package social.herd.federation.impl.activity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import social.herd.api.federation.FederatedStatuses.RemoteMedia;
import social.herd.api.federation.FederatedStatuses.RemotePoll;

/**
 * A post-like object (Note, Question, or one of the types Mastodon converts into a post) as read
 * by {@link NoteParser}, before accounts and the parent post are resolved to ids.
 *
 * @param uri the object's id
 * @param type the type it was read as (Note, Question, Article, Page, Event, Video, Audio, Image)
 * @param url where people read it (the uri when the server published none)
 * @param attributedTo the author's actor id
 * @param contentHtml sanitised HTML; for converted types the name and a link, as Mastodon shows them
 * @param summary the content warning as plain text, null when none
 * @param sensitive whether the media is marked sensitive
 * @param to addressees, as ids
 * @param cc copied addressees, as ids
 * @param inReplyTo the parent object's id, null for a top-level post
 * @param language the language of the content (contentMap key), null when unknown
 * @param published when it was published
 * @param updated when it was last edited, null when never
 * @param mentions actor ids of {@code Mention} tags, in order, without duplicates
 * @param hashtags names of {@code Hashtag} tags, lowercase, without {@code #}, without duplicates
 * @param emojis custom emoji: shortcode (without colons) to image URL
 * @param media attachments with Mastodon's media types
 * @param poll the poll of a Question, null otherwise
 * @param name the object's {@code name}: a poll vote's option title, an Article's title; null when absent
 */
public record ParsedObject(String uri, String type, String url, String attributedTo, String contentHtml,
                           String summary, boolean sensitive, List<String> to, List<String> cc, String inReplyTo,
                           String language, Instant published, Instant updated, List<String> mentions,
                           List<String> hashtags, Map<String, String> emojis, List<RemoteMedia> media,
                           RemotePoll poll, String name) {

    public ParsedObject {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        emojis = emojis == null ? Map.of() : Map.copyOf(emojis);
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** The visibility of this post, given its author's followers collection (null when unknown). */
    public Visibility visibility(String authorFollowersUri) {
        return Visibility.infer(to, cc, authorFollowersUri, mentions);
    }
}
