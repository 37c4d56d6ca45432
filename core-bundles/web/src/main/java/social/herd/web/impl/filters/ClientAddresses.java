package social.herd.web.impl.filters;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works out the client's address: the connection's peer, unless the peer is a trusted proxy
 * ({@code trusted_proxies}: addresses or CIDR ranges), in which case {@code X-Forwarded-For} is
 * read from the right, skipping trusted hops, and the first untrusted address is the client.
 * Only IP literals are parsed; nothing here ever resolves a host name.
 */
final class ClientAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAddresses.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Range> trusted;

    ClientAddresses(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            Range range = Range.parse(entry);
            if (range == null) {
                LOG.warn("Config social.herd.web key trusted_proxies: '{}' is not an IP address or CIDR range; ignored",
                        entry);
            } else {
                ranges.add(range);
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    /**
     * @param peer          the connection's remote address (may be {@code null})
     * @param forwardedFor  the {@code X-Forwarded-For} header (may be {@code null})
     * @return the client's address in canonical form, or {@code "unknown"}
     */
    String resolve(String peer, String forwardedFor) {
        InetAddress peerAddress = literal(peer);
        if (peerAddress == null) {
            return peer == null || peer.isBlank() ? "unknown" : peer;
        }
        if (!isTrusted(peerAddress) || forwardedFor == null || forwardedFor.isBlank()) {
            return peerAddress.getHostAddress();
        }
        InetAddress client = peerAddress;
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = literal(stripPort(hops[i].trim()));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    boolean isTrusted(InetAddress address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && hop.indexOf(':', colon + 1) < 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }

    /** Parses an IP literal without name resolution; {@code null} when it is not one. */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** An address range: network bytes and prefix length. */
    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            String s = entry.trim();
            int slash = s.indexOf('/');
            InetAddress address = literal(slash < 0 ? s : s.substring(0, slash));
            if (address == null) {
                return null;
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (prefix < 0 || prefix > bits) {
                    return null;
                }
            }
            return new Range(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
