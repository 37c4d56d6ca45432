package social.herd.api.accounts;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Local users, for the OAuth bundle: password checks and look-ups. */
@ProviderType
public interface Users {

    /**
     * Checks an e-mail (or username) and password, as the OAuth password grant and the sign-in page
     * do. Throttled per client address and per account; the KDF runs even for unknown users so the
     * answer time does not reveal which addresses are registered.
     *
     * @param login          e-mail address or username
     * @param password       the password as typed
     * @param clientAddress  the caller's IP address, for throttling
     */
    LoginResult login(String login, String password, String clientAddress);

    /** The user with this id, active or not. */
    Optional<UserSummary> byId(long userId);

    /**
     * The active owners, admins and moderators, for admin notifications.
     *
     * @since 1.1
     */
    default java.util.List<UserSummary> staff() {
        throw new UnsupportedOperationException("staff");
    }

    /**
     * How many local users there are and how many were active (signed in or used the API) in the
     * last 30 and 180 days, for NodeInfo and {@code /api/v1/instance}; approved, not deleted,
     * not suspended users only.
     *
     * @since 1.2
     */
    default Usage usage() {
        throw new UnsupportedOperationException("usage");
    }

    /** The figures {@link #usage()} answers. */
    record Usage(long total, long activeMonth, long activeHalfyear) {}

    /** The outcome of {@link #login}. */
    sealed interface LoginResult {
        /** Signed in. */
        record Success(UserSummary user) implements LoginResult {}

        /**
         * Refused. The reason is for the response message; "wrong login or password" is one
         * reason on purpose (it must not tell which of the two was wrong).
         */
        record Refused(Reason reason) implements LoginResult {}
    }

    /** Why a login was refused. */
    enum Reason { INVALID_CREDENTIALS, UNCONFIRMED, PENDING_APPROVAL, SUSPENDED, THROTTLED }
}
