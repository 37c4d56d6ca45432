package social.herd.federation.impl.signatures;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;

/**
 * Maps the algorithm names of both specifications to JDK signatures. Everything is in the JDK
 * (SunRsaSign, SunEC's Ed25519), so the bundle needs no crypto provider.
 */
final class Algorithms {
    static final String RSA_V1_5_SHA256 = "rsa-v1_5-sha256";
    static final String RSA_PSS_SHA512 = "rsa-pss-sha512";
    static final String ED25519 = "ed25519";

    private Algorithms() {}

    /**
     * The RFC 9421 algorithm for a key when the message does not say: RSA keys are used with
     * PKCS#1 v1.5 because that is what every fediverse server signs with.
     */
    static String forKey(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> RSA_V1_5_SHA256;
            case "Ed25519", "EdDSA" -> ED25519;
            case "RSASSA-PSS" -> RSA_PSS_SHA512;
            default -> null;
        };
    }

    /**
     * Normalises a draft-cavage algorithm name. hs2019 means "derive from the key"; in practice
     * (Mastodon, Misskey, GoToSocial) an RSA key under hs2019 signs with PKCS#1 v1.5 SHA-256.
     */
    static String fromCavage(String name, Key key, String keyId) throws SignatureException {
        String n = name == null ? "hs2019" : name.toLowerCase(Locale.ROOT);
        String byKey = forKey(key);
        String wanted = switch (n) {
            case "rsa-sha256" -> RSA_V1_5_SHA256;
            case "ed25519" -> ED25519;
            case "hs2019" -> byKey;
            default -> null;
        };
        if (wanted == null || !wanted.equals(byKey)) {
            throw new SignatureException(SignatureException.Reason.UNSUPPORTED_ALGORITHM, keyId,
                    "algorithm " + n + " with a " + key.getAlgorithm() + " key");
        }
        return wanted;
    }

    static Signature instance(String alg, String keyId) throws SignatureException {
        try {
            return switch (alg) {
                case RSA_V1_5_SHA256 -> Signature.getInstance("SHA256withRSA");
                case ED25519 -> Signature.getInstance("Ed25519");
                case RSA_PSS_SHA512 -> {
                    Signature s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
                    yield s;
                }
                default -> throw new SignatureException(SignatureException.Reason.UNSUPPORTED_ALGORITHM,
                        keyId, "algorithm " + alg);
            };
        } catch (GeneralSecurityException e) {
            throw new SignatureException(SignatureException.Reason.UNSUPPORTED_ALGORITHM, keyId, e.getMessage());
        }
    }

    static byte[] sign(String alg, PrivateKey key, byte[] data) throws SignatureException {
        try {
            Signature s = instance(alg, null);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SignatureException(SignatureException.Reason.UNSUPPORTED_ALGORITHM, null, e.getMessage());
        }
    }

    static boolean verify(String alg, PublicKey key, byte[] data, byte[] sig, String keyId)
            throws SignatureException {
        try {
            Signature s = instance(alg, keyId);
            s.initVerify(key);
            s.update(data);
            return s.verify(sig);
        } catch (java.security.SignatureException e) {
            return false; // a malformed signature value is just a bad signature
        } catch (GeneralSecurityException e) {
            throw new SignatureException(SignatureException.Reason.UNSUPPORTED_ALGORITHM, keyId, e.getMessage());
        }
    }
}
