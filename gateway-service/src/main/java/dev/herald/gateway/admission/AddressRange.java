package dev.herald.gateway.admission;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * One IP address or CIDR block, such as {@code 10.0.0.0/8}, {@code 192.0.2.7} or {@code fd00::/8}. An IPv4 range
 * never contains an IPv6 address and the other way round.
 */
public record AddressRange(InetAddress network, int prefixLength) {

    public AddressRange {
        requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0.." + bits + ")");
        }
    }

    /** Parses {@code address} or {@code address/prefix}; empty when it is neither (host names are not resolved). */
    public static Optional<AddressRange> parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        Optional<InetAddress> address = IpLiteral.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().getAddress().length * 8;
        if (slash < 0) {
            return Optional.of(new AddressRange(address.get(), bits));
        }
        String prefix = trimmed.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int length = Integer.parseInt(prefix);
        return length > bits ? Optional.empty() : Optional.of(new AddressRange(address.get(), length));
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] base = network.getAddress();
        if (candidate.length != base.length) {
            return false;
        }
        int whole = prefixLength / 8;
        if (!Arrays.equals(candidate, 0, whole, base, 0, whole)) {
            return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (candidate[whole] & mask) == (base[whole] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
