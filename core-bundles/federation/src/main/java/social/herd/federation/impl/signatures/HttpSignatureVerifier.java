package social.herd.federation.impl.signatures;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import social.herd.federation.impl.signatures.SignatureException.Reason;

/**
 * Verifies an incoming request signed with either scheme: RFC 9421 when Signature-Input is
 * present, draft-cavage when a Signature header (or {@code Authorization: Signature}) is, and
 * {@link Reason#UNKNOWN_SCHEME} otherwise. Besides the cryptography it enforces Herd's policy:
 * the target and a time must be covered, a request with a body must cover a matching digest,
 * the time must be within the skew (one hour) and a signature is accepted once only.
 * Thread-safe; one instance per process so that the replay memory is shared.
 */
public final class HttpSignatureVerifier {
    /** The clock skew the federation issue allows. */
    public static final Duration DEFAULT_SKEW = Duration.ofHours(1);

    private final Freshness freshness;
    private final boolean requireDigest;

    /** The production policy: system clock, ±1 h, digest required for bodies. */
    public HttpSignatureVerifier() {
        this(Clock.systemUTC(), DEFAULT_SKEW, true);
    }

    /**
     * @param requireDigest false only to check published vectors that predate digest coverage
     */
    public HttpSignatureVerifier(Clock clock, Duration skew, boolean requireDigest) {
        this.freshness = new Freshness(clock, skew);
        this.requireDigest = requireDigest;
    }

    /** Verifies the request; the key is looked up by the keyId the request names. */
    public Verification verify(SignedRequest request, KeyResolver keys) throws SignatureException {
        return verify(request, keys, true);
    }

    /**
     * Verifies a request; {@code replayCheck} false for safe requests (signed GETs), which a
     * client may legitimately repeat within a second with the same deterministic signature.
     */
    public Verification verify(SignedRequest request, KeyResolver keys, boolean replayCheck) throws SignatureException {
        if (request.header("signature-input") != null) {
            return verifyRfc9421(request, keys, replayCheck);
        }
        String cavage = CavageSignatures.headerValue(request);
        if (cavage != null) {
            return verifyCavage(request, cavage, keys, replayCheck);
        }
        throw new SignatureException(Reason.UNKNOWN_SCHEME, null, "no Signature-Input or Signature header");
    }

    private Verification verifyCavage(SignedRequest r, String header, KeyResolver keys, boolean replayCheck) throws SignatureException {
        CavageSignatures.Parsed p = CavageSignatures.parse(header);
        String keyId = p.keyId();
        List<String> h = p.headers();
        require(h.contains("(request-target)"), "(request-target)", keyId);
        require(h.contains("host"), "host", keyId);
        require(h.contains("date") || h.contains("(created)"), "date", keyId);
        // Time first: cheaper than RSA, and a stale request is refused whoever signed it.
        if (h.contains("(created)")) {
            require(p.created() != null, "created", keyId);
            freshness.checkTime(Freshness.parseEpoch(p.created(), keyId), keyId);
        }
        if (h.contains("date")) {
            require(r.header("date") != null, "date", keyId);
            freshness.checkTime(Freshness.parseHttpDate(r.header("date"), keyId), keyId);
        }
        if (p.expires() != null) freshness.checkExpires(Freshness.parseEpoch(p.expires(), keyId), keyId);
        checkBody(r, h.contains("digest"), "digest", keyId);
        PublicKey key = resolve(keys, keyId);
        String alg = Algorithms.fromCavage(p.algorithm(), key, keyId);
        if (!CavageSignatures.verify(r, p, key, alg)) {
            throw new SignatureException(Reason.BAD_SIGNATURE, keyId, "signature does not verify");
        }
        if (replayCheck) freshness.remember(p.signature(), keyId);
        return new Verification(Verification.Scheme.CAVAGE, keyId, alg, h);
    }

    private Verification verifyRfc9421(SignedRequest r, KeyResolver keys, boolean replayCheck) throws SignatureException {
        Rfc9421Signatures.Parsed p = Rfc9421Signatures.parse(r.header("signature-input"), r.header("signature"));
        String keyId = p.param("keyid");
        if (keyId == null) throw new SignatureException(Reason.MALFORMED, null, "keyid parameter is required");
        List<String> c = p.components();
        require(c.contains("@target-uri") || (c.contains("@authority") && (c.contains("@path")
                || c.contains("@request-target"))), "@target-uri", keyId);
        require(c.contains("@method"), "@method", keyId);
        String created = p.param("created");
        require(created != null, "created", keyId);
        freshness.checkTime(Freshness.parseEpoch(created, keyId), keyId);
        if (p.param("expires") != null) freshness.checkExpires(Freshness.parseEpoch(p.param("expires"), keyId), keyId);
        checkBody(r, c.contains("content-digest"), "content-digest", keyId);
        PublicKey key = resolve(keys, keyId);
        String alg = p.param("alg") != null ? p.param("alg") : Algorithms.forKey(key);
        if (alg == null || !alg.equals(Algorithms.forKey(key)) && !(alg.equals(Algorithms.RSA_PSS_SHA512)
                && key.getAlgorithm().equals("RSA"))) {
            throw new SignatureException(Reason.UNSUPPORTED_ALGORITHM, keyId, "alg " + alg + " with a " + key.getAlgorithm() + " key");
        }
        if (!Rfc9421Signatures.verify(r, p, key, alg, keyId)) {
            throw new SignatureException(Reason.BAD_SIGNATURE, keyId, "signature does not verify");
        }
        if (replayCheck) freshness.remember(p.signature(), keyId);
        return new Verification(Verification.Scheme.RFC9421, keyId, alg, c);
    }

    /** A digest header present is always checked; for a body it must also be signed. */
    private void checkBody(SignedRequest r, boolean covered, String name, String keyId) throws SignatureException {
        String value = r.header(name);
        if (requireDigest && r.hasBody()) {
            require(covered && value != null, name, keyId);
        }
        if (value != null) {
            if (name.equals("digest")) Digests.checkDigest(value, r.body(), keyId);
            else Digests.checkContentDigest(value, r.body(), keyId);
        }
    }

    private static PublicKey resolve(KeyResolver keys, String keyId) throws SignatureException {
        PublicKey key;
        try {
            key = keys.resolve(keyId);
        } catch (Exception e) {
            throw new SignatureException(Reason.UNKNOWN_KEY, keyId, "key lookup failed: " + e.getMessage());
        }
        if (key == null) throw new SignatureException(Reason.UNKNOWN_KEY, keyId, "no such key");
        return key;
    }

    private static void require(boolean ok, String component, String keyId) throws SignatureException {
        if (!ok) throw new SignatureException(Reason.MISSING_COMPONENT, keyId, component + " must be signed");
    }

    Instant now() {
        return freshness.now();
    }
}
