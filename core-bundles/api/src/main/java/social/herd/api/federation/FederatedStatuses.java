package social.herd.api.federation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What federation needs from the statuses bundle, provided by it: storing posts, boosts,
 * favourites and votes that arrive from other servers, and listing local posts for collections.
 *
 * <p>Writes publish the same domain events as local actions ({@code status.created},
 * {@code status.updated}, {@code status.deleted}, {@code status.favourited}), so home feeds,
 * notifications and streaming treat remote posts like local ones. Remote posts are stored with
 * {@code local = false} and are never federated again. Every write is idempotent by the
 * activity's or object's uri: activities arrive at least once.
 *
 * <p>Federation has already sanitised HTML, resolved accounts to account ids and the parent post
 * to a status id, and inferred the visibility (Mastodon's rules from {@code to}/{@code cc}).
 * Methods may throw {@link social.herd.api.db.DatabaseException}.
 */
@ProviderType
public interface FederatedStatuses {

    /**
     * A media attachment of a remote post, shown from its remote URL. {@code type} is Mastodon's
     * ({@code image}, {@code gifv}, {@code video}, {@code audio}, {@code unknown}).
     */
    record RemoteMedia(String url, String type, String mediaType, String description, String blurhash,
                       Integer width, Integer height) {}

    /** A remote poll: option titles and vote counts in order. */
    record RemotePoll(List<String> options, List<Integer> votes, boolean multiple, Instant expiresAt,
                      Integer votersCount) {

        public RemotePoll {
            options = List.copyOf(options);
            votes = List.copyOf(votes);
        }
    }

    /**
     * A remote post. {@code contentHtml} is sanitised; {@code url} is where people read it (may
     * equal the uri); {@code mentions} are account ids (local or remote) the post mentions;
     * {@code tags} are hashtag names without {@code #}; {@code emojis} maps shortcode to image URL;
     * {@code held} keeps a new post for moderator review (a moderation filter held it): stored,
     * but shown to nobody until approved (since 1.3).
     */
    record RemoteNote(String uri, String url, long accountId, String contentHtml, String spoilerText,
                      boolean sensitive, String visibility, Long inReplyToId, String language,
                      Instant published, Instant edited, List<Long> mentions, List<String> tags,
                      List<RemoteMedia> media, RemotePoll poll, Map<String, String> emojis, boolean held) {

        public RemoteNote {
            mentions = mentions == null ? List.of() : List.copyOf(mentions);
            tags = tags == null ? List.of() : List.copyOf(tags);
            media = media == null ? List.of() : List.copyOf(media);
            emojis = emojis == null ? Map.of() : Map.copyOf(emojis);
        }

        /** A post that is not held (the 1.2 shape). */
        public RemoteNote(String uri, String url, long accountId, String contentHtml, String spoilerText,
                          boolean sensitive, String visibility, Long inReplyToId, String language,
                          Instant published, Instant edited, List<Long> mentions, List<String> tags,
                          List<RemoteMedia> media, RemotePoll poll, Map<String, String> emojis) {
            this(uri, url, accountId, contentHtml, spoilerText, sensitive, visibility, inReplyToId, language, published,
                    edited, mentions, tags, media, poll, emojis, false);
        }
    }

    /** Stores a remote post; a uri already stored returns the existing id and changes nothing. */
    long create(RemoteNote note);

    /**
     * Applies an edit (or a poll's new counts) to the post with {@code note.uri()}, keeping the
     * previous version in its edit history when the text changed.
     *
     * @return false when no post of {@code note.accountId()} has that uri
     */
    boolean update(RemoteNote note);

    /** The status whose ActivityPub id is {@code uri} (local or remote), not deleted. */
    Optional<Long> idByUri(String uri);

    /** The ActivityPub ids of the given statuses (local ones as this server publishes them). */
    Map<Long, String> uris(Collection<Long> statusIds);

    /**
     * Deletes the post with this uri if {@code accountId} wrote it (a {@code Delete} from anyone
     * else changes nothing). @return whether a post was deleted
     */
    boolean delete(String uri, long accountId);

    /** Deletes every post and boost of a remote account (its actor was deleted). */
    int deleteAllOf(long accountId);

    /**
     * Remote {@code accountId} boosted {@code statusId} ({@code Announce} with id
     * {@code announceUri}). @return the reblog's status id (the existing one for a repeat)
     */
    long reblog(long accountId, long statusId, String announceUri, Instant published, String visibility);

    /** {@code Undo Announce} by its id. @return whether a boost was removed */
    boolean undoReblog(String announceUri, long accountId);

    /** Remote {@code accountId} favourited {@code statusId}; false for a repeat. */
    boolean favourite(long accountId, long statusId);

    /** {@code Undo Like}. */
    boolean unfavourite(long accountId, long statusId);

    /**
     * A remote vote in a local poll ({@code choices} are option indexes). False when the poll is
     * closed, the choice invalid or the account already voted.
     */
    boolean vote(long accountId, long statusId, List<Integer> choices);

    /**
     * Posts (not boosts) of local {@code accountId} for its outbox, newest first, below
     * {@code maxId} when given: public and unlisted, and followers-only ones too when
     * {@code withPrivate}.
     */
    List<Long> outbox(long accountId, Long maxId, int limit, boolean withPrivate);

    /** How many public and unlisted posts {@code accountId} has (the outbox's totalItems). */
    long outboxSize(long accountId);

    /** The statuses {@code accountId} pinned, most recently pinned first. */
    List<Long> pinned(long accountId);

    /** Public and unlisted replies to {@code statusId} by its own author (Mastodon's replies collection). */
    List<Long> selfReplies(long statusId, int limit);

    /** How many posts local accounts have written, not deleted (NodeInfo's localPosts). */
    long localPostCount();
}
