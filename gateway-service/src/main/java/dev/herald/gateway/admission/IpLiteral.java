package dev.herald.gateway.admission;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an IP address literal without ever asking DNS: {@link InetAddress#getByName} resolves anything that is not
 * a literal, so text from a header or a variable is checked to be one first.
 */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {
    }

    /**
     * The address {@code text} names: dotted IPv4, or IPv6 (also in brackets); empty for anything else, host names
     * and zone ids included.
     */
    static Optional<InetAddress> parse(String text) {
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        Matcher v4 = IPV4.matcher(literal);
        if (v4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(v4.group(group)) > 255) {
                    return Optional.empty(); // getByName would take it for a host name
                }
            }
        } else if (literal.indexOf(':') < 0 || !IPV6.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return Optional.empty(); // malformed (an octet over 255, two "::")
        }
    }
}
