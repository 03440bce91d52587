package dev.herald.bench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.bench.protocol.Protocol;
import dev.herald.bench.scenario.Mode;
import dev.herald.config.CommandLine;
import dev.herald.config.CommandLine.UsageException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a {@link CommandLine} into a {@link BenchConfig}, applying the per-mode defaults of the seed's tool. */
final class ConfigParser {

    private final CommandLine line;
    private final ObjectMapper mapper;

    ConfigParser(CommandLine line, ObjectMapper mapper) {
        this.line = line;
        this.mapper = mapper;
    }

    BenchConfig parse() throws UsageException {
        if (!line.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + line.positionals().getFirst() + "'");
        }
        final Mode mode = Mode.parse(line.option("mode", "direct"))
                .orElseThrow(() -> new UsageException("--mode must be direct, fanout, room, idle, connect or soak"));
        final Protocol protocol = Protocol.named(line.option("protocol", "herald"), mapper)
                .orElseThrow(() -> new UsageException("--protocol must be herald or nest-seed"));
        final boolean fanoutMode = mode == Mode.FANOUT;
        final boolean soak = mode == Mode.SOAK;
        final boolean room = mode == Mode.ROOM;
        final int conns = (int) line.number("conns", soak ? 10_000 : 1000, mode.sendsMessages() ? 2 : 1, 2_000_000);
        final int senders = (int) Math.min(conns, line.number("senders", soak ? conns : fanoutMode || room ? 20 : 100,
                                                              1, 2_000_000));
        final double rate = line.decimal("rate", soak ? 2000 : fanoutMode || room ? 20 : 500, 0.001, 10_000_000);
        final int duration = (int) line.number("duration", soak ? 600 : 20, soak ? 60 : 1, 86_400);
        final int fanout = mode == Mode.FANOUT ? (int) line.number("fanout", 100, 1, 100_000) : 1;
        final int processes = (int) line.number("processes", 1, 1, 256);
        if (soak && (processes > 1 || conns > BenchConfig.MAX_SOCKETS_PER_PROCESS)) {
            throw new UsageException("--mode soak runs in one process: at most "
                                     + BenchConfig.MAX_SOCKETS_PER_PROCESS + " --conns and no --processes");
        }
        if (room && (processes > 1 || conns > BenchConfig.MAX_SOCKETS_PER_PROCESS)) {
            // Every member's deliveries are booked against the sender's ledger: one process holds them all.
            throw new UsageException("--mode room runs in one process: at most "
                                     + BenchConfig.MAX_SOCKETS_PER_PROCESS + " --conns and no --processes");
        }
        if (room && !protocol.name().equals("herald")) {
            throw new UsageException("--mode room needs --protocol herald (the seed stack has no rooms)");
        }
        if (mode.sendsMessages() && fanout >= conns) {
            throw new UsageException("--fanout " + fanout + " needs more than " + fanout + " --conns");
        }
        if (mode.sendsMessages() && rate * duration > Integer.MAX_VALUE / 2.0) {
            throw new UsageException("--rate times --duration is too many messages");
        }
        final List<String> localAddrs = BenchConfig.csv(line.option("local-addrs", ""));
        for (String address : localAddrs) {
            checkAddress(address);
        }
        final Optional<String> tokens = line.option("tokens");
        if (protocol.name().equals("nest-seed") && tokens.isEmpty()) {
            throw new UsageException("--protocol nest-seed needs --tokens (the seed's bench/tokens.json)");
        }
        return new BenchConfig(
                mode, protocol, urls(protocol), conns, senders, rate, duration, fanout,
                (int) line.number("hold", 10, 0, 86_400),
                (int) line.number("connect-concurrency", 200, 1, 100_000),
                line.decimal("connect-rate", 0, 0, 1_000_000),
                localAddrs,
                pids(),
                mode.sendsMessages() && !line.flag("no-db") ? line.option("pg", protocol.defaultJdbcUrl()) : null,
                (int) line.number("settle-max", 600, 1, 86_400),
                (int) line.number("drain-timeout", 600, 1, 86_400),
                (int) line.number("drain-stall", 30, 1, 86_400),
                (int) line.number("body-bytes", 0, 0, 16 << 20),
                line.option("out").map(Path::of).orElse(null),
                line.option("label", ""),
                processes,
                tokens.map(Path::of).orElse(null),
                Path.of(line.option("idp-dir", ".data/idp")),
                line.option("issuer", "herald-dev"),
                line.option("audience", "herald"),
                line.option("user-prefix", "u"),
                line.flag("heap"),
                line.decimal("heap-tolerance", 10, 0, 1000),
                !line.flag("no-idle-wait"),
                line.option("worker").isPresent() ? (int) line.number("worker", 0, 0, 255) : null,
                line.option("tag").orElse(null),
                line.option("seed").isPresent() ? line.number("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null);
    }

    private List<URI> urls(Protocol protocol) throws UsageException {
        final List<String> texts = BenchConfig.csv(line.option("url", ""));
        if (texts.isEmpty()) {
            return List.of(protocol.defaultUrl());
        }
        final List<URI> urls = new ArrayList<>();
        for (String text : texts) {
            urls.add(url(text));
        }
        return urls;
    }

    private static URI url(String text) throws UsageException {
        try {
            final URI uri = new URI(text);
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
                throw new UsageException("--url must be a ws:// or wss:// URL, not '" + text + "'");
            }
            return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? uri.resolve("/") : uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a URL: " + e.getMessage());
        }
    }

    private List<Long> pids() throws UsageException {
        final List<Long> pids = new ArrayList<>();
        for (String pid : BenchConfig.csv(line.option("server-pid", ""))) {
            try {
                pids.add(Long.parseLong(pid));
            } catch (NumberFormatException e) {
                throw new UsageException("--server-pid must be process ids separated by commas, not '" + pid + "'");
            }
        }
        return pids;
    }

    private static void checkAddress(String address) throws UsageException {
        final InetAddress parsed;
        try {
            parsed = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new UsageException("--local-addrs: '" + address + "' is not an address");
        }
        if (!parsed.isLoopbackAddress()) {
            throw new UsageException("--local-addrs: '" + address + "' is not a loopback address (127.x.x.x)");
        }
    }
}
