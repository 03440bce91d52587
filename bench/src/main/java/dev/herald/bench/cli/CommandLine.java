package dev.herald.bench.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed {@code --option VALUE}, {@code --option=VALUE} and {@code --flag} arguments. Unknown options and stray
 * words are a {@link UsageException}; a repeated option keeps its last value.
 */
record CommandLine(Map<String, String> options, Set<String> flags) {

    CommandLine {
        options = Map.copyOf(options);
        flags = Set.copyOf(flags);
    }

    static CommandLine parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        final Map<String, String> options = new HashMap<>();
        final Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            final int equals = arg.indexOf('=');
            final String name = arg.substring(2, equals < 0 ? arg.length() : equals);
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
        return new CommandLine(options, flags);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    long number(String name, long fallback, long min, long max) throws UsageException {
        final Optional<String> value = option(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            final long number = Long.parseLong(value.get().trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range number.
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", not '"
                                 + value.get() + "'");
    }

    double decimal(String name, double fallback, double min, double max) throws UsageException {
        final Optional<String> value = option(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            final double number = Double.parseDouble(value.get().trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range number.
        }
        throw new UsageException("--" + name + " must be a number from " + min + " to " + max + ", not '"
                                 + value.get() + "'");
    }
}
