package social.herd.federation.impl.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.federation.ActorKeys;
import social.herd.federation.impl.DomainPolicy;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.delivery.HostStates;
import social.herd.federation.impl.delivery.HostStates.Scheme;
import social.herd.federation.impl.http.FederationHttpClient;
import social.herd.federation.impl.http.FetchException;
import social.herd.federation.impl.render.Documents;
import social.herd.federation.impl.signatures.CavageSignatures;
import social.herd.federation.impl.signatures.Rfc9421Signatures;
import social.herd.federation.impl.signatures.SignedRequest;

/**
 * GETs ActivityPub documents, signed by the instance actor so that servers in authorized-fetch
 * mode answer, through the guarded client (no private addresses unless configured, capped body
 * and redirects, timeouts). Falls back to the other signature scheme on 401, like deliveries.
 */
@Component(service = SignedFetcher.class)
public final class SignedFetcher {

    static final String ACCEPT = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    private final FederationRuntime runtime;
    private final ActorKeys keys;
    private final DomainPolicy domains;
    private final HostStates hosts;

    @Activate
    public SignedFetcher(@Reference FederationRuntime runtime, @Reference ActorKeys keys, @Reference DomainPolicy domains,
                         @Reference HostStates hosts) {
        this.runtime = runtime;
        this.keys = keys;
        this.domains = domains;
        this.hosts = hosts;
    }

    /** The JSON document at {@code uri}. */
    public JsonNode get(String uri) throws FetchFailure {
        URI target;
        try {
            target = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new FetchFailure(FetchFailure.Kind.MALFORMED, "not a URL");
        }
        String host = target.getAuthority();
        if (host == null || target.getScheme() == null) throw new FetchFailure(FetchFailure.Kind.MALFORMED, "not a URL");
        if (domains.refused(host)) throw new FetchFailure(FetchFailure.Kind.REFUSED, host + " is blocked");
        Scheme scheme = hosts.scheme(host);
        FederationHttpClient.Response r = send(target, scheme);
        if (r.status() == 401) {
            Scheme other = scheme == Scheme.CAVAGE ? Scheme.RFC9421 : Scheme.CAVAGE;
            r = send(target, other);
            if (r.status() / 100 == 2) hosts.remember(host, other);
        }
        return switch (r.status() / 100) {
            case 2 -> parse(r.body(), uri);
            default -> throw switch (r.status()) {
                case 404 -> new FetchFailure(FetchFailure.Kind.NOT_FOUND, uri + " not found");
                case 410 -> new FetchFailure(FetchFailure.Kind.GONE, uri + " is gone");
                default -> new FetchFailure(FetchFailure.Kind.UNREACHABLE, uri + " answered " + r.status());
            };
        };
    }

    /** The JSON answer of a plain (unsigned) GET, e.g. WebFinger. */
    public JsonNode getPlain(URI uri, String accept) throws FetchFailure {
        try {
            FederationHttpClient.Response r = runtime.http().get(uri, Map.of("Accept", accept));
            if (r.status() == 404 || r.status() == 410) throw new FetchFailure(FetchFailure.Kind.NOT_FOUND, uri + " not found");
            if (r.status() / 100 != 2) throw new FetchFailure(FetchFailure.Kind.UNREACHABLE, uri + " answered " + r.status());
            return parse(r.body(), uri.toString());
        } catch (FetchException e) {
            throw failure(e);
        }
    }

    private FederationHttpClient.Response send(URI target, Scheme scheme) throws FetchFailure {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT);
        headers.put("User-Agent", "Herd (+" + runtime.uris().base() + "/)");
        SignedRequest request = new SignedRequest("GET", target, headers, null);
        try {
            headers.putAll(scheme == Scheme.RFC9421
                    ? Rfc9421Signatures.sign(request, runtime.uris().instanceKeyId(), keys.instancePrivateKey(), Instant.now())
                    : CavageSignatures.sign(request, runtime.uris().instanceKeyId(), keys.instancePrivateKey(), Instant.now()));
            return runtime.http().get(target, headers);
        } catch (FetchException e) {
            throw failure(e);
        } catch (Exception e) {
            throw new FetchFailure(FetchFailure.Kind.UNREACHABLE, "cannot sign or send: " + e.getMessage());
        }
    }

    private static FetchFailure failure(FetchException e) {
        return switch (e.reason()) {
            case FORBIDDEN_ADDRESS, BAD_URL -> new FetchFailure(FetchFailure.Kind.REFUSED, e.getMessage());
            case TOO_LARGE -> new FetchFailure(FetchFailure.Kind.MALFORMED, e.getMessage());
            default -> new FetchFailure(FetchFailure.Kind.UNREACHABLE, e.getMessage());
        };
    }

    private static JsonNode parse(byte[] body, String uri) throws FetchFailure {
        try {
            JsonNode n = Documents.mapper().readTree(body);
            if (n == null || !n.isObject()) throw new FetchFailure(FetchFailure.Kind.MALFORMED, uri + " is not a JSON object");
            return n;
        } catch (IOException e) {
            throw new FetchFailure(FetchFailure.Kind.MALFORMED, uri + " is not JSON");
        }
    }
}
