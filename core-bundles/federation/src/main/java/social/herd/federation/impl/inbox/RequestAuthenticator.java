package social.herd.federation.impl.inbox;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.federation.RemoteAccounts.RemoteAccount;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.fetch.ActorStore;
import social.herd.federation.impl.fetch.FetchFailure;
import social.herd.federation.impl.signatures.SignatureException;
import social.herd.federation.impl.signatures.SignedRequest;

/**
 * Who signed a request: verifies the HTTP signature (either scheme) with the key of the actor the
 * keyId names, fetching the actor when unknown and once more when the signature fails with a
 * cached key (keys get rotated). The request URI is rebuilt on our public URL, since a TLS proxy in
 * front changes scheme and port but the signer signed the URL it used.
 */
@Component(service = RequestAuthenticator.class)
public final class RequestAuthenticator {

    /** A verified key: who owns it and the parsed key, kept briefly (parsing PEM and a query per request would dominate). */
    private record Known(RemoteAccount account, java.security.PublicKey key, long loadedAt) {}

    private static final long KEEP_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
    private static final int MAX_KEYS = 50_000;

    private final FederationRuntime runtime;
    private final ActorStore actors;
    private final java.util.concurrent.ConcurrentHashMap<String, Known> keys = new java.util.concurrent.ConcurrentHashMap<>();

    @Activate
    public RequestAuthenticator(@Reference FederationRuntime runtime, @Reference ActorStore actors) {
        this.runtime = runtime;
        this.actors = actors;
    }

    /** The signing actor's account. */
    public RemoteAccount authenticate(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                                      boolean replayCheck) throws SignatureException, FetchFailure {
        SignedRequest request = new SignedRequest(method, URI.create(runtime.uris().base() + pathAndQuery), headers, body);
        AtomicReference<RemoteAccount> signer = new AtomicReference<>();
        AtomicReference<FetchFailure> fetchFailed = new AtomicReference<>();
        try {
            runtime.verifier().verify(request, keyId -> resolve(keyId, false, signer, fetchFailed), replayCheck);
        } catch (SignatureException e) {
            if (fetchFailed.get() != null) throw fetchFailed.get();
            if (e.reason() != SignatureException.Reason.BAD_SIGNATURE) throw e;
            fetchFailed.set(null);
            runtime.verifier().verify(request, keyId -> resolve(keyId, true, signer, fetchFailed), replayCheck);
        }
        return signer.get();
    }

    private java.security.PublicKey resolve(String keyId, boolean refresh, AtomicReference<RemoteAccount> signer,
                                            AtomicReference<FetchFailure> failed) throws Exception {
        Known k = refresh ? null : keys.get(keyId);
        if (k != null && System.nanoTime() - k.loadedAt() < KEEP_NANOS) {
            signer.set(k.account());
            return k.key();
        }
        try {
            RemoteAccount a = actors.byKeyId(keyId, refresh);
            if (a.actor().publicKeyPem() == null) return null;
            signer.set(a);
            java.security.PublicKey key = PemKeys.parse(a.actor().publicKeyPem());
            // a failing signature re-fetches (refresh) and replaces this, so a rotated key heals at once
            if (keys.size() >= MAX_KEYS) keys.clear();
            keys.put(keyId, new Known(a, key, System.nanoTime()));
            return key;
        } catch (FetchFailure f) {
            failed.set(f);
            return null;
        }
    }
}
