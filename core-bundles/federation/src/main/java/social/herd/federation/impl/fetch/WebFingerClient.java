package social.herd.federation.impl.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.federation.impl.FederationRuntime;

/**
 * Finds the actor id of {@code user@domain} with WebFinger. https only, as the fediverse does;
 * plain http is tried as well only when private addresses are allowed (loopback test setups).
 */
@Component(service = WebFingerClient.class)
public final class WebFingerClient {

    private final SignedFetcher fetcher;
    private final FederationRuntime runtime;

    @Activate
    public WebFingerClient(@Reference SignedFetcher fetcher, @Reference FederationRuntime runtime) {
        this.fetcher = fetcher;
        this.runtime = runtime;
    }

    /** The {@code self} link (an ActivityPub actor id) of {@code acct:user@domain}. */
    public Optional<String> actorUri(String user, String domain) throws FetchFailure {
        String query = "/.well-known/webfinger?resource=" + URLEncoder.encode("acct:" + user + "@" + domain, StandardCharsets.UTF_8);
        FetchFailure first;
        try {
            return self(fetcher.getPlain(URI.create("https://" + domain + query), "application/jrd+json, application/json"));
        } catch (FetchFailure e) {
            first = e;
        } catch (IllegalArgumentException e) {
            throw new FetchFailure(FetchFailure.Kind.MALFORMED, "bad domain");
        }
        if (!runtime.settings().fetch().allowPrivate() || first.kind() == FetchFailure.Kind.NOT_FOUND) throw first;
        return self(fetcher.getPlain(URI.create("http://" + domain + query), "application/jrd+json, application/json"));
    }

    private static Optional<String> self(JsonNode jrd) {
        for (JsonNode link : jrd.path("links")) {
            String type = link.path("type").asText("");
            if ("self".equals(link.path("rel").asText()) && (type.startsWith("application/activity+json")
                    || type.startsWith("application/ld+json")) && link.path("href").isTextual()) {
                return Optional.of(link.path("href").asText());
            }
        }
        return Optional.empty();
    }
}
