package social.herd.federation.impl.signatures;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * draft-cavage-http-signatures-12 (the {@code Signature} header Mastodon speaks): parsing the
 * header, building the signing string and signing. Policy (what must be covered, time) is applied
 * by {@link HttpSignatureVerifier}.
 */
public final class CavageSignatures {
    /** What Herd signs: enough for Mastodon, which requires target, host, date and the digest. */
    public static final List<String> DEFAULT_HEADERS = List.of("(request-target)", "host", "date", "digest");

    private CavageSignatures() {}

    /** A parsed Signature header. */
    record Parsed(String keyId, String algorithm, List<String> headers, byte[] signature,
            String created, String expires) {}

    /**
     * Signs a request: adds Host, Date and Digest (when missing) and the Signature header, using
     * rsa-sha256 for RSA keys (the name every implementation accepts) and hs2019 otherwise.
     */
    public static Map<String, String> sign(SignedRequest request, String keyId, PrivateKey key, Instant now)
            throws SignatureException {
        Map<String, String> added = new LinkedHashMap<>();
        if (request.header("host") == null) added.put("Host", authority(request));
        if (request.header("date") == null) {
            added.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
        }
        // A GET signs no digest, as Mastodon does: there is no body to protect.
        List<String> covered = request.hasBody() ? DEFAULT_HEADERS : DEFAULT_HEADERS.subList(0, 3);
        if (request.hasBody() && request.header("digest") == null) {
            added.put("Digest", Digests.digestHeader(request.body()));
        }
        SignedRequest full = request.with(added);
        String alg = Algorithms.forKey(key);
        String base = signingString(full, covered, null, null, keyId);
        byte[] sig = Algorithms.sign(alg, key, base.getBytes(StandardCharsets.UTF_8));
        String name = Algorithms.RSA_V1_5_SHA256.equals(alg) ? "rsa-sha256" : "hs2019";
        added.put("Signature", "keyId=\"" + keyId + "\",algorithm=\"" + name + "\",headers=\""
                + String.join(" ", covered) + "\",signature=\""
                + Base64.getEncoder().encodeToString(sig) + "\"");
        return added;
    }

    static String authority(SignedRequest r) {
        int port = r.uri().getPort();
        return port < 0 ? r.uri().getHost() : r.uri().getHost() + ":" + port;
    }

    /** The Signature header value, or the parameters of {@code Authorization: Signature ...}. */
    static String headerValue(SignedRequest r) {
        String sig = r.header("signature");
        if (sig != null) return sig;
        String auth = r.header("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Signature ", 0, 10)) return auth.substring(10);
        return null;
    }

    static Parsed parse(String value) throws SignatureException {
        Map<String, String> p = new LinkedHashMap<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ',' || Character.isWhitespace(value.charAt(i)))) i++;
            if (i >= n) break;
            int eq = value.indexOf('=', i);
            if (eq < 0) throw new SignatureException(SignatureException.Reason.MALFORMED, null, "parameter");
            String name = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            String v;
            if (eq + 1 < n && value.charAt(eq + 1) == '"') {
                int end = value.indexOf('"', eq + 2);
                if (end < 0) throw new SignatureException(SignatureException.Reason.MALFORMED, null, "quote");
                v = value.substring(eq + 2, end);
                i = end + 1;
            } else {
                int end = value.indexOf(',', eq);
                end = end < 0 ? n : end;
                v = value.substring(eq + 1, end).strip();
                i = end;
            }
            p.putIfAbsent(name, v);
        }
        String keyId = p.get("keyid");
        String sig = p.get("signature");
        if (keyId == null || sig == null) {
            throw new SignatureException(SignatureException.Reason.MALFORMED, keyId, "keyId and signature are required");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            throw new SignatureException(SignatureException.Reason.MALFORMED, keyId, "signature is not base64");
        }
        // The draft's default is (created); Mastodon and most servers default to date.
        String h = p.getOrDefault("headers", "date").strip().toLowerCase(Locale.ROOT);
        List<String> headers = new ArrayList<>(Arrays.asList(h.split("\\s+")));
        return new Parsed(keyId, p.get("algorithm"), List.copyOf(headers), bytes, p.get("created"), p.get("expires"));
    }

    static String signingString(SignedRequest r, List<String> headers, String created, String expires, String keyId)
            throws SignatureException {
        StringBuilder sb = new StringBuilder();
        for (String h : headers) {
            if (!sb.isEmpty()) sb.append('\n');
            String v = switch (h) {
                case "(request-target)" -> r.method().toLowerCase(Locale.ROOT) + " " + r.requestTarget();
                case "(created)" -> created;
                case "(expires)" -> expires;
                default -> r.header(h);
            };
            if (v == null) {
                throw new SignatureException(SignatureException.Reason.MISSING_COMPONENT, keyId, h + " is signed but absent");
            }
            sb.append(h).append(": ").append(v);
        }
        return sb.toString();
    }

    static boolean verify(SignedRequest r, Parsed p, PublicKey key, String alg) throws SignatureException {
        String base = signingString(r, p.headers(), p.created(), p.expires(), p.keyId());
        return Algorithms.verify(alg, key, base.getBytes(StandardCharsets.UTF_8), p.signature(), p.keyId());
    }
}
