package social.herd.federation.impl.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.api.jobs.JobRequest;
import social.herd.api.jobs.Queues;
import social.herd.api.kv.RateLimiter;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.DomainPolicy;
import social.herd.federation.impl.delivery.HostStates;
import social.herd.federation.impl.fetch.FetchFailure;
import social.herd.federation.impl.ingress.IngressJob;
import social.herd.federation.impl.render.Documents;
import social.herd.federation.impl.signatures.SignatureException;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * Both inboxes: check, verify, store, answer. Nothing is applied here: a verified activity becomes
 * an {@code ingress} job (durable, in PostgreSQL) and the sender gets 202 at once. Answers: 400
 * malformed, 401 unsigned or bad signature (also for a scheme we cannot read, so the sender retries
 * with its other one), 403 blocked domain or a signer who is not the activity's actor, 413 over
 * the body limit (the web filter), 429 past the per-server rate, 202 accepted.
 */
@Component(service = InboxService.class)
public final class InboxService {

    /** Larger activities do not exist in practice; a bigger body is refused before parsing. */
    public static final int MAX_BODY = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(InboxService.class);

    private final RequestAuthenticator authenticator;
    private final DomainPolicy domains;
    private final HostStates hosts;
    private final IngressWriter ingress;
    private final RateLimiter limiter;
    private final FederationRuntime runtime;

    @Activate
    public InboxService(@Reference RequestAuthenticator authenticator, @Reference DomainPolicy domains,
                        @Reference HostStates hosts, @Reference IngressWriter ingress, @Reference RateLimiter limiter,
                        @Reference FederationRuntime runtime) {
        this.authenticator = authenticator;
        this.domains = domains;
        this.hosts = hosts;
        this.ingress = ingress;
        this.limiter = limiter;
        this.runtime = runtime;
    }

    /**
     * Accepts one POST to an inbox.
     *
     * @param recipient the local username of a personal inbox, null for the shared inbox
     */
    public void receive(String recipient, String pathAndQuery, Map<String, String> headers, byte[] body) {
        if (body.length > MAX_BODY) throw new ApiException(413, "Activity too large");
        JsonNode activity;
        try {
            activity = Documents.mapper().readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("Malformed JSON");
        }
        if (activity == null || !activity.isObject()) throw ApiException.badRequest("Not an activity");
        String actor = actorOf(activity);
        if (actor == null) throw ApiException.badRequest("Activity without actor");
        String host = hostOf(actor);
        if (host == null) throw ApiException.badRequest("Activity actor is not a URL");
        if (domains.refused(host)) throw ApiException.forbidden("Domain is blocked");
        if (!limiter.hit("inbox:" + host, runtime.settings().inboxRatePerMinute(), Duration.ofMinutes(1)).allowed()) {
            throw new ApiException(429, "Too many requests");
        }
        RemoteAccount signer;
        try {
            signer = authenticator.authenticate("POST", pathAndQuery, headers, body, true);
        } catch (SignatureException e) {
            LOG.debug("inbox refused a signature from {}: {}", host, e.getMessage());
            throw new ApiException(401, "Request not signed: " + e.reason().name().toLowerCase());
        } catch (FetchFailure e) {
            // the Delete of an actor that is already gone cannot be verified and needs nothing done
            if (e.kind() == FetchFailure.Kind.GONE || "Delete".equals(activity.path("type").asText())) {
                LOG.debug("inbox skipped an activity of an unreachable actor {}: {}", actor, e.getMessage());
                return;
            }
            throw new ApiException(401, "Signing key could not be fetched");
        }
        if (signer == null) throw new ApiException(401, "Request not signed");
        if (!signer.actor().uri().equals(actor)) {
            // Mastodon checks the same: a key may only speak for its own actor (no relayed forgeries)
            throw ApiException.forbidden("Signature does not match the activity's actor");
        }
        hosts.succeeded(host);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("signer", Long.toString(signer.accountId()));
        if (recipient != null) payload.put("recipient", recipient);
        payload.put("activity", activity);
        try {
            ingress.write(new JobRequest(Queues.INGRESS, IngressJob.TYPE, Json.write(payload), null, 8));
        } catch (IllegalStateException e) {
            // not stored: the sender must try again later, as after any 5xx
            throw new ApiException(503, "Busy, try again later");
        }
    }

    static String actorOf(JsonNode activity) {
        JsonNode a = activity.path("actor");
        if (a.isArray()) a = a.path(0);
        if (a.isObject()) a = a.path("id");
        return a.isTextual() ? a.asText() : null;
    }

    static String hostOf(String uri) {
        try {
            URI u = URI.create(uri);
            return u.getScheme() != null && u.getScheme().startsWith("http") ? u.getAuthority() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
