package social.herd.federation.impl.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Signatures published by the specifications, made by other implementations' keys: RFC 9421
 * Appendix B.2.6 (Ed25519, key B.1.4), B.2.1 (rsa-pss-sha512, key B.1.2) and draft-cavage-http-signatures-12 Appendix C.2 / C.3
 * (rsa-sha256 with the appendix's 1024-bit "Test" key).
 */
class PublishedVectorsTest {
    static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

    // RFC 9421 B.1.4 test-key-ed25519
    static final String ED25519_PUBLIC = "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";
    static final String ED25519_PRIVATE = "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF";
    // draft-cavage-12 Appendix C public key (1024-bit RSA)
    static final String CAVAGE_PUBLIC = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDCFENGw33yGihy92pDjZQhl0C3"
            + "6rPJj+CvfSC8+q28hxA161QFNUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6"
            + "Z4UMR7EOcpfdUE9Hf3m/hs+FUR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJw"
            + "oYi+1hqp1fIekaxsyQIDAQAB";

    static PublicKey publicKey(String alg, String b64) throws Exception {
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    static PrivateKey privateKey(String alg, String b64) throws Exception {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    static HttpSignatureVerifier verifierAt(long epoch, boolean requireDigest) {
        return new HttpSignatureVerifier(Clock.fixed(Instant.ofEpochSecond(epoch), ZoneOffset.UTC),
                Duration.ofHours(1), requireDigest);
    }

    /** The RFC 9421 B.2 test-request. */
    static SignedRequest rfcRequest(Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "example.com");
        h.put("Date", "Tue, 20 Apr 2021 02:07:55 GMT");
        h.put("Content-Type", "application/json");
        h.put("Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:");
        h.put("Content-Length", "18");
        h.putAll(extra);
        return new SignedRequest("POST", URI.create("https://example.com/foo?param=Value&Pet=dog"), h, BODY);
    }

    static final String B26_INPUT = "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
            + "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";
    static final String B26_SIGNATURE =
            "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";

    @Test
    void rfc9421_b26_ed25519_signsByteForByte() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("created", 1618884473L);
        params.put("keyid", "test-key-ed25519");
        Map<String, String> out = Rfc9421Signatures.sign(rfcRequest(Map.of()), "sig-b26",
                List.of("date", "@method", "@path", "@authority", "content-type", "content-length"), params,
                privateKey("Ed25519", ED25519_PRIVATE), Algorithms.ED25519);
        assertThat(out.get("Signature-Input")).isEqualTo(B26_INPUT);
        assertThat(out.get("Signature")).isEqualTo("sig-b26=:" + B26_SIGNATURE + ":");
    }

    @Test
    void rfc9421_b26_ed25519_verifies() throws Exception {
        PublicKey key = publicKey("Ed25519", ED25519_PUBLIC);
        SignedRequest r = rfcRequest(Map.of("Signature-Input", B26_INPUT, "Signature", "sig-b26=:" + B26_SIGNATURE + ":"));
        // The vector does not cover content-digest, so only the lenient policy accepts it.
        Verification v = verifierAt(1618884473L + 30, false).verify(r, id -> id.equals("test-key-ed25519") ? key : null);
        assertThat(v.keyId()).isEqualTo("test-key-ed25519");
        assertThat(v.scheme()).isEqualTo(Verification.Scheme.RFC9421);
        assertThat(v.algorithm()).isEqualTo("ed25519");

        assertThatThrownBy(() -> verifierAt(1618884473L, true).verify(r, id -> key))
                .hasFieldOrPropertyWithValue("reason", SignatureException.Reason.MISSING_COMPONENT);
        SignedRequest tampered = r.with(Map.of("Content-Type", "text/plain"));
        assertThatThrownBy(() -> verifierAt(1618884473L, false).verify(tampered, id -> key))
                .hasFieldOrPropertyWithValue("reason", SignatureException.Reason.BAD_SIGNATURE);
    }

    // RFC 9421 B.1.2 test-key-rsa-pss (public, SPKI with the plain rsaEncryption OID)
    static final String RSA_PSS_PUBLIC = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr4tmm3r20Wd/PbqvP1s2"
            + "+QEtvpuRaV8Yq40gjUR8y2Rjxa6dpG2GXHbPfvMs8ct+Lh1GH45x28Rw3Ry53mm+"
            + "oAXjyQ86OnDkZ5N8lYbggD4O3w6M6pAvLkhk95AndTrifbIFPNU8PPMO7OyrFAHq"
            + "gDsznjPFmTOtCEcN2Z1FpWgchwuYLPL+Wokqltd11nqqzi+bJ9cvSKADYdUAAN5W"
            + "Utzdpiy6LbTgSxP7ociU4Tn0g5I6aDZJ7A8Lzo0KSyZYoA485mqcO0GVAdVw9lq4"
            + "aOT9v6d+nb4bnNkQVklLQ3fVAvJm+xdDOp9LCNCN48V2pnDOkFV6+U9nV5oyc6XI"
            + "2wIDAQAB";

    @Test
    void rfc9421_b21_rsaPss_verifies_butPolicyRefusesEmptyCoverage() throws Exception {
        PublicKey key = publicKey("RSA", RSA_PSS_PUBLIC);
        String input = "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"";
        String sig = "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGx"
                + "btRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzs"
                + "PLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8"
                + "m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:";
        SignedRequest r = rfcRequest(Map.of("Signature-Input", input, "Signature", sig));
        Rfc9421Signatures.Parsed p = Rfc9421Signatures.parse(input, sig);
        assertThat(Rfc9421Signatures.verify(r, p, key, Algorithms.RSA_PSS_SHA512, "test-key-rsa-pss")).isTrue();
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        assertThat(Rfc9421Signatures.verify(r, p, g.generateKeyPair().getPublic(), Algorithms.RSA_PSS_SHA512, "x")).isFalse();
        // It covers nothing, so it cannot authenticate an inbox delivery.
        assertThatThrownBy(() -> verifierAt(1618884473L, false).verify(r, id -> key))
                .hasFieldOrPropertyWithValue("reason", SignatureException.Reason.MISSING_COMPONENT);
    }

    /** The draft-cavage-12 Appendix C request. */
    static SignedRequest cavageRequest(String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "example.com");
        h.put("Date", "Sun, 05 Jan 2014 21:31:40 GMT");
        h.put("Content-Type", "application/json");
        h.put("Digest", "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=");
        h.put("Content-Length", "18");
        h.put("Signature", signature);
        return new SignedRequest("POST", URI.create("https://example.com/foo?param=value&pet=dog"), h, BODY);
    }

    static final long CAVAGE_DATE = 1388957500L; // Sun, 05 Jan 2014 21:31:40 GMT

    @Test
    void cavage_c2_basic() throws Exception {
        PublicKey key = publicKey("RSA", CAVAGE_PUBLIC);
        SignedRequest r = cavageRequest("keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date\","
                + "signature=\"qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2iicw3"
                + "HMbe8VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0=\"");
        Verification v = verifierAt(CAVAGE_DATE, false).verify(r, id -> key);
        assertThat(v.keyId()).isEqualTo("Test");
        // A POST whose digest is not signed is refused by the production policy.
        assertThatThrownBy(() -> verifierAt(CAVAGE_DATE, true).verify(r, id -> key))
                .hasFieldOrPropertyWithValue("reason", SignatureException.Reason.MISSING_COMPONENT);
    }

    @Test
    void cavage_c3_allHeaders_rsaSha256_and_hs2019() throws Exception {
        PublicKey key = publicKey("RSA", CAVAGE_PUBLIC);
        String sig = "signature=\"vSdrb+dS3EceC9bcwHSo4MlyKS59iFIrhgYkz8+oVLEEzmYZZvRs8rgOp+63LEM3v+MFHB32NfpB2bEKBIvB1q52"
                + "LaEUHFv120V01IL+TAD48XaERZFukWgHoBTLMhYS2Gb51gWxpeIq8knRmPnYePbF5MOkR0Zkly4zKH7s1dE=\"";
        String headers = "headers=\"(request-target) host date content-type digest content-length\",";
        for (String alg : List.of("rsa-sha256", "hs2019")) {
            SignedRequest r = cavageRequest("keyId=\"Test\",algorithm=\"" + alg + "\"," + headers + sig);
            Verification v = verifierAt(CAVAGE_DATE + 3599, true).verify(r, id -> key);
            assertThat(v.scheme()).isEqualTo(Verification.Scheme.CAVAGE);
            assertThat(v.covered()).contains("digest");
        }
        // Same signature through Authorization: Signature, an hour and a second late: stale.
        Map<String, String> auth = new LinkedHashMap<>(cavageRequest("x").headers());
        auth.remove("Signature");
        auth.put("Authorization", "Signature keyId=\"Test\",algorithm=\"rsa-sha256\"," + headers + sig);
        SignedRequest viaAuth = new SignedRequest("POST", URI.create("https://example.com/foo?param=value&pet=dog"), auth, BODY);
        assertThat(verifierAt(CAVAGE_DATE, true).verify(viaAuth, id -> key).keyId()).isEqualTo("Test");
        assertThatThrownBy(() -> verifierAt(CAVAGE_DATE + 3601, true).verify(viaAuth, id -> key))
                .hasFieldOrPropertyWithValue("reason", SignatureException.Reason.STALE);
    }
}
