package social.herd.admin.impl.plugins;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import social.herd.web.api.ApiException;

/**
 * What an uploaded jar says about itself, read from its manifest and metatype before anything is
 * installed: its id (Bundle-SymbolicName), version, name, kind, requirements and configuration.
 *
 * @param id           the Bundle-SymbolicName, without directives
 * @param kind         {@code filter}, {@code rules}, {@code favicon} or {@code theme}
 * @param imports      Import-Package clauses (directives and attributes kept)
 * @param exports      Export-Package clauses
 * @param capabilities Require-Capability clauses
 * @param metatype     the metatype XML documents in {@code OSGI-INF/metatype/}
 */
record PluginJar(String id, String version, String name, String kind, List<String> imports, List<String> exports,
                 List<String> capabilities, List<String> metatype, String sha256) {

    static final String THEME_HEADER = "Herd-Theme";
    private static final Pattern SPI = Pattern.compile("\\(herd\\.spi=([a-z]+)\\)");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    /** Reads {@code bytes}; 422 for anything that is not a Herd plugin jar. */
    static PluginJar read(byte[] bytes) {
        Manifest manifest;
        List<String> metatype = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes))) {
            manifest = in.getManifest();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().startsWith("OSGI-INF/metatype/") && e.getName().endsWith(".xml")) {
                    metatype.add(new String(in.readNBytes(256 * 1024), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw ApiException.unprocessable("The file is not a jar: " + e.getMessage());
        }
        if (manifest == null) throw ApiException.unprocessable("The jar has no manifest, so it is not an OSGi bundle");
        var a = manifest.getMainAttributes();
        String bsn = a.getValue("Bundle-SymbolicName");
        if (bsn == null) throw ApiException.unprocessable("The jar has no Bundle-SymbolicName, so it is not an OSGi bundle");
        String id = bsn.split(";", 2)[0].strip();
        if (!ID.matcher(id).matches()) throw ApiException.unprocessable("Bundle-SymbolicName is not a usable plugin id: " + id);
        String version = a.getValue("Bundle-Version") == null ? "0.0.0" : a.getValue("Bundle-Version").strip();
        String name = a.getValue("Bundle-Name") == null ? id : a.getValue("Bundle-Name").strip();
        List<String> capabilities = Headers.clauses(a.getValue("Require-Capability"));
        String kind = kind(capabilities, a.getValue(THEME_HEADER));
        if (kind == null) {
            throw ApiException.unprocessable("Not a Herd plugin: it requires no herd.spi capability (filter, rules or favicon)"
                    + " and has no Herd-Theme header");
        }
        return new PluginJar(id, version, name, kind, Headers.clauses(a.getValue("Import-Package")),
                Headers.clauses(a.getValue("Export-Package")), capabilities, List.copyOf(metatype), sha256(bytes));
    }

    /** The kind a plugin's herd.spi requirement (or theme header) names; null for none. */
    static String kind(List<String> capabilities, String themeHeader) {
        if (themeHeader != null && !themeHeader.isBlank()) return "theme";
        for (String c : capabilities) {
            if (!Headers.name(c).equals("herd.spi")) continue;
            Matcher m = SPI.matcher(c);
            if (m.find()) {
                return switch (m.group(1)) {
                    case "moderation" -> "filter";
                    case "rules" -> "rules";
                    case "favicon" -> "favicon";
                    case "theme" -> "theme";
                    default -> null;
                };
            }
        }
        return null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
