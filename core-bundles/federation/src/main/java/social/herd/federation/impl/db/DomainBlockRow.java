package social.herd.federation.impl.db;

/** One instance-level domain block. */
public record DomainBlockRow(String domain, String severity, boolean rejectMedia, boolean rejectReports) {}
