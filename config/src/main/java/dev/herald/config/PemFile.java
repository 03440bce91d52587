package dev.herald.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** The text of a PEM file whose path a variable names; every failure is a {@link ConfigException} naming both. */
record PemFile(String variable, Path path, String text) {

    /** Certificates and keys are a few KB; a larger file is not one. */
    private static final long MAX_BYTES = 1 << 20;

    /** The file {@code variable} names, or empty when it is not set. */
    static Optional<PemFile> read(Env env, String variable) {
        if (!env.variables().containsKey(variable)) {
            return Optional.empty();
        }
        String value = env.string(variable, "");
        Path path = Path.of(value);
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw ConfigException.invalid(variable, value, "a PEM file of at most 1 MiB");
            }
            return Optional.of(new PemFile(variable, path, Files.readString(path, StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException e) {
            throw ConfigException.invalid(variable, value, "a readable PEM file; there is no such file");
        } catch (IOException | RuntimeException e) {
            // Unreadable (permissions, a directory) or not ASCII text: either way not a PEM file we can use.
            throw ConfigException.invalid(variable, value,
                    "a readable PEM file; cannot read it: " + e.getClass().getSimpleName());
        }
    }

    ConfigException invalid(String expected) {
        return ConfigException.invalid(variable, path.toString(), expected);
    }
}
