package social.herd.timelines.impl.db;

import java.time.Instant;

/** A stored read position of one timeline. */
public record MarkerRow(String timeline, long lastReadId, int version, Instant updatedAt) {}
