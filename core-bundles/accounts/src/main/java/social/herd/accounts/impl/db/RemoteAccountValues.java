package social.herd.accounts.impl.db;

/**
 * What {@code RemoteMapper} writes for a remote actor, already normalised: lower-case domain,
 * non-null display name and note, fields as JSON text, {@code bot} from the actor type, and a key
 * id only when it belongs to the actor's own host.
 */
public record RemoteAccountValues(String username, String domain, String uri, String url, String actorType,
                                  String displayName, String noteHtml, boolean locked, boolean bot,
                                  boolean discoverable, boolean indexable, String fields, String avatarUrl,
                                  String headerUrl, java.time.Instant published, String inbox, String sharedInbox,
                                  String outbox, String followers, String following, String featured, String keyId,
                                  String publicKeyPem, String movedToUri) {}
