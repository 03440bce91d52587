package dev.herald.gateway.admission;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxies ({@code HERALD_TRUSTED_PROXIES}) whose {@code X-Forwarded-For} header names the client, and how the
 * client's address is read from it.
 *
 * <p>A connection from any other peer is that peer's: its {@code X-Forwarded-For} is ignored, since anyone can send
 * one. From a trusted proxy, the header is read from its right end, where each proxy appends the address it got the
 * request from: the client is the rightmost address that is not itself a trusted proxy (the first hop outside the
 * proxies). The entries left of it were written by the client or by proxies not trusted here and may be forged, so
 * they are never used: a client cannot pick the address it is counted under by sending a header of its own. An
 * entry that is not an IP address (a host name, {@code unknown}, an obfuscated id) stops the walk: the last trusted
 * proxy's own address is used. Several headers count as one list, in order.
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<AddressRange> ranges;

    public TrustedProxies(List<AddressRange> ranges) {
        this.ranges = List.copyOf(requireNonNull(ranges, "ranges"));
    }

    /** No proxy is trusted: every connection is counted under its TCP peer. */
    public static TrustedProxies none() {
        return NONE;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean trusts(InetAddress peer) {
        for (AddressRange range : ranges) {
            if (range.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The address a connection from {@code peer} counts under, given its {@code X-Forwarded-For} header values in
     * the order received (none when it sent none).
     */
    public InetAddress clientAddress(InetAddress peer, List<String> forwardedFor) {
        requireNonNull(peer, "peer");
        if (!trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",", -1)) {
                hops.add(hop);
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
            Optional<InetAddress> hop = IpLiteral.parse(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
        }
        return client;
    }

    /** {@code 192.0.2.7:4711} and {@code [2001:db8::1]:4711} as some proxies write them; plain IPv6 as it is. */
    private static String withoutPort(String hop) {
        String text = hop.strip();
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            return end < 0 ? text : text.substring(0, end + 1);
        }
        int colon = text.indexOf(':');
        return colon > 0 && colon == text.lastIndexOf(':') ? text.substring(0, colon) : text;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
