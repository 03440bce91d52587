package dev.herald.devidp;

import dev.herald.config.CommandLine;
import dev.herald.config.CommandLine.UsageException;
import dev.herald.config.Env;
import dev.herald.config.LoopbackHost;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The development identity provider's command line (Main-Class of {@code herald-dev-idp-*-all.jar}).
 * <pre>
 *   serve [--dir DIR] [--host 127.0.0.1] [--port 8090] [--token-origins ORIGINS]
 *       serves the JWKS until killed; prints "JWKS at &lt;url&gt;"; with --token-origins (loopback only) also
 *       POST /token, tokens for any user, to browsers of those origins (comma-separated)
 *   token USER [--admin] [--name NAME] [--ttl SECONDS] [--dir DIR] [--issuer I] [--audience A]
 *       prints one JWT on stdout and nothing else
 * </pre>
 * {@code --dir} defaults to {@code HERALD_DEV_IDP_DIR} or {@code .data/idp}; issuer and audience to
 * {@code HERALD_JWT_ISSUER} and {@code HERALD_JWT_AUDIENCE}, the variables the services verify tokens with, and
 * without them to the services' defaults ({@value #DEFAULT_ISSUER}, {@value #DEFAULT_AUDIENCE}); {@code --name}
 * to USER; {@code --ttl} to 3600. Bad arguments or variables print the usage on stderr and exit with status 2.
 */
public final class DevIdentityMain {

    static final String USAGE = """
            usage: herald-dev-idp serve [--dir DIR] [--host HOST] [--port PORT] [--token-origins ORIGINS]
                   herald-dev-idp token USER [--admin] [--name NAME] [--ttl SECONDS] [--dir DIR] [--issuer I] [--audience A]
              serve  serves the JWKS at http://HOST:PORT/.well-known/jwks.json until killed (default 127.0.0.1:8090);
                     --token-origins http://127.0.0.1:8080[,...] also serves POST /token (a token for any user,
                     for the browser app; HOST must be loopback), callable by browsers of those origins only
              token  prints a signed JWT for USER (default name USER, ttl 3600 seconds)
              --dir defaults to $HERALD_DEV_IDP_DIR or .data/idp; the key pair is created there on first use
            """;
    /**
     * What the services accept without {@code HERALD_JWT_ISSUER} and {@code HERALD_JWT_AUDIENCE}: herald-auth's
     * {@code AuthConfig} defaults, which a test there holds these to. Declared here too so that this tool does not
     * depend on the production verifier.
     */
    public static final String DEFAULT_ISSUER = "herald-dev";
    public static final String DEFAULT_AUDIENCE = "herald";
    static final int USAGE_ERROR = 2;
    static final int FAILURE = 1;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    DevIdentityMain(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Before any logger exists: logs go to stderr, so that stdout carries only the token or the URL.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/herald/devidp/logback-cli.xml");
        }
        final int status = new DevIdentityMain(System.getenv(), System.out, System.err).run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one command and returns the exit status; {@code serve} returns only when interrupted. */
    int run(String... args) {
        try {
            if (args.length == 0) {
                throw new UsageException("missing command");
            }
            final List<String> rest = Arrays.asList(args).subList(1, args.length);
            return switch (args[0]) {
                case "serve" -> serve(CommandLine.parse(rest, Set.of("dir", "host", "port", "token-origins"), Set.of()));
                case "token" -> token(CommandLine.parse(
                        rest, Set.of("dir", "name", "ttl", "issuer", "audience"), Set.of("admin")));
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return USAGE_ERROR;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            return FAILURE;
        }
    }

    private int token(CommandLine line) throws UsageException {
        if (line.positionals().size() != 1 || line.positionals().get(0).isBlank()) {
            throw new UsageException("token needs exactly one USER");
        }
        final String user = line.positionals().get(0);
        final long ttlSeconds = line.number("ttl", 3600, 1, Duration.ofDays(366).toSeconds());
        final Env variables = Env.of(env);
        final String defaultIssuer = variables.string("HERALD_JWT_ISSUER", DEFAULT_ISSUER);
        final String defaultAudience = variables.string("HERALD_JWT_AUDIENCE", DEFAULT_AUDIENCE);
        final DevTokenIssuer issuer = new DevTokenIssuer(
                DevKeys.loadOrCreate(dir(line)),
                line.option("issuer").orElse(defaultIssuer),
                line.option("audience").orElse(defaultAudience),
                Clock.systemUTC());
        out.println(issuer.issue(user, line.option("name").orElse(user), line.flag("admin"),
                                 Duration.ofSeconds(ttlSeconds)));
        out.flush();
        return 0;
    }

    private int serve(CommandLine line) throws UsageException {
        if (!line.positionals().isEmpty()) {
            throw new UsageException("serve takes no arguments, got " + line.positionals());
        }
        final int port = (int) line.number("port", 8090, 0, 65535);
        final DevKeys keys = DevKeys.loadOrCreate(dir(line));
        final String host = line.option("host").orElse("127.0.0.1");
        final Set<String> origins = origins(line);
        if (!origins.isEmpty() && !LoopbackHost.is(host)) {
            throw new UsageException("--token-origins needs a loopback --host (127.0.0.1, ::1 or localhost), got " + host);
        }
        final JwksServer server = JwksServer.start(keys, host, port);
        if (!origins.isEmpty()) {
            final Env variables = Env.of(env);
            server.serveTokens(new DevTokenIssuer(keys, variables.string("HERALD_JWT_ISSUER", DEFAULT_ISSUER),
                    variables.string("HERALD_JWT_AUDIENCE", DEFAULT_AUDIENCE), Clock.systemUTC()), origins,
                    Duration.ofHours(1));
        }
        // Ctrl-C or kill: the JVM runs the hook while this thread still waits, and exits after it.
        final Thread hook = new Thread(server::close, "jwks-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("JWKS at " + server.jwksUrl());
            if (!origins.isEmpty()) {
                out.println("Tokens at " + server.jwksUrl().resolve("/token") + " for " + String.join(", ", origins));
            }
            out.flush();
            awaitInterrupt();
        } finally {
            removeHook(hook);
            server.close();
        }
        return 0;
    }

    /** The origins of {@code --token-origins}, each {@code scheme://host[:port]}; empty without the option. */
    private static Set<String> origins(CommandLine line) throws UsageException {
        final Optional<String> option = line.option("token-origins");
        if (option.isEmpty()) {
            return Set.of();
        }
        final Set<String> origins = new LinkedHashSet<>();
        for (String part : option.get().split(",", -1)) {
            final String origin = part.strip();
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new UsageException("--token-origins: '" + origin
                        + "' (expected: comma-separated origins like http://127.0.0.1:8080, no path)");
            }
            origins.add(origin);
        }
        return origins;
    }

    private Path dir(CommandLine line) {
        return Path.of(line.option("dir").orElse(Env.of(env).string("HERALD_DEV_IDP_DIR", ".data/idp")));
    }

    /** Blocks until this thread is interrupted: never, for the command line; at the end of a test. */
    private static void awaitInterrupt() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running: nothing to undo.
        }
    }
}
