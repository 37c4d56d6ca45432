package social.herd.federation.impl.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.federation.impl.DomainPolicy;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.fetch.FetchFailure;
import social.herd.federation.impl.inbox.RequestAuthenticator;
import social.herd.federation.impl.signatures.SignatureException;
import social.herd.web.api.ApiException;

/**
 * Who is fetching a document: nobody (unsigned) or a verified remote actor (signed GET). In
 * authorized-fetch mode an unsigned request for an object or collection is refused with 401, and
 * a signer from a suspended domain always gets 403. Followers-only items are shown only to signed
 * fetchers who follow the author.
 */
@Component(service = FetchAccess.class)
public final class FetchAccess {

    private final RequestAuthenticator authenticator;
    private final FederationRuntime runtime;
    private final DomainPolicy domains;

    @Activate
    public FetchAccess(@Reference RequestAuthenticator authenticator, @Reference FederationRuntime runtime,
                       @Reference DomainPolicy domains) {
        this.authenticator = authenticator;
        this.runtime = runtime;
        this.domains = domains;
    }

    /**
     * The signer of this GET, if it was signed.
     *
     * @param signatureRequired true for objects and collections (honours authorized-fetch mode)
     */
    public Optional<RemoteAccount> requester(HttpHeaders headers, UriInfo uri, boolean signatureRequired) {
        Map<String, String> h = headers(headers);
        boolean signed = h.containsKey("signature") || h.containsKey("signature-input") || h.containsKey("authorization");
        if (!signed) {
            if (signatureRequired && runtime.settings().authorizedFetch()) {
                throw new ApiException(401, "Request not signed");
            }
            return Optional.empty();
        }
        String keyHost = keyHost(h);
        // a blocked server is refused before anything is fetched to verify it
        if (keyHost != null && domains.refused(keyHost)) throw ApiException.forbidden("Domain is blocked");
        try {
            RemoteAccount a = authenticator.authenticate("GET", pathAndQuery(uri), h, null, false);
            if (a == null) throw new ApiException(401, "Request not signed");
            if (domains.refused(java.net.URI.create(a.actor().uri()).getAuthority())) throw ApiException.forbidden("Domain is blocked");
            return Optional.of(a);
        } catch (SignatureException | FetchFailure e) {
            if (!signatureRequired || !runtime.settings().authorizedFetch()) return Optional.empty();
            throw new ApiException(401, "Request not signed");
        }
    }

    private static final java.util.regex.Pattern KEY_ID =
            java.util.regex.Pattern.compile("(?i)keyid=\"(https?://[^\"/]+)");

    /** The host of the keyId a signature names (either scheme), or null. */
    static String keyHost(Map<String, String> h) {
        for (String name : new String[] {"signature-input", "signature", "authorization"}) {
            String v = h.get(name);
            if (v == null) continue;
            java.util.regex.Matcher m = KEY_ID.matcher(v);
            if (m.find()) return java.net.URI.create(m.group(1)).getAuthority();
        }
        return null;
    }

    static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> out = new HashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v)));
        return out;
    }

    static String pathAndQuery(UriInfo uri) {
        String raw = uri.getRequestUri().getRawPath();
        String q = uri.getRequestUri().getRawQuery();
        return q == null ? raw : raw + "?" + q;
    }
}
