package social.herd.accounts.impl.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets sent by mail (confirmation and reset links) and generated passwords. Secrets are
 * stored only as SHA-256: they are long and random, so a fast hash is enough, and a database leak
 * does not yield working links.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private SecretTokens() {}

    /** 256 random bits, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A random password of 24 characters from an unambiguous alphabet (about 138 bits). */
    public static String newPassword() {
        StringBuilder out = new StringBuilder(24);
        for (int i = 0; i < 24; i++) out.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        return out.toString();
    }

    /**
     * An invite code: 12 characters of the unambiguous alphabet (about 70 bits). Codes are shown in
     * links and typed by hand, and stored as they are (an invite is not a credential to an account).
     */
    public static String newInviteCode() {
        StringBuilder out = new StringBuilder(12);
        for (int i = 0; i < 12; i++) out.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        return out.toString();
    }

    /** SHA-256 hex of {@code secret}. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
