package social.herd.federation.impl.signatures;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The two body digests: draft-cavage's {@code Digest: SHA-256=<b64>} (RFC 3230) and RFC 9530's
 * {@code Content-Digest: sha-256=:<b64>:}. A digest header naming only algorithms we do not know
 * is refused, since it proves nothing about the body.
 */
final class Digests {
    private Digests() {}

    static byte[] hash(String jdkName, byte[] body) {
        try {
            return MessageDigest.getInstance(jdkName).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String digestHeader(byte[] body) {
        return "SHA-256=" + Base64.getEncoder().encodeToString(hash("SHA-256", body));
    }

    static String contentDigestHeader(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(hash("SHA-256", body)) + ":";
    }

    /** Checks a Digest header (comma-separated alg=value); at least one known entry, all match. */
    static void checkDigest(String header, byte[] body, String keyId) throws SignatureException {
        int known = 0;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String alg = part.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            String jdk = switch (alg) {
                case "SHA-256" -> "SHA-256";
                case "SHA-512" -> "SHA-512";
                default -> null;
            };
            if (jdk == null) continue;
            known++;
            compare(part.substring(eq + 1).strip(), hash(jdk, body), keyId);
        }
        if (known == 0) {
            throw new SignatureException(SignatureException.Reason.BAD_DIGEST, keyId, "no SHA-256/512 digest");
        }
    }

    /** Checks a Content-Digest dictionary (alg=:b64:); at least one known entry, all match. */
    static void checkContentDigest(String header, byte[] body, String keyId) throws SignatureException {
        int known = 0;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String alg = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String jdk = switch (alg) {
                case "sha-256" -> "SHA-256";
                case "sha-512" -> "SHA-512";
                default -> null;
            };
            if (jdk == null) continue;
            String v = part.substring(eq + 1).strip();
            if (v.length() < 2 || v.charAt(0) != ':' || v.charAt(v.length() - 1) != ':') {
                throw new SignatureException(SignatureException.Reason.MALFORMED, keyId, "Content-Digest value");
            }
            known++;
            compare(v.substring(1, v.length() - 1), hash(jdk, body), keyId);
        }
        if (known == 0) {
            throw new SignatureException(SignatureException.Reason.BAD_DIGEST, keyId, "no sha-256/512 digest");
        }
    }

    private static void compare(String b64, byte[] actual, String keyId) throws SignatureException {
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new SignatureException(SignatureException.Reason.MALFORMED, keyId, "digest is not base64");
        }
        if (!MessageDigest.isEqual(claimed, actual)) {
            throw new SignatureException(SignatureException.Reason.BAD_DIGEST, keyId, "body does not match digest");
        }
    }
}
