package dev.herald.bench.client;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.herald.bench.identity.BenchUser;
import dev.herald.bench.measure.LatencyRecorder;
import dev.herald.bench.measure.Ticker;
import dev.herald.bench.protocol.Protocol;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one socket per user with bounded concurrency, sends each its {@code online} frame and waits for the ack.
 * Sockets are spread round-robin over the server URLs (one per gateway) and over the source addresses (the OS picks
 * one when none are given). Each socket is read by its own virtual thread. Closes them all at the end.
 */
public final class SocketPool implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SocketPool.class);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ONLINE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REASON = 120;

    private final List<URI> urls;
    private final List<InetAddress> sources;
    private final Protocol protocol;
    private final Ticker ticker;
    private final List<Connection> connections = new ArrayList<>();

    public SocketPool(List<URI> urls, List<InetAddress> sources, Protocol protocol, Ticker ticker) {
        this.urls = List.copyOf(urls);
        checkArgument(!this.urls.isEmpty(), "urls: empty (expected: at least one)");
        this.sources = List.copyOf(sources);
        this.protocol = requireNonNull(protocol, "protocol");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    /** Opens a socket for every user, at most {@code concurrency} at a time, and returns when all are settled. */
    public ConnectOutcome connectAll(List<BenchUser> users, int concurrency, double rate, Connection.Sink sink)
            throws InterruptedException {
        checkArgument(concurrency > 0, "concurrency: %s (expected: > 0)", concurrency);
        checkArgument(rate >= 0, "rate: %s (expected: >= 0)", rate);
        final Semaphore permits = new Semaphore(concurrency);
        final LatencyRecorder latency = new LatencyRecorder();
        final AtomicInteger established = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        final long startEpochMs = System.currentTimeMillis();
        long lastLog = ticker.nanos();
        final long pacedFrom = ticker.nanos();
        for (int i = 0; i < users.size(); i++) {
            if (rate > 0) { // open-loop pacing: socket i starts at i / rate, however slow the answers
                TimeUnit.NANOSECONDS.sleep(pacedFrom + (long) (i * 1e9 / rate) - ticker.nanos());
            }
            permits.acquire();
            final Connection connection = new Connection(i, users.get(i), sink);
            connections.add(connection);
            final long started = ticker.nanos();
            open(connection, urls.get(i % urls.size()), sources.isEmpty() ? null : sources.get(i % sources.size()))
                    .whenComplete((ok, error) -> {
                if (error == null) {
                    latency.recordBetween(started, ticker.nanos());
                    established.incrementAndGet();
                } else {
                    connection.abort();
                    failed.incrementAndGet();
                    failures.computeIfAbsent(reason(error), k -> new LongAdder()).increment();
                }
                permits.release();
            });
            if (ticker.nanos() - lastLog > TimeUnit.SECONDS.toNanos(5)) {
                lastLog = ticker.nanos();
                logger.info("connecting: {} online, {} failed of {}", established.get(), failed.get(), users.size());
            }
        }
        permits.acquire(concurrency);
        permits.release(concurrency);
        final Map<String, Long> kinds = new TreeMap<>();
        failures.forEach((kind, n) -> kinds.put(kind, n.sum()));
        return new ConnectOutcome(connections, established.get(), failed.get(), latency.histogram(), startEpochMs,
                                  System.currentTimeMillis(), kinds);
    }

    /** Sockets that are still open and online. */
    public int stillOpen() {
        return (int) connections.stream().filter(Connection::isOnline).count();
    }

    /** Sends a close frame on every socket, waits up to two seconds for them to go out, then drops them all. */
    @Override
    public void close() {
        final List<CompletableFuture<?>> closing = new ArrayList<>(connections.size());
        for (Connection connection : connections) {
            closing.add(connection.close());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Some peers did not take the close frame in time: they are aborted below all the same.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(Connection::abort);
    }

    /** A short, countable reason: the refusal's kind, "online timeout", or the socket failure's type. */
    private static String reason(Throwable error) {
        final Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return "online timeout";
        }
        final String text = cause instanceof IllegalStateException ? String.valueOf(cause.getMessage())
                : cause.getClass().getSimpleName();
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
    }

    private CompletableFuture<Void> open(Connection connection, URI url, @Nullable InetAddress source) {
        final String onlineFrame = protocol.onlineFrame(connection.user());
        Thread.startVirtualThread(() -> connection.run(url, source, HANDSHAKE_TIMEOUT, onlineFrame));
        return connection.online().orTimeout(ONLINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
