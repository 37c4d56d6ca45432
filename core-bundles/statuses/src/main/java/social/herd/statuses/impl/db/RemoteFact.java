package social.herd.statuses.impl.db;

/**
 * What a status has besides its {@link StatusRow} when it came from another server; component
 * order = column order of RemoteMapper.xml's "facts".
 *
 * @param uri         its ActivityPub id (the Announce's for a boost); null for a local status
 * @param url         where people read it, or null
 * @param remoteMedia JSON array of its attachments (see {@code FederatedStatuses.RemoteMedia}), or null
 * @param emojis      JSON object, shortcode to image URL, or null
 */
public record RemoteFact(long id, long accountId, boolean reblog, String uri, String url, String remoteMedia,
                         String emojis) {}
