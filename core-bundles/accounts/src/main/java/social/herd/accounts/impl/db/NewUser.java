package social.herd.accounts.impl.db;

import java.time.Instant;

/** What {@link UserMapper#insert} writes for a new local user. */
public record NewUser(long id, long accountId, String email, String passwordHash, String role, Instant confirmedAt,
                      String confirmationTokenHash, Instant confirmationSentAt, boolean approved,
                      String approvalReason, Long inviteId, Instant agreementAt, String locale, Instant createdAt) {}
