package social.herd.search.impl.os;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to reach OpenSearch, from the {@value OpenSearchEngine#PID} configuration: {@code url}
 * (http or https), optional {@code user} with {@code password} or {@code password_file} (basic
 * auth), {@code ca_file} (PEM certificates to trust for https, e.g. a private CA),
 * {@code index_prefix} (default {@code herd}, so several servers can share a cluster) and
 * {@code timeout_ms} (per request, default 5000). The password is never logged or shown.
 */
public record OpenSearchSettings(URI url, String user, String password, Path caFile, String indexPrefix, int timeoutMs) {

    /** Reads and checks the configuration; the message of the exception names the bad key. */
    public static OpenSearchSettings from(Map<String, ?> p) {
        String raw = text(p, "url");
        if (raw == null) throw new IllegalArgumentException("search url: required for the OpenSearch engine");
        URI url;
        try {
            url = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("search url: not a valid URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("search url: must be http://host:port or https://host:port");
        }
        if (url.getUserInfo() != null) throw new IllegalArgumentException("search url: put the user and password in their own settings");
        String user = text(p, "user");
        String password = text(p, ".password") != null ? text(p, ".password") : text(p, "password");
        String passwordFile = text(p, "password_file");
        if (password == null && passwordFile != null) {
            try {
                password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("search password_file: cannot read " + passwordFile);
            }
        }
        if (user != null && password == null) throw new IllegalArgumentException("search password: required with a user");
        String ca = text(p, "ca_file");
        Path caFile = ca == null ? null : Path.of(ca);
        if (caFile != null && !Files.isReadable(caFile)) throw new IllegalArgumentException("search ca_file: cannot read " + ca);
        String prefix = text(p, "index_prefix");
        prefix = prefix == null ? "herd" : prefix;
        if (!prefix.matches("[a-z0-9][a-z0-9_-]{0,60}")) {
            throw new IllegalArgumentException("search index_prefix: lower-case letters, digits, - and _ only");
        }
        String timeout = text(p, "timeout_ms");
        int timeoutMs = timeout == null ? 5000 : Integer.parseInt(timeout);
        return new OpenSearchSettings(url, user, password, caFile, prefix, Math.max(100, Math.min(timeoutMs, 120_000)));
    }

    private static String text(Map<String, ?> p, String key) {
        Object v = p.get(key);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "OpenSearchSettings[url=" + url + ", user=" + user + ", caFile=" + caFile + ", indexPrefix=" + indexPrefix + "]";
    }
}
