package social.herd.federation.impl.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import social.herd.federation.impl.signatures.SignatureException.Reason;

/** Sign with Herd's signers, verify with Herd's verifier, and each way a request can be wrong. */
class RoundTripTest {
    static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    static final KeyPair RSA = generate("RSA");
    static final KeyPair ED = generate("Ed25519");
    static final KeyPair OTHER = generate("RSA");

    static KeyPair generate(String alg) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (alg.equals("RSA")) g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SignedRequest post(String body) {
        return new SignedRequest("POST", URI.create("https://remote.example/users/bob/inbox"),
                Map.of("Content-Type", "application/activity+json"), body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpSignatureVerifier verifier(Instant at) {
        return new HttpSignatureVerifier(Clock.fixed(at, ZoneOffset.UTC), Duration.ofHours(1), true);
    }

    interface Signer {
        Map<String, String> sign(SignedRequest r, String keyId, java.security.PrivateKey k, Instant now) throws Exception;
    }

    static SignedRequest signed(Signer s, SignedRequest r, KeyPair kp, Instant at) throws Exception {
        return r.with(s.sign(r, "https://herd.example/users/alice#main-key", kp.getPrivate(), at));
    }

    static AbstractThrowableAssert<?, ?> refused(SignedRequest r, KeyPair kp, Instant at, Reason reason) {
        return assertThatThrownBy(() -> verifier(at).verify(r, id -> kp.getPublic()))
                .isInstanceOf(SignatureException.class).hasFieldOrPropertyWithValue("reason", reason);
    }

    @Test
    void bothSchemes_bothKeyTypes_roundTrip() throws Exception {
        for (Signer s : List.<Signer>of(CavageSignatures::sign, Rfc9421Signatures::sign)) {
            for (KeyPair kp : List.of(RSA, ED)) {
                SignedRequest r = signed(s, post("{\"type\":\"Follow\"}"), kp, NOW);
                Verification v = verifier(NOW.plusSeconds(30)).verify(r, id -> kp.getPublic());
                assertThat(v.keyId()).isEqualTo("https://herd.example/users/alice#main-key");
                SignedRequest get = signed(s, new SignedRequest("GET", URI.create("https://remote.example/users/bob"),
                        Map.of("Accept", "application/activity+json"), null), kp, NOW);
                assertThat(verifier(NOW).verify(get, id -> kp.getPublic()).covered()).doesNotContain("digest", "content-digest");
            }
        }
    }

    @Test
    void rsaPss_rfc9421() throws Exception {
        SignedRequest base = post("{}").with(Map.of("Content-Digest", Digests.contentDigestHeader("{}".getBytes()),
                "Date", "Sun, 22 Nov 2026 04:00:00 GMT"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("created", NOW.getEpochSecond());
        params.put("keyid", "k");
        params.put("alg", "rsa-pss-sha512");
        SignedRequest r = base.with(Rfc9421Signatures.sign(base, "sig1", Rfc9421Signatures.DEFAULT_COMPONENTS, params,
                RSA.getPrivate(), Algorithms.RSA_PSS_SHA512));
        assertThat(verifier(NOW).verify(r, id -> RSA.getPublic()).algorithm()).isEqualTo("rsa-pss-sha512");
    }

    @Test
    void tamperedBody_isBadDigest() throws Exception {
        for (Signer s : List.<Signer>of(CavageSignatures::sign, Rfc9421Signatures::sign)) {
            SignedRequest r = signed(s, post("{\"type\":\"Like\"}"), RSA, NOW);
            refused(new SignedRequest(r.method(), r.uri(), r.headers(), "{\"type\":\"Delete\"}".getBytes()), RSA, NOW,
                    Reason.BAD_DIGEST);
        }
    }

    @Test
    void wrongKey_tamperedHeader_orTarget_isBadSignature() throws Exception {
        for (Signer s : List.<Signer>of(CavageSignatures::sign, Rfc9421Signatures::sign)) {
            SignedRequest r = signed(s, post("{}"), RSA, NOW);
            refused(r, OTHER, NOW, Reason.BAD_SIGNATURE);
            refused(new SignedRequest(r.method(), URI.create("https://remote.example/users/eve/inbox"), r.headers(), r.body()),
                    RSA, NOW, Reason.BAD_SIGNATURE);
            refused(r.with(Map.of("Date", "Sun, 22 Nov 2026 04:00:01 GMT")), RSA, NOW, Reason.BAD_SIGNATURE);
            // hs2019/rsa names with an Ed25519 key, or an unknown key
            assertThatThrownBy(() -> verifier(NOW).verify(r, id -> ED.getPublic()))
                    .hasFieldOrPropertyWithValue("reason", Reason.UNSUPPORTED_ALGORITHM);
            assertThatThrownBy(() -> verifier(NOW).verify(r, id -> null))
                    .hasFieldOrPropertyWithValue("reason", Reason.UNKNOWN_KEY)
                    .hasFieldOrPropertyWithValue("keyId", "https://herd.example/users/alice#main-key");
        }
    }

    @Test
    void staleFutureAndReplayed() throws Exception {
        for (Signer s : List.<Signer>of(CavageSignatures::sign, Rfc9421Signatures::sign)) {
            SignedRequest r = signed(s, post("{}"), ED, NOW);
            refused(r, ED, NOW.plus(Duration.ofMinutes(61)), Reason.STALE);
            refused(r, ED, NOW.minus(Duration.ofMinutes(61)), Reason.FUTURE);
            HttpSignatureVerifier v = verifier(NOW.plus(Duration.ofMinutes(59)));
            v.verify(r, id -> ED.getPublic());
            assertThatThrownBy(() -> v.verify(r, id -> ED.getPublic()))
                    .hasFieldOrPropertyWithValue("reason", Reason.REPLAYED);
        }
    }

    @Test
    void digestNotCovered_orTargetNotCovered_isMissingComponent() throws Exception {
        SignedRequest body = post("{}").with(Map.of("Host", "remote.example", "Date", "Sun, 22 Nov 2026 04:00:00 GMT",
                "Digest", Digests.digestHeader("{}".getBytes())));
        for (String headers : List.of("(request-target) host date", "host date digest")) {
            String sig = java.util.Base64.getEncoder().encodeToString(Algorithms.sign(Algorithms.RSA_V1_5_SHA256,
                    RSA.getPrivate(), CavageSignatures.signingString(body, List.of(headers.split(" ")), null, null, "k")
                            .getBytes(StandardCharsets.UTF_8)));
            refused(body.with(Map.of("Signature", "keyId=\"k\",algorithm=\"rsa-sha256\",headers=\"" + headers
                    + "\",signature=\"" + sig + "\"")), RSA, NOW, Reason.MISSING_COMPONENT);
        }
        // RFC 9421 without content-digest, and without @method
        for (List<String> comps : List.of(List.of("@method", "@target-uri", "date"), List.of("@target-uri", "content-digest"))) {
            Map<String, Object> params = new LinkedHashMap<>(Map.of("created", NOW.getEpochSecond()));
            params.put("keyid", "k");
            SignedRequest b = post("{}").with(Map.of("Content-Digest", Digests.contentDigestHeader("{}".getBytes()),
                    "Date", "Sun, 22 Nov 2026 04:00:00 GMT"));
            refused(b.with(Rfc9421Signatures.sign(b, "sig1", comps, params, RSA.getPrivate(), Algorithms.RSA_V1_5_SHA256)),
                    RSA, NOW, Reason.MISSING_COMPONENT);
        }
    }

    @Test
    void noSignature_isUnknownScheme_retryable() {
        assertThatThrownBy(() -> verifier(NOW).verify(post("{}").with(Map.of("Authorization", "Bearer x")), id -> null))
                .isInstanceOfSatisfying(SignatureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEME);
                    assertThat(e.retryWithOtherScheme()).isTrue();
                });
        refused(post("{}").with(Map.of("Signature", "keyId=\"k\",algorithm=\"dsa-sha1\",headers=\"(request-target) host date digest\","
                + "signature=\"AAAA\"", "Host", "remote.example", "Date", "Sun, 22 Nov 2026 04:00:00 GMT",
                "Digest", Digests.digestHeader("{}".getBytes()))), RSA, NOW, Reason.UNSUPPORTED_ALGORITHM);
        refused(post("{}").with(Map.of("Signature-Input", "sig1=(\"@method\"", "Signature", "sig1=:AAAA:")), RSA, NOW,
                Reason.MALFORMED);
    }
}
