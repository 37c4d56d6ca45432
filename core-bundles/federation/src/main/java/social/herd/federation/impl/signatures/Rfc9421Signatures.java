package social.herd.federation.impl.signatures;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 9421 HTTP Message Signatures for requests: the derived components @method, @target-uri,
 * @authority, @scheme, @path, @query and @request-target plus plain header fields (no component
 * parameters such as ;sf or ;key, which fediverse senders do not use), with the structured-field
 * syntax of {@code Signature-Input} and {@code Signature} parsed by {@link StructuredFields}.
 */
public final class Rfc9421Signatures {
    /** What Herd covers when it signs a request with a body (and without, minus the digest). */
    public static final List<String> DEFAULT_COMPONENTS =
            List.of("@method", "@target-uri", "content-digest", "date");

    private Rfc9421Signatures() {}

    /** One signature out of Signature-Input, with its value from Signature. */
    record Parsed(String label, List<String> components, Map<String, String> params, byte[] signature) {
        String param(String name) {
            String v = params.get(name);
            return v != null && v.startsWith("\"") ? v.substring(1, v.length() - 1) : v;
        }
    }

    /**
     * Signs with the defaults: adds Content-Digest (for a body) and the two signature headers
     * under the label "sig1", with created, keyid and alg.
     */
    public static Map<String, String> sign(SignedRequest request, String keyId, PrivateKey key, Instant now)
            throws SignatureException {
        Map<String, String> added = new LinkedHashMap<>();
        List<String> components = new ArrayList<>(DEFAULT_COMPONENTS);
        if (request.hasBody()) {
            added.put("Content-Digest", Digests.contentDigestHeader(request.body()));
        } else {
            components.remove("content-digest");
        }
        if (request.header("date") == null) {
            added.put("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(now.atOffset(java.time.ZoneOffset.UTC)));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("created", now.getEpochSecond());
        params.put("keyid", keyId);
        String alg = Algorithms.forKey(key);
        params.put("alg", alg);
        added.putAll(sign(request.with(added), "sig1", components, params, key, alg));
        return added;
    }

    /** Signs the given components with the given parameters (Long or String values, in order). */
    public static Map<String, String> sign(SignedRequest request, String label, List<String> components,
            Map<String, Object> params, PrivateKey key, String alg) throws SignatureException {
        Map<String, String> raw = new LinkedHashMap<>();
        params.forEach((k, v) -> raw.put(k, v instanceof String s ? StructuredFields.quote(s) : v.toString()));
        String sigParams = signatureParams(components, raw);
        byte[] base = signatureBase(request, components, sigParams, null).getBytes(StandardCharsets.UTF_8);
        byte[] sig = Algorithms.sign(alg, key, base);
        return Map.of("Signature-Input", label + "=" + sigParams,
                "Signature", label + "=:" + Base64.getEncoder().encodeToString(sig) + ":");
    }

    /** Parses the first signature of Signature-Input and finds its value in Signature. */
    static Parsed parse(String input, String signature) throws SignatureException {
        List<StructuredFields.Member> members = StructuredFields.parseInputs(input);
        if (members.isEmpty()) throw new SignatureException(SignatureException.Reason.MALFORMED, null, "empty Signature-Input");
        // Several signatures may be present (proxies add theirs); the sender's own comes first.
        StructuredFields.Member m = members.get(0);
        String b64 = StructuredFields.byteSequence(signature, m.label());
        if (b64 == null) {
            throw new SignatureException(SignatureException.Reason.MALFORMED, null, "no Signature for " + m.label());
        }
        try {
            return new Parsed(m.label(), m.items(), m.params(), Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
            throw new SignatureException(SignatureException.Reason.MALFORMED, null, "signature is not base64");
        }
    }

    static boolean verify(SignedRequest r, Parsed p, PublicKey key, String alg, String keyId) throws SignatureException {
        String base = signatureBase(r, p.components(), signatureParams(p.components(), p.params()), keyId);
        return Algorithms.verify(alg, key, base.getBytes(StandardCharsets.UTF_8), p.signature(), keyId);
    }

    static String signatureParams(List<String> components, Map<String, String> rawParams) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < components.size(); i++) {
            if (i > 0) sb.append(' ');
            sb.append('"').append(components.get(i)).append('"');
        }
        sb.append(')');
        rawParams.forEach((k, v) -> sb.append(';').append(k).append('=').append(v));
        return sb.toString();
    }

    static String signatureBase(SignedRequest r, List<String> components, String sigParams, String keyId)
            throws SignatureException {
        StringBuilder sb = new StringBuilder();
        for (String c : components) {
            String v = component(r, c);
            if (v == null) {
                throw new SignatureException(SignatureException.Reason.MISSING_COMPONENT, keyId, c + " is signed but absent");
            }
            sb.append('"').append(c).append("\": ").append(v).append('\n');
        }
        return sb.append("\"@signature-params\": ").append(sigParams).toString();
    }

    private static String component(SignedRequest r, String c) {
        String scheme = r.uri().getScheme() == null ? "https" : r.uri().getScheme().toLowerCase(Locale.ROOT);
        return switch (c) {
            case "@method" -> r.method();
            case "@target-uri" -> r.uri().toString();
            case "@authority" -> {
                int port = r.uri().getPort();
                boolean dflt = port < 0 || (port == 443 && scheme.equals("https")) || (port == 80 && scheme.equals("http"));
                String host = r.uri().getHost().toLowerCase(Locale.ROOT);
                yield dflt ? host : host + ":" + port;
            }
            case "@scheme" -> scheme;
            case "@path" -> r.uri().getRawPath() == null || r.uri().getRawPath().isEmpty() ? "/" : r.uri().getRawPath();
            case "@query" -> "?" + (r.uri().getRawQuery() == null ? "" : r.uri().getRawQuery());
            case "@request-target" -> r.requestTarget();
            default -> c.startsWith("@") ? null : r.header(c);
        };
    }
}
