package dev.herald.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The arguments of a command-line tool (the development identity provider, the load generator): positional words,
 * {@code --option VALUE} (or {@code --option=VALUE}) and {@code --flag}. An option not declared is a
 * {@link UsageException}; a repeated option keeps its last value. The tool decides whether positional words are
 * allowed.
 */
public record CommandLine(List<String> positionals, Map<String, String> options, Set<String> flags) {

    public CommandLine {
        positionals = List.copyOf(positionals);
        options = Map.copyOf(options);
        flags = Set.copyOf(flags);
    }

    /** Reads {@code args}, knowing {@code valueOptions} (which take a value) and {@code flagOptions} (which do not). */
    public static CommandLine parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        List<String> positionals = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positionals.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            if (flagOptions.contains(name) && equals < 0) {
                flags.add(name);
            } else if (!valueOptions.contains(name)) {
                throw new UsageException("unknown option --" + name);
            } else if (equals >= 0) {
                options.put(name, arg.substring(equals + 1));
            } else if (i + 1 < args.size()) {
                options.put(name, args.get(++i));
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
        }
        return new CommandLine(positionals, options, flags);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** The option as a whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
    public long number(String name, long fallback, long min, long max) throws UsageException {
        return inRange(name, fallback, min, max, Long::valueOf, "a whole number");
    }

    /** The option as a number from {@code min} to {@code max}, or {@code fallback} when absent. */
    public double decimal(String name, double fallback, double min, double max) throws UsageException {
        return inRange(name, fallback, min, max, Double::valueOf, "a number");
    }

    private <T extends Comparable<T>> T inRange(String name, T fallback, T min, T max, Function<String, T> parse,
            String kind) throws UsageException {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            T number = parse.apply(value.get().strip());
            if (number.compareTo(min) >= 0 && number.compareTo(max) <= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range number.
        }
        throw new UsageException("--" + name + " must be " + kind + " from " + min + " to " + max
                + ", not '" + value.get() + "'");
    }

    /** The command line is wrong; the message says how, for the user. */
    public static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
