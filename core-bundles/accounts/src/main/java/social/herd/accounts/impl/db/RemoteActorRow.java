package social.herd.accounts.impl.db;

import java.time.Instant;

/**
 * A remote account: its {@code accounts} row joined with its {@code remote_actors} row. Component
 * order is the column order of {@code RemoteMapper}'s selects.
 *
 * @param fields     the profile metadata as JSON text, {@code [{"name":..,"value":<html>}]}
 * @param movedToUri the verified move's target uri, else the {@code movedTo} the actor published
 */
public record RemoteActorRow(long accountId, String uri, String username, String domain, String actorType,
                             String displayName, String noteHtml, String url, String inbox, String sharedInbox,
                             String outbox, String followers, String following, String featured, String keyId,
                             String publicKeyPem, String avatarRemoteUrl, String headerRemoteUrl, boolean locked,
                             boolean discoverable, boolean indexable, String fields, Instant createdAt,
                             String movedToUri, Instant fetchedAt, boolean suspended) {}
