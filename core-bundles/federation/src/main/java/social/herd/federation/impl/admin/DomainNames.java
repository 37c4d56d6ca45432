package social.herd.federation.impl.admin;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import social.herd.web.api.ApiException;

/** Domain names as admins type them, made canonical; and how a blocked domain is shown to the public. */
final class DomainNames {

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");

    private DomainNames() {}

    /**
     * Lower case, punycode, without scheme, path or trailing dot; a port is kept (servers on
     * non-default ports are told apart by it). 422 for anything that is not a host name.
     */
    static String normalise(String input) {
        if (input == null || input.isBlank()) throw ApiException.unprocessable("Validation failed: Domain can't be blank");
        String d = input.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
        int slash = d.indexOf('/');
        if (slash >= 0) d = d.substring(0, slash);
        if (d.startsWith("*.")) d = d.substring(2);
        String port = "";
        int colon = d.lastIndexOf(':');
        if (colon > 0) {
            port = d.substring(colon);
            d = d.substring(0, colon);
        }
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("Validation failed: Domain is not a valid domain name");
        }
        String host = d + port;
        if (host.length() > 253 || !HOST.matcher(host).matches()) {
            throw ApiException.unprocessable("Validation failed: Domain is not a valid domain name");
        }
        return host;
    }

    /** Mastodon's obfuscation: the middle of the name starred, dots kept ("e*****e.com"). */
    static String obfuscated(String domain) {
        int length = domain.length();
        int visible = length / 4;
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = domain.charAt(i);
            out.append(i > visible && i < length - visible - 1 && c != '.' ? '*' : c);
        }
        return out.toString();
    }

    /** SHA-256 of the domain, hex: lets people check a domain they know without revealing the list. */
    static String digest(String domain) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(domain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
