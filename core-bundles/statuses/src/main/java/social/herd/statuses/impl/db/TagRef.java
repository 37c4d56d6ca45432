package social.herd.statuses.impl.db;

/** A hashtag of a status. */
public record TagRef(long statusId, String name) {}
