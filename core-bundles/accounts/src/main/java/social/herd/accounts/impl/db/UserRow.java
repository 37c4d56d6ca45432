package social.herd.accounts.impl.db;

import java.time.Instant;

/**
 * A row of {@code users} joined with its account's username and suspension. Component order is
 * the column order of the mapper's selects.
 */
public record UserRow(long id, long accountId, String username, String email, String passwordHash, String role,
                      Instant confirmedAt, Instant confirmationSentAt, Instant resetSentAt, boolean approved,
                      String approvalReason, String locale, String defaultPrivacy, boolean defaultSensitive,
                      String defaultLanguage, boolean disabled, Instant deletedAt, Instant suspendedAt,
                      Instant createdAt) {

    public boolean confirmed() {
        return confirmedAt != null;
    }

    public boolean suspended() {
        return suspendedAt != null || disabled || deletedAt != null;
    }

    /** May sign in and use tokens. */
    public boolean active() {
        return confirmed() && approved && !suspended();
    }
}
