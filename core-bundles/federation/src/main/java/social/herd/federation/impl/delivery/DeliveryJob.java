package social.herd.federation.impl.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.federation.ActorKeys;
import social.herd.api.jobs.Job;
import social.herd.api.jobs.JobHandler;
import social.herd.api.jobs.PermanentJobFailure;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.delivery.HostStates.Scheme;
import social.herd.federation.impl.http.FederationHttpClient;
import social.herd.federation.impl.http.FetchException;
import social.herd.federation.impl.render.Documents;
import social.herd.federation.impl.signatures.CavageSignatures;
import social.herd.federation.impl.signatures.Rfc9421Signatures;
import social.herd.federation.impl.signatures.SignatureException;
import social.herd.federation.impl.signatures.SignedRequest;
import social.herd.web.api.Json;

/**
 * One delivery: POST the activity to one inbox, signed for the local actor. Draft-cavage first
 * (what every server accepts), RFC 9421 for a host that answered 401 to it (remembered, and the
 * other way round should a host stop accepting RFC 9421). 4xx other than 401/408/429 means the
 * receiver will never take it: given up. Everything else is retried by the job engine with
 * exponential backoff, for days.
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE + "=" + DeliveryJob.TYPE)
public final class DeliveryJob implements JobHandler {

    public static final String TYPE = "federation.deliver";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJob.class);

    private final FederationRuntime runtime;
    private final HostStates hosts;
    private final ActorKeys keys;

    @Activate
    public DeliveryJob(@Reference FederationRuntime runtime, @Reference HostStates hosts, @Reference ActorKeys keys) {
        this.runtime = runtime;
        this.hosts = hosts;
        this.keys = keys;
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode p = Json.mapper().readTree(job.payload());
        URI inbox = URI.create(p.path("inbox").asText());
        String host = inbox.getAuthority();
        if (hosts.unavailable(host)) throw new PermanentJobFailure("host " + host + " is unavailable");
        if (hosts.open(host)) throw new IllegalStateException("circuit open for " + host);
        byte[] body = p.path("body").asText().getBytes(StandardCharsets.UTF_8);
        Signer signer = signer(p.path("signer").asLong(), p.path("key_id").asText());
        Scheme scheme = hosts.scheme(host);
        int status = post(inbox, body, signer, scheme);
        if (status == 401) {
            Scheme other = scheme == Scheme.CAVAGE ? Scheme.RFC9421 : Scheme.CAVAGE;
            status = post(inbox, body, signer, other);
            if (status / 100 == 2) hosts.remember(host, other);
        }
        if (status / 100 == 2) {
            hosts.succeeded(host);
            return;
        }
        if (status >= 400 && status < 500 && status != 401 && status != 408 && status != 429) {
            // the receiver got through to us and refused: it is reachable, so no host failure
            hosts.succeeded(host);
            throw new PermanentJobFailure("delivery to " + inbox + " refused with " + status);
        }
        // 429 and 408 mean "later", from a server that is up: retried, but no mark against the host
        if (status != 429 && status != 408) hosts.failed(host);
        throw new IllegalStateException("delivery to " + inbox + " answered " + status);
    }

    private int post(URI inbox, byte[] body, Signer signer, Scheme scheme) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Documents.ACTIVITY_JSON);
        headers.put("Accept", Documents.ACTIVITY_JSON);
        headers.put("User-Agent", "Herd (+" + runtime.uris().base() + "/)");
        SignedRequest request = new SignedRequest("POST", inbox, headers, body);
        try {
            headers.putAll(scheme == Scheme.RFC9421
                    ? Rfc9421Signatures.sign(request, signer.keyId(), signer.key(), Instant.now())
                    : CavageSignatures.sign(request, signer.keyId(), signer.key(), Instant.now()));
        } catch (SignatureException e) {
            throw new PermanentJobFailure("cannot sign: " + e.getMessage());
        }
        try {
            FederationHttpClient.Response r = runtime.http().post(inbox, headers, body);
            LOG.debug("delivered to {} with {}: {}", inbox, scheme, r.status());
            return r.status();
        } catch (FetchException e) {
            if (e.reason() == FetchException.Reason.FORBIDDEN_ADDRESS || e.reason() == FetchException.Reason.BAD_URL) {
                throw new PermanentJobFailure("inbox " + inbox + " refused: " + e.getMessage());
            }
            hosts.failed(inbox.getAuthority());
            throw e;
        }
    }

    private record Signer(String keyId, PrivateKey key) {}

    private Signer signer(long accountId, String keyId) throws PermanentJobFailure {
        if (accountId == 0) return new Signer(runtime.uris().instanceKeyId(), keys.instancePrivateKey());
        // the key stays cached after an account is deleted, which is what signing its Delete needs
        Optional<PrivateKey> key = keys.privateKey(accountId);
        if (key.isEmpty()) throw new PermanentJobFailure("no key for account " + accountId);
        return new Signer(keyId, key.get());
    }
}
