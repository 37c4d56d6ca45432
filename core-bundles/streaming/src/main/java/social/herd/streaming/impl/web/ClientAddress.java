package social.herd.streaming.impl.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client's address for per-address limits: the peer, unless the peer is a trusted proxy
 * ({@code trusted_proxies}: addresses or CIDR ranges), then the first
 * untrusted hop of {@code X-Forwarded-For} read from the right, as the web bundle does for its rate
 * limits. Only IP literals are parsed; no name is ever resolved.
 */
final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int prefix) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) return false;
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
            }
            return true;
        }
    }

    private final List<Range> trusted = new ArrayList<>();

    ClientAddress(List<String> trustedProxies) {
        for (String entry : trustedProxies) {
            int slash = entry.indexOf('/');
            InetAddress a = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (a == null) continue; // not an IP literal: ignored, as the web bundle ignores it
            int bits = a.getAddress().length * 8;
            try {
                int prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1).strip());
                if (prefix >= 0 && prefix <= bits) trusted.add(new Range(a.getAddress(), prefix));
            } catch (NumberFormatException e) {
                // ignored like an unparsable address
            }
        }
    }

    String resolve(String peer, String forwardedFor) {
        InetAddress client = literal(peer);
        if (client == null) return peer == null || peer.isBlank() ? "unknown" : peer;
        if (forwardedFor == null || !trusted(client)) return client.getHostAddress();
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0 && trusted(client); i--) {
            InetAddress hop = literal(stripPort(hops[i].strip()));
            if (hop == null) break;
            client = hop;
        }
        return client.getHostAddress();
    }

    private boolean trusted(InetAddress a) {
        for (Range r : trusted) if (r.contains(a)) return true;
        return false;
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }

    private static InetAddress literal(String text) {
        if (text == null) return null;
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) return null;
        try {
            return InetAddress.getByName(s); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
