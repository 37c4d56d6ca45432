package social.herd.accounts.impl.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * RSA-2048 key pairs as PEM text: generation, and parsing of the private key back. Only the JDK's
 * own providers are used, so nothing here depends on which bundles are resolved.
 */
public final class RsaKeys {

    /** The size Mastodon and most ActivityPub servers use and accept. */
    public static final int BITS = 2048;

    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";
    private static final Base64.Encoder PEM_LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private RsaKeys() {}

    /**
     * A freshly generated key pair as PEM. Takes ~50–200 ms of CPU: callers run it before taking a
     * database connection.
     */
    public static PemPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            KeyPair pair = generator.generateKeyPair();
            // getEncoded() is SubjectPublicKeyInfo for the public and PKCS#8 for the private key
            return new PemPair(pem(PUBLIC, pair.getPublic().getEncoded()), pem(PRIVATE, pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** Parses a PKCS#8 {@code PRIVATE KEY} PEM as written by {@link #generate()}. */
    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(PRIVATE, pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // no cause message: it could quote parts of the key
            throw new IllegalStateException("stored private key cannot be read");
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + PEM_LINES.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String type, String pem) {
        String body = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "");
        return Base64.getMimeDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
    }

    /** A public key (SubjectPublicKeyInfo PEM) and its private key (PKCS#8 PEM). */
    public record PemPair(String publicPem, String privatePem) {
        /** Never prints the private key. */
        @Override
        public String toString() {
            return "PemPair[RSA " + BITS + "]";
        }
    }
}
