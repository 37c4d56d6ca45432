package social.herd.web.impl.filters;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import social.herd.api.auth.Principal;
import social.herd.api.auth.TokenVerifier;
import social.herd.web.api.ApiException;
import social.herd.web.api.Auth;
import social.herd.web.api.WebRequests;

/**
 * Reads {@code Authorization: Bearer <token>} and, when the token is valid, records the caller for
 * resources ({@link Auth}) and for the per-account rate limit. A token that is present but invalid
 * is refused with 401 even on public endpoints, as Mastodon does, so a client notices a revoked
 * token at once. Without a {@link TokenVerifier} service (no OAuth bundle) every request is
 * anonymous. Runs before the rate limit so that limits apply per account.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName("herd.authentication")
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {

    private static final String BEARER = "bearer ";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TokenVerifier verifier;

    /** For DS, which injects the verifier into the field. */
    public AuthenticationFilter() {}

    /** For tests and embedding. */
    AuthenticationFilter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return;
        }
        TokenVerifier v = verifier;
        Optional<Principal> principal = v == null ? Optional.empty() : v.verify(header.substring(BEARER.length()).trim());
        if (principal.isEmpty()) throw new ApiException(401, "The access token is invalid");
        Principal p = principal.get();
        request.setProperty(Auth.PRINCIPAL_PROPERTY, p);
        p.accountId().ifPresent(id -> request.setProperty(WebRequests.ACCOUNT_ID_PROPERTY, String.valueOf(id)));
    }
}
