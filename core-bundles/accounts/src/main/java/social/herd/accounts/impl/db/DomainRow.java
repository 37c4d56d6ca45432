package social.herd.accounts.impl.db;

/** A user-level domain block: its row id (for paging) and the domain. */
public record DomainRow(long id, String domain) {}
