package social.herd.statuses.impl;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The Mastodon API entities this bundle answers with (serialised by the web bundle's Jackson setup). */
public final class StatusEntities {

    private StatusEntities() {}

    /**
     * Mastodon's Status. The viewer-specific flags are left out for logged-out callers, as Mastodon
     * does; {@code text} (the source) only accompanies a deletion, for "delete and redraft".
     */
    public record Status(String id, Instant createdAt, String inReplyToId, String inReplyToAccountId, boolean sensitive,
                         String spoilerText, String visibility, String language, String uri, String url,
                         int repliesCount, int reblogsCount, int favouritesCount, Instant editedAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean favourited,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean reblogged,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean muted,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean bookmarked,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean pinned,
                         String content, Status reblog, Object application, Object account,
                         List<Object> mediaAttachments, List<Mention> mentions, List<Tag> tags, List<Object> emojis,
                         Object card, Object poll, List<Object> filtered,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String text) {

        /** The same status with its source text, as DELETE answers it. */
        public Status withText(String source) {
            return new Status(id, createdAt, inReplyToId, inReplyToAccountId, sensitive, spoilerText, visibility,
                    language, uri, url, repliesCount, reblogsCount, favouritesCount, editedAt, favourited, reblogged,
                    muted, bookmarked, pinned, content, reblog, application, account, mediaAttachments, mentions, tags,
                    emojis, card, poll, filtered, source);
        }
    }

    /** The same status with the viewer's filter results ({@code filtered}). */
    public static Status withFiltered(Status s, List<Object> filtered) {
        return new Status(s.id(), s.createdAt(), s.inReplyToId(), s.inReplyToAccountId(), s.sensitive(), s.spoilerText(),
                s.visibility(), s.language(), s.uri(), s.url(), s.repliesCount(), s.reblogsCount(), s.favouritesCount(),
                s.editedAt(), s.favourited(), s.reblogged(), s.muted(), s.bookmarked(), s.pinned(), s.content(),
                s.reblog(), s.application(), s.account(), s.mediaAttachments(), s.mentions(), s.tags(), s.emojis(),
                s.card(), s.poll(), filtered, s.text());
    }

    /** Mastodon's Status::Mention. */
    public record Mention(String id, String username, String url, String acct) {}

    /** Mastodon's Status::Tag. */
    public record Tag(String name, String url) {}

    /** Mastodon's Context. */
    public record Context(List<Status> ancestors, List<Status> descendants) {}

    /**
     * A page of a list, with the ids for the {@code Link} header.
     *
     * @param nextMaxId for {@code rel="next"}, null when there is no next page
     * @param prevMinId for {@code rel="prev"}, null when the page is empty
     */

    /**
     * Mastodon's Poll. {@code votes_count} of the options is null while the totals are hidden;
     * {@code voters_count} is null for single-choice polls (as documented); {@code voted} and
     * {@code own_votes} are left out for logged-out callers.
     */
    public record Poll(String id, Instant expiresAt, boolean expired, boolean multiple, int votesCount,
                       Integer votersCount, List<PollOption> options, List<Object> emojis,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean voted,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<Integer> ownVotes) {}

    /** Mastodon's Poll::Option. */
    public record PollOption(String title, Integer votesCount) {}

    /** Mastodon's StatusEdit: one version of a status. */
    public record StatusEdit(String content, String spoilerText, boolean sensitive, Instant createdAt, Object account,
                             EditPoll poll, List<Object> mediaAttachments, List<Object> emojis) {}

    /** The poll of a StatusEdit: its option titles only. */
    public record EditPoll(List<EditPollOption> options) {}

    public record EditPollOption(String title) {}

    /** Mastodon's StatusSource, for editing. */
    public record StatusSource(String id, String text, String spoilerText) {}
}
