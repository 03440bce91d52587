package dev.herald.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The environment a service reads its {@code HERALD_*} settings from: {@code System.getenv()} in a {@code Main}, a
 * plain map in tests. Each method reads one variable, falls back to its default when the variable is absent, and
 * throws a {@link ConfigException} naming the variable when a present value cannot be used. Values are stripped of
 * surrounding white space.
 */
public record Env(Map<String, String> variables) {

    public Env {
        variables = Map.copyOf(requireNonNull(variables, "variables"));
    }

    public static Env of(Map<String, String> variables) {
        return new Env(variables);
    }

    /** A non-blank string. */
    public String string(String name, String fallback) {
        String value = raw(name, fallback);
        if (value.isEmpty()) {
            throw ConfigException.invalid(name, value, "a non-empty value");
        }
        return value;
    }

    /** A string that may be empty (a password); never echoed in an error. */
    public String secret(String name, String fallback) {
        return raw(name, fallback);
    }

    /** A string matching {@code pattern} in full; {@code expected} says what that is in words. */
    public String matching(String name, String fallback, Pattern pattern, String expected) {
        String value = raw(name, fallback);
        if (!pattern.matcher(value).matches()) {
            throw ConfigException.invalid(name, value, expected);
        }
        return value;
    }

    /** One of {@code allowed}, compared ignoring case and returned as listed there. */
    public String oneOf(String name, String fallback, List<String> allowed) {
        String value = raw(name, fallback);
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        throw ConfigException.invalid(name, value, "one of " + String.join(", ", allowed));
    }

    /** A whole number from {@code min} to {@code max}. */
    public int integer(String name, int fallback, int min, int max) {
        String value = variables.get(name);
        if (value == null) {
            return fallback;
        }
        final int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(name, value, "an integer from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw ConfigException.invalid(name, value.strip(), min + ".." + max);
        }
        return parsed;
    }

    /** A whole number of {@code unit}s from {@code min} to {@code max}, e.g. {@code HERALD_STORED_WAIT_MS}. */
    public Duration duration(String name, int fallback, ChronoUnit unit, int min, int max) {
        return Duration.of(integer(name, fallback, min, max), unit);
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean bool(String name, boolean fallback) {
        String value = variables.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ConfigException.invalid(name, value, "true or false");
        };
    }

    /** An absolute URI whose scheme is one of {@code schemes} and which names a host. */
    public URI uri(String name, String fallback, Set<String> schemes) {
        return parseUri(name, raw(name, fallback), schemes);
    }

    /** A comma-separated list of such URIs, e.g. several NATS servers. */
    public List<URI> uris(String name, String fallback, Set<String> schemes) {
        List<URI> uris = new ArrayList<>();
        for (String part : raw(name, fallback).split(",", -1)) {
            uris.add(parseUri(name, part.strip(), schemes));
        }
        return uris;
    }

    /**
     * A comma-separated list, each item stripped; empty when the value is empty or blank. An empty item between
     * commas is an error.
     */
    public List<String> list(String name, String fallback) {
        String value = raw(name, fallback);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                throw ConfigException.invalid(name, value, "comma-separated items, none empty");
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    /** A comma-separated list of distinct {@code host:port} addresses. */
    public List<String> hostPorts(String name, String fallback) {
        Set<String> targets = new LinkedHashSet<>();
        for (String part : string(name, fallback).split(",", -1)) {
            String target = part.strip();
            if (!isHostAndPort(target)) {
                throw ConfigException.invalid(name, target, "comma-separated host:port, e.g. 127.0.0.1:9090");
            }
            if (!targets.add(target)) {
                throw ConfigException.invalid(name, target, "each address once");
            }
        }
        return new ArrayList<>(targets);
    }

    private static URI parseUri(String name, String value, Set<String> schemes) {
        String expected = "an absolute " + String.join(" or ", new TreeSet<>(schemes)) + " URL";
        final URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ConfigException.invalid(name, value, expected);
        }
        if (uri.getScheme() == null
                || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null) {
            throw ConfigException.invalid(name, value, expected);
        }
        return uri;
    }

    private String raw(String name, String fallback) {
        return variables.getOrDefault(name, fallback).strip();
    }

    private static boolean isHostAndPort(String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            return false;
        }
        String host = target.substring(0, colon);
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            int port = Integer.parseInt(target.substring(colon + 1));
            return port > 0 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
