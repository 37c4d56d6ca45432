package social.herd.media.impl.storage;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Media storage settings from PID {@value #PID}:
 *
 * <ul>
 * <li>{@code type}: {@code local} (default: {@code <data_dir>/media}, served at {@code /system/}) or {@code s3}</li>
 * </ul>
 * With {@code type=s3}:
 * <ul>
 * <li>{@code endpoint} (required): e.g. {@code https://s3.eu-central-1.amazonaws.com}, {@code http://minio:9000}</li>
 * <li>{@code region}: default {@code us-east-1}</li>
 * <li>{@code bucket} (required)</li>
 * <li>{@code access_key} (required); the secret as {@code .secret_key} (the leading dot keeps it out
 * of ConfigAdmin's public properties) or {@code secret_key_file}, a file holding it (a mounted secret)</li>
 * <li>{@code path_style}: {@code true} (default) for {@code <endpoint>/<bucket>/<key>}, which every
 * S3-compatible store understands; {@code false} for {@code <bucket>.<endpoint host>/<key>}</li>
 * <li>{@code public_url}: where the files are served (a CDN or the bucket's public address);
 * default the bucket's address at the endpoint</li>
 * <li>{@code acl}: a canned ACL sent with every upload (e.g. {@code public-read}); default none,
 * leaving access to the bucket policy</li>
 * <li>{@code timeout_ms}: connect and request timeout, default 60000</li>
 * </ul>
 */
record S3Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey, boolean pathStyle,
                  String publicUrl, String acl, Duration timeout) {

    /** ConfigAdmin PID of the storage settings. */
    static final String PID = "social.herd.media.storage";

    /** True when the configuration asks for S3 rather than the local disk. */
    static boolean wanted(Map<String, ?> properties) {
        String type = string(properties == null ? Map.of() : properties, "type");
        if (type == null || type.equalsIgnoreCase("local")) return false;
        if (type.equalsIgnoreCase("s3")) return true;
        throw new IllegalArgumentException("config " + PID + " key type must be local or s3, not '" + type + "'");
    }

    /**
     * Reads and checks the S3 settings.
     *
     * @throws IllegalArgumentException naming the key that is missing or wrong (never a secret's value)
     */
    static S3Settings from(Map<String, ?> p) {
        URI endpoint;
        try {
            endpoint = new URI(required(p, "endpoint").replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("config " + PID + " key endpoint is not a URL");
        }
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("config " + PID + " key endpoint must be an http(s) URL with a host");
        }
        String bucket = required(p, "bucket");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("config " + PID + " key bucket is not a valid bucket name");
        }
        String secret = secret(p);
        String pathStyleText = string(p, "path_style");
        boolean pathStyle = pathStyleText == null || Boolean.parseBoolean(pathStyleText);
        String publicUrl = string(p, "public_url");
        if (publicUrl == null) publicUrl = bucketUrl(endpoint, bucket, pathStyle);
        long timeout = 60_000;
        if (string(p, "timeout_ms") != null) {
            try {
                timeout = Long.parseLong(string(p, "timeout_ms"));
            } catch (NumberFormatException e) {
                timeout = -1;
            }
            if (timeout < 100) throw new IllegalArgumentException("config " + PID + " key timeout_ms must be a number >= 100");
        }
        return new S3Settings(endpoint, string(p, "region") == null ? "us-east-1" : string(p, "region"), bucket,
                required(p, "access_key"), secret, pathStyle, publicUrl.replaceAll("/+$", ""), string(p, "acl"),
                Duration.ofMillis(timeout));
    }

    /** The bucket's own address at the endpoint, path style or virtual-host style. */
    static String bucketUrl(URI endpoint, String bucket, boolean pathStyle) {
        if (pathStyle) return endpoint + "/" + bucket;
        return endpoint.getScheme() + "://" + bucket + "." + endpoint.getRawAuthority() + endpoint.getRawPath();
    }

    private static String secret(Map<String, ?> p) {
        String inline = string(p, ".secret_key"), file = string(p, "secret_key_file");
        if (inline != null && file != null) {
            throw new IllegalArgumentException("config " + PID + " keys .secret_key and secret_key_file are both set: keep one");
        }
        if (inline != null) return inline;
        if (file == null) throw new IllegalArgumentException("config " + PID + " needs .secret_key or secret_key_file");
        try {
            String s = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) throw new IllegalArgumentException("config " + PID + " key secret_key_file names an empty file");
            return s;
        } catch (IOException e) {
            throw new IllegalArgumentException("config " + PID + " key secret_key_file cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String required(Map<String, ?> p, String key) {
        String v = string(p, key);
        if (v == null) throw new IllegalArgumentException("config " + PID + " key " + key + " is required with type=s3");
        return v;
    }

    private static String string(Map<String, ?> p, String key) {
        Object v = p.get(key);
        if (v == null) return null;
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "s3 endpoint=" + endpoint + " region=" + region + " bucket=" + bucket + " path_style=" + pathStyle
                + " access_key=" + accessKey + " public_url=" + publicUrl + (acl == null ? "" : " acl=" + acl);
    }
}
