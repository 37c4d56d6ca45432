package social.herd.federation.impl.db;

import java.time.Instant;

/** One row of {@code federation_hosts}. */
public record HostRow(String host, String scheme, int failures, Instant failingSince, Instant unavailableSince) {}
