package social.herd.api.federation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Remote actors kept as accounts, provided by the accounts bundle and written by federation.
 *
 * <p>Federation fetches and parses actor documents (and sanitises their HTML) and hands the result
 * here as a {@link RemoteActor}; the accounts bundle stores it as an account with a non-null
 * {@code domain}, so that every Mastodon API answer (accounts, statuses, notifications, search)
 * shows remote accounts as Mastodon does ({@code acct} = {@code user@domain}, {@code url} and
 * {@code uri} as the remote server published them, remote avatar and header URLs).
 *
 * <p>An actor is identified by its {@code uri} (the ActivityPub id); the pair
 * {@code (username, domain)} is unique as well. Storing an actor whose uri is known refreshes it;
 * storing one whose uri is new but whose {@code username@domain} belongs to another uri replaces
 * that stale account's uri (the remote server re-created the actor). Methods are safe from any
 * thread; they may throw {@link social.herd.api.db.DatabaseException}.
 */
@ProviderType
public interface RemoteAccounts {

    /** A profile metadata field: {@code name} as plain text, {@code valueHtml} sanitised HTML. */
    record Field(String name, String valueHtml) {}

    /**
     * A remote actor as federation understood it. {@code noteHtml} and field values are already
     * sanitised. {@code type} is the ActivityStreams type ({@code Person}, {@code Service},
     * {@code Application}, {@code Group}, {@code Organization}); Service and Application are shown
     * as bots. Null means "not published" for every optional string.
     */
    record RemoteActor(String uri, String username, String domain, String type, String displayName,
                       String noteHtml, String url, String inbox, String sharedInbox, String outbox,
                       String followers, String following, String featured, String keyId,
                       String publicKeyPem, String avatarUrl, String headerUrl, boolean locked,
                       boolean discoverable, boolean indexable, List<Field> fields, Instant published,
                       String movedToUri) {

        public RemoteActor {
            fields = fields == null ? List.of() : List.copyOf(fields);
        }

        /** Service and Application actors are automated accounts ({@code bot: true}). */
        public boolean bot() {
            return "Service".equals(type) || "Application".equals(type);
        }
    }

    /** A stored remote actor: its account id, what was stored, and when it was last fetched. */
    record RemoteAccount(long accountId, RemoteActor actor, Instant fetchedAt, boolean suspended) {

        /** Where to deliver to this actor: its server's shared inbox when it has one. */
        public String deliveryInbox() {
            return actor.sharedInbox() != null ? actor.sharedInbox() : actor.inbox();
        }
    }

    /**
     * Stores or refreshes a remote actor (and its public key) in one transaction; publishes
     * {@code account.updated} when a known account changed.
     *
     * @return the account id, stable across refreshes
     */
    long upsert(RemoteActor actor);

    /** The remote account with this id; empty for local or unknown accounts. */
    Optional<RemoteAccount> byId(long accountId);

    /** Remote accounts among {@code accountIds} (local and unknown ids are left out). */
    Map<Long, RemoteAccount> byIds(Collection<Long> accountIds);

    /** The remote account whose actor id is {@code uri}. */
    Optional<RemoteAccount> byUri(String uri);

    /**
     * The remote account owning the key {@code keyId} (the {@code publicKey.id} of its actor, e.g.
     * {@code https://host/users/bob#main-key}).
     */
    Optional<RemoteAccount> byKeyId(String keyId);

    /** The remote account {@code username@domain}, compared case-insensitively. */
    Optional<RemoteAccount> byHandle(String username, String domain);

    /**
     * The actor was deleted on its server: the account is suspended (hidden everywhere, its follows
     * removed) and its key forgotten. Idempotent.
     */
    void deleted(long accountId);

    /**
     * The actor moved to {@code targetAccountId} (a verified {@code Move}): the account shows
     * {@code moved} and local followers of it follow the target instead (a request when the
     * target is locked). Idempotent.
     *
     * @return the local accounts that now follow, or asked to follow, the target
     */
    List<Long> moved(long accountId, long targetAccountId);
}
