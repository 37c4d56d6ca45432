package social.herd.federation.impl.inbox;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Public keys from the PEM that actor documents publish (X.509 SubjectPublicKeyInfo; RSA or Ed25519). */
public final class PemKeys {

    private PemKeys() {}

    public static PublicKey parse(String pem) throws java.security.GeneralSecurityException {
        if (pem.contains("BEGIN RSA PUBLIC KEY")) {
            throw new java.security.spec.InvalidKeySpecException("PKCS#1 RSA keys are not supported");
        }
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (java.security.spec.InvalidKeySpecException rsaFailed) {
            return KeyFactory.getInstance("Ed25519").generatePublic(spec);
        }
    }
}
