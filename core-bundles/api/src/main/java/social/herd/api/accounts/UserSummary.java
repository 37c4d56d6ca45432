package social.herd.api.accounts;

import social.herd.api.auth.Role;

/**
 * What other bundles need to know about a local user.
 *
 * @param userId    the user
 * @param accountId the user's public account
 * @param username  the account's username (no domain)
 * @param email     the sign-in address; never shown publicly or logged
 * @param role      the user's role
 * @param active    false when the user may not sign in or use tokens: unconfirmed, awaiting
 *                  approval, suspended or deleted
 */
public record UserSummary(long userId, long accountId, String username, String email, Role role, boolean active) {}
