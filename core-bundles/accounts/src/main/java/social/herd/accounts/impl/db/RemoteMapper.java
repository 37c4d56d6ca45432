package social.herd.accounts.impl.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/**
 * SQL on remote accounts ({@code accounts} rows with a domain, and {@code remote_actors});
 * statements in RemoteMapper.xml beside this interface.
 */
public interface RemoteMapper {

    /** Lock spaces of {@link #lock}: an actor uri, a {@code username@domain}. */
    int LOCK_URI = 1;
    int LOCK_HANDLE = 2;

    /**
     * Takes a transaction-scoped advisory lock on {@code key} in {@code space}, waiting for another
     * transaction holding it; serialises the writers of one actor across nodes.
     */
    int lock(@Param("space") int space, @Param("key") String key);

    /** The account whose actor uri is {@code uri}, or null. */
    Long idByUri(@Param("uri") String uri);

    int insertAccount(@Param("id") long id, @Param("a") RemoteAccountValues a, @Param("now") Instant now);

    /**
     * Writes the profile of a known remote account when it differs from what is stored.
     *
     * @return 1 when something changed, 0 when everything was the same already
     */
    int updateAccount(@Param("id") long id, @Param("a") RemoteAccountValues a, @Param("now") Instant now);

    /** Inserts or refreshes the actor's endpoints and key, and its fetch time. */
    int upsertActor(@Param("accountId") long accountId, @Param("a") RemoteAccountValues a, @Param("now") Instant now);

    /** Takes {@code keyId} away from any other actor (of the same host) that held it before. */
    int releaseKeyId(@Param("keyId") String keyId, @Param("accountId") long accountId);

    /**
     * Lifts the suspension of an account whose actor was deleted, when a re-created actor takes
     * its {@code username@domain}; a moderator's suspension stays.
     */
    int reviveDeleted(@Param("accountId") long accountId, @Param("now") Instant now);

    /** Forgets the key of a deleted actor and records when it was deleted (only once). */
    int markDeleted(@Param("accountId") long accountId, @Param("now") Instant now);

    /** @return 1 when the move was new */
    int setMovedTo(@Param("accountId") long accountId, @Param("targetId") long targetId, @Param("now") Instant now);

    RemoteActorRow byId(@Param("id") long id);

    List<RemoteActorRow> byIds(@Param("ids") Collection<Long> ids);

    RemoteActorRow byUri(@Param("uri") String uri);

    RemoteActorRow byKeyId(@Param("keyId") String keyId);

    RemoteActorRow byHandle(@Param("username") String username, @Param("domain") String domain);
}
