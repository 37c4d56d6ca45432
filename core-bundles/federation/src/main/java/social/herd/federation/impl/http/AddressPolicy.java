package social.herd.federation.impl.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether a URL may be fetched: only http(s), and only hosts whose every address is
 * public. Remote servers choose the URLs we fetch (actor ids, inboxes, redirects), so without
 * this they could make us probe the internal network or a cloud metadata endpoint (SSRF).
 */
public final class AddressPolicy {
    private final FetchSettings settings;

    public AddressPolicy(FetchSettings settings) {
        this.settings = settings;
    }

    /** Throws unless the URL may be fetched. */
    public void check(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new FetchException(FetchException.Reason.BAD_URL, "scheme " + scheme);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getRawUserInfo() != null) {
            throw new FetchException(FetchException.Reason.BAD_URL, "no host, or credentials in the URL");
        }
        if (settings.allowPrivate() || settings.allowedHosts().contains(host.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Reason.UNRESOLVABLE, host, e);
        }
        // All, not any: the HTTP client may pick any of them when it connects.
        for (InetAddress a : all) {
            if (isInternal(a)) {
                throw new FetchException(FetchException.Reason.FORBIDDEN_ADDRESS, host + " resolves to an internal address");
            }
        }
    }

    /** True for addresses a federation request must never reach. */
    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) return internal4(b);
        if (a instanceof Inet6Address) {
            int b0 = b[0] & 0xff;
            if ((b0 & 0xfe) == 0xfc) return true; // fc00::/7 unique local (incl. fd00:ec2::254)
            if (isPrefix(b, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b}, 12)    // 64:ff9b::/96 NAT64
                    || isZero(b, 12) // ::a.b.c.d IPv4-compatible
                    || (b0 == 0x20 && b[1] == 0x02)) { // 2002::/16 6to4 embeds an IPv4 address
                int off = (b0 == 0x20 && b[1] == 0x02) ? 2 : 12;
                return internal4(new byte[] {b[off], b[off + 1], b[off + 2], b[off + 3]});
            }
            return b0 == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8; // 2001:db8::/32 docs
        }
        return true;
    }

    private static boolean internal4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224             // this net, private, loopback, multicast+reserved
                || (a0 == 100 && a1 >= 64 && a1 <= 127)                   // 100.64/10 CGNAT
                || (a0 == 169 && a1 == 254)                               // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0)           // 192.0.0/24 IETF
                || (a0 == 198 && (a1 == 18 || a1 == 19));                 // 198.18/15 benchmarking
    }

    private static boolean isPrefix(byte[] b, byte[] prefix, int len) {
        for (int i = 0; i < len; i++) {
            byte p = i < prefix.length ? prefix[i] : 0;
            if (b[i] != p) return false;
        }
        return true;
    }

    private static boolean isZero(byte[] b, int len) {
        return isPrefix(b, new byte[0], len);
    }
}
