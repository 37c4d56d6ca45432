package social.herd.platform.impl.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned SQL migration, {@code V<version>__<description>.sql}.
 *
 * @param version     positive version number from the file name
 * @param description words from the file name, underscores as spaces
 * @param fileName    the file name, for error messages
 * @param sql         the script text
 */
public record MigrationScript(int version, String description, String fileName, String sql) {

    private static final Pattern NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9_\\-]+)\\.sql");

    /** Parses a file name and its content; fails with the file name when the name is malformed. */
    public static MigrationScript of(String fileName, String sql) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new MigrationException("migration file name " + fileName + " does not match V<number>__<words>.sql");
        }
        int version = Integer.parseInt(m.group(1));
        if (version < 1) throw new MigrationException("migration " + fileName + ": version must be at least 1");
        return new MigrationScript(version, m.group(2).replace('_', ' '), fileName, sql);
    }

    /** True when {@code fileName} looks like a migration script at all. */
    public static boolean isMigrationName(String fileName) {
        return fileName.startsWith("V") && fileName.endsWith(".sql");
    }

    /**
     * SHA-256 of the script with line endings normalised, so that a checkout with CRLF line
     * endings does not count as a changed migration.
     */
    public String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
