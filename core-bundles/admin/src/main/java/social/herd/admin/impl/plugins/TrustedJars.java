package social.herd.admin.impl.plugins;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import social.herd.web.api.ApiException;

/**
 * The optional trust store for plugin jars: when configured, every entry of an uploaded jar must be
 * signed by a certificate in it (or by one whose chain contains such a certificate). Unsigned and
 * tampered jars are refused.
 */
final class TrustedJars {

    private final KeyStore store;

    private TrustedJars(KeyStore store) {
        this.store = store;
    }

    /** No trust store: every jar passes this check. */
    static TrustedJars none() {
        return new TrustedJars(null);
    }

    /**
     * Loads a PKCS12 (or JKS) trust store; the password comes from {@code password} or the first
     * line of {@code passwordFile}. Fails with a message naming the file, never the password.
     */
    static TrustedJars load(String path, String password, String passwordFile) {
        if (path == null || path.isBlank()) return none();
        try {
            char[] secret = passwordFile != null && !passwordFile.isBlank()
                    ? Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).lines().findFirst().orElse("").toCharArray()
                    : password == null ? new char[0] : password.toCharArray();
            KeyStore ks = KeyStore.getInstance(path.endsWith(".jks") ? "JKS" : "PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                ks.load(in, secret);
            }
            return new TrustedJars(ks);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("plugin trust store " + path + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    boolean enabled() {
        return store != null;
    }

    /** 422 unless every entry of {@code jar} is signed by a trusted certificate. */
    void check(byte[] jar) {
        if (store == null) return;
        int signed = 0;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), true)) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                in.transferTo(java.io.OutputStream.nullOutputStream()); // signers are known once the entry is read
                if (e.isDirectory() || signatureFile(e.getName())) continue;
                if (!trusted(e.getCodeSigners())) throw untrusted();
                signed++;
            }
        } catch (SecurityException | IOException e) {
            // a digest that does not match: the jar was changed after signing
            throw ApiException.unprocessable("The plugin jar's signature does not match its content");
        }
        if (signed == 0) throw untrusted();
    }

    private boolean trusted(CodeSigner[] signers) {
        if (signers == null) return false;
        try {
            for (CodeSigner s : signers) {
                for (Certificate c : s.getSignerCertPath().getCertificates()) {
                    if (store.getCertificateAlias(c) != null) return true;
                }
            }
        } catch (GeneralSecurityException e) {
            return false;
        }
        return false;
    }

    private static boolean signatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("META-INF/") && (upper.equals("META-INF/MANIFEST.MF") || upper.endsWith(".SF")
                || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC"));
    }

    private static ApiException untrusted() {
        return ApiException.unprocessable("The plugin jar is not signed by a trusted certificate");
    }
}
