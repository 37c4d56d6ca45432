package social.herd.accounts.impl.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded base64), so the parameters
 * travel with each hash and can be raised later without breaking old ones. The defaults are
 * OWASP's recommended minimum (19 MiB, 2 passes), about 50–100 ms on a server core.
 */
public final class PasswordHasher {

    /** Memory in KiB, iterations, lanes: the parameters new hashes get. */
    public record Params(int memoryKib, int iterations, int parallelism) {}

    public static final Params DEFAULT = new Params(19456, 2, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Params params;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the user does not exist, so unknown logins cost as much as known ones. */
    private final String dummy;

    public PasswordHasher() {
        this(DEFAULT);
    }

    public PasswordHasher(Params params) {
        this.params = params;
        this.dummy = hash("not a real password, only here to spend time");
    }

    /** A new PHC string for {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, params, HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** True when {@code password} matches {@code phc}; false for any malformed hash. Constant-time compare. */
    public boolean verify(String password, String phc) {
        if (password == null || phc == null) return false;
        String[] parts = phc.split("\\$");
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) return false;
        try {
            Params p = parseParams(parts[3]);
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = derive(password, salt, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Spends the same time as a real verification; for logins with an unknown e-mail or username. */
    public void verifyDummy(String password) {
        verify(password == null ? "" : password, dummy);
    }

    private static Params parseParams(String text) {
        int m = -1, t = -1, p = -1;
        for (String kv : text.split(",")) {
            String[] pair = kv.split("=", 2);
            if (pair.length != 2) throw new IllegalArgumentException("bad parameter");
            int value = Integer.parseInt(pair[1]);
            switch (pair[0]) {
                case "m" -> m = value;
                case "t" -> t = value;
                case "p" -> p = value;
                default -> throw new IllegalArgumentException("unknown parameter");
            }
        }
        // refuse absurd stored parameters rather than let a bad row exhaust memory
        if (m < 8 || m > 1 << 21 || t < 1 || t > 64 || p < 1 || p > 16) throw new IllegalArgumentException("parameters");
        return new Params(m, t, p);
    }

    private static byte[] derive(String password, byte[] salt, Params p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }
}
