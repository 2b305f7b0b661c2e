package org.catalogimport.platform.web;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rule that decides a request's client address ({@code CATALOG_TRUSTED_PROXIES}): the peer's
 * address, unless the peer is a trusted proxy; then {@code X-Forwarded-For} is read from the right,
 * skipping every trusted proxy, and the first address that is not one is the client. Why the
 * right-most untrusted entry: everything left of it was written by the client itself and can be
 * anything; only what our own proxies appended is known to be true. With no trusted proxies (the
 * default) the header is ignored, so nobody can choose the address a throttle or the audit sees.
 */
public final class TrustedProxies {

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * Parses addresses and CIDR ranges separated by commas or spaces ("127.0.0.1, 10.0.0.0/8, ::1").
     *
     * @throws IllegalArgumentException naming the entry that is not an IP address or range (a host
     *                                  name is refused: resolving it per request would be slow and spoofable)
     */
    public static TrustedProxies parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return none();
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : setting.trim().split("[,\\s]+")) {
            ranges.add(Range.parse(entry));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean trusts(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    /**
     * The client address of a request from {@code peer} carrying these {@code X-Forwarded-For}
     * header values (in the order they came; each may hold a comma-separated list).
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (ranges.isEmpty() || forwardedFor.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(hops::add);
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop) == null) {
                // why stop: a hop that is not an address (garbage, "unknown") cannot be trusted or
                // named; the last proxy that can be is the best we know.
                return i == hops.size() - 1 ? peer : hops.get(i + 1);
            }
            if (!trusts(hop)) {
                return normalised(hop);
            }
        }
        // Every hop is a trusted proxy: the left-most one is as far as the chain goes.
        return hops.isEmpty() ? peer : normalised(hops.get(0));
    }

    private static String normalised(String address) {
        try {
            return InetAddress.getByAddress(literal(address)).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && Arrays.stream(value.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean ipv6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            // why safe: a literal of these shapes is parsed, never looked up.
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** One address or CIDR range. */
    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            String[] parts = entry.split("/", 2);
            byte[] address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("CATALOG_TRUSTED_PROXIES: '" + entry
                        + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8)");
            }
            int bits = address.length * 8;
            int prefix = bits;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("CATALOG_TRUSTED_PROXIES: '" + entry
                            + "' has a prefix length outside 0.." + bits);
                }
            }
            return new Range(address, prefix);
        }

        boolean contains(byte[] address) {
            byte[] candidate = address;
            if (candidate.length != network.length) {
                // why: an IPv4 peer may be reported as IPv4-mapped IPv6 (::ffff:a.b.c.d) and back.
                candidate = mapped(candidate, network.length);
                if (candidate == null) {
                    return false;
                }
            }
            int bits = network.length * 8;
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(bits - prefix);
            return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, network).and(mask));
        }

        private static byte[] mapped(byte[] address, int length) {
            if (address.length == 16 && length == 4) {
                for (int i = 0; i < 10; i++) {
                    if (address[i] != 0) {
                        return null;
                    }
                }
                return address[10] == (byte) 0xff && address[11] == (byte) 0xff ? Arrays.copyOfRange(address, 12, 16) : null;
            }
            return null;
        }
    }
}
