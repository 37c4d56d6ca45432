package social.herd.media.impl.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests in the {@code Authorization} header, as AWS documents
 * it ("Signature Calculations for the Authorization Header"): a canonical request of method, path,
 * query, the signed headers and the payload hash; hashed into a string to sign with date and
 * scope; signed with a key derived from the secret by four HMACs. Checked against AWS's published
 * examples (SigV4Test). The secret is held only as the derived-key input and never printed.
 */
final class SigV4 {

    /** The payload hash of an empty body. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final byte[] secret;
    private final String region;

    SigV4(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
    }

    /**
     * The {@code Authorization} header value. {@code headers} must hold every header that is sent
     * and signed, including {@code host}, {@code x-amz-date} and {@code x-amz-content-sha256}.
     *
     * @param path  the URI path, already encoded as sent ({@link #encodePath})
     * @param query the canonical query string, or empty
     */
    String authorization(String method, String path, String query, Map<String, String> headers, String payloadHash,
                         Instant now) {
        Map<String, String> sorted = new TreeMap<>();
        headers.forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), v.trim().replaceAll(" +", " ")));
        StringBuilder canonicalHeaders = new StringBuilder();
        sorted.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", sorted.keySet());
        String canonicalRequest = method + "\n" + path + "\n" + query + "\n" + canonicalHeaders + "\n"
                + signedHeaders + "\n" + payloadHash;
        String date = amzDate(now).substring(0, 8);
        String scope = date + "/" + region + "/s3/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate(now) + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
        byte[] key = hmac(hmac(hmac(hmac(secret, date), region), "s3"), "aws4_request");
        String signature = HEX.formatHex(hmac(key, stringToSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ",SignedHeaders=" + signedHeaders
                + ",Signature=" + signature;
    }

    /** {@code x-amz-date}: ISO 8601 basic format in UTC. */
    static String amzDate(Instant now) {
        return AMZ_DATE.format(now);
    }

    /**
     * A path URI-encoded as S3 canonicalises it: every byte except unreserved characters and
     * the slash as %XX (upper case), once.
     */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String sha256Hex(String text) {
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "SigV4[access_key=" + accessKey + ", region=" + region + "]";
    }
}
