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
 * @param state     whether the user may sign in and use the API
 */
public record UserSummary(long userId, long accountId, String username, String email, Role role, State state) {

    /** Where a user stands. */
    public enum State {
        /** Confirmed, approved, not suspended: full use. */
        ACTIVE,
        /**
         * Signed up but the e-mail address is not confirmed yet. Tokens issued at sign-up stay
         * valid so that the app can resend the confirmation; other endpoints answer 403.
         */
        UNCONFIRMED,
        /** Confirmed but waiting for a moderator's approval; treated like {@link #UNCONFIRMED}. */
        PENDING_APPROVAL,
        /** Suspended, disabled or deleted: no sign-in, no valid token. */
        DISABLED
    }

    /** True when the user may sign in and use every endpoint their scopes allow. */
    public boolean active() {
        return state == State.ACTIVE;
    }
}
