package social.herd.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;
import social.herd.api.auth.Principal;

/**
 * The caller of the current request, as the web bundle's authentication filter found it. Resources
 * take {@code @Context ContainerRequestContext} and ask here; {@link RequiresScope} has already
 * checked scopes when a method carries it.
 */
public final class Auth {

    /** Request property holding the {@link Principal} of a valid bearer token. */
    public static final String PRINCIPAL_PROPERTY = "social.herd.web.principal";

    private Auth() {}

    /** The caller, or empty for an anonymous request. */
    public static Optional<Principal> principal(ContainerRequestContext request) {
        return Optional.ofNullable((Principal) request.getProperty(PRINCIPAL_PROPERTY));
    }

    /** The caller; 401 in Mastodon's shape when the request carries no valid token. */
    public static Principal require(ContainerRequestContext request) {
        return principal(request).orElseThrow(() -> new ApiException(401, "The access token is invalid"));
    }

    /** The calling user's account id; 401 without a token, 422 for an application-only token. */
    public static long requireAccountId(ContainerRequestContext request) {
        Principal p = require(request);
        return p.accountId().orElseThrow(() -> new ApiException(422, "This method requires an authenticated user"));
    }

    /**
     * The calling staff member's account id (owner, admin or moderator); 403 "This action is not
     * allowed" for anyone else, as Mastodon answers its admin API.
     */
    public static long requireStaff(ContainerRequestContext request) {
        long accountId = requireAccountId(request);
        if (!require(request).role().isStaff()) throw ApiException.forbidden("This action is not allowed");
        return accountId;
    }

    /**
     * The calling admin's account id (owner or admin): what changes the server itself needs
     * (plugins, federation, sign-up blocks, instance settings). 403 "This action is not allowed"
     * for moderators and everyone else, 401 without a token.
     *
     * @since 1.2
     */
    public static long requireAdmin(ContainerRequestContext request) {
        long accountId = requireStaff(request);
        social.herd.api.auth.Role role = require(request).role();
        if (role != social.herd.api.auth.Role.OWNER && role != social.herd.api.auth.Role.ADMIN) {
            throw ApiException.forbidden("This action is not allowed");
        }
        return accountId;
    }
}
