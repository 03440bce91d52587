package dev.herald.it;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A steady load whose every message is tracked, for the fault matrix: a few sender → receiver pairs of users over
 * real sockets, spread over the gateways (a sender on another gateway than its receiver when there are two). Run a
 * fault under it, then {@link #finish} reconciles what the senders were told with PostgreSQL and the receivers.
 */
final class TrackedLoad implements AutoCloseable {

    /** What a row may change about the load. */
    record Shape(int pairs, Duration interval, TrackedReceiver.Mode receivers) {
        static Shape standard() {
            return new Shape(3, Duration.ofMillis(20), TrackedReceiver.Mode.LIVE);
        }

        /** The standard load, its receivers taking every message by polling with sync. */
        static Shape polling() {
            return new Shape(3, Duration.ofMillis(20), TrackedReceiver.Mode.POLLING);
        }
    }

    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final String usersPrefix = "f" + UUID.randomUUID().toString().substring(0, 8);
    private final LoadLedger ledger = new LoadLedger();
    private final List<TrackedSender> senders = new ArrayList<>();
    private final List<TrackedReceiver> receivers = new ArrayList<>();
    private final List<LoadSocket> sockets = new ArrayList<>();
    private final long startedAt = System.nanoTime();

    private TrackedLoad(List<URI> gateways, Function<String, String> tokens, Shape shape) {
        for (int i = 0; i < shape.pairs(); i++) {
            int receiverGateway = i;
            TrackedReceiver receiver = new TrackedReceiver((userId, pushes) ->
                    track(new LoadSocket(gateways, receiverGateway, userId, tokens, pushes)),
                    usersPrefix + "-r" + i, shape.receivers());
            receiver.start(); // online first: a receiver must be a known user before anyone sends to it
            receivers.add(receiver);
        }
        for (int i = 0; i < shape.pairs(); i++) {
            LoadSocket socket = track(new LoadSocket(gateways, i + 1, usersPrefix + "-s" + i, tokens, frame -> { }));
            socket.ensureOnline();
            senders.add(new TrackedSender(socket, receivers.get(i).userId(), ledger, shape.interval()));
        }
        senders.forEach(TrackedSender::start);
    }

    /** Starts the load on the gateways, signing users in with tokens from {@code tokens} (user id → JWT). */
    static TrackedLoad start(List<URI> gateways, Function<String, String> tokens, Shape shape) {
        return new TrackedLoad(gateways, tokens, shape);
    }

    int acked() {
        return ledger.ackedCount();
    }

    int refused() {
        return ledger.refusedCount();
    }

    /** Waits until {@code more} further messages than now have been acked. */
    void awaitMoreAcked(int more) {
        int target = acked() + more;
        await().atMost(SETTLE).until(() -> acked() >= target);
    }

    /** Waits until {@code more} further sends than now have been refused. */
    void awaitMoreRefused(int more) {
        int target = refused() + more;
        await().atMost(SETTLE).until(() -> refused() >= target);
    }

    /**
     * Stops the senders, waits (bounded) until every acked message is stored and every receiver has it, stops the
     * receivers and reports.
     */
    FaultReport finish(String row, SqlConnections sql) throws Exception {
        for (TrackedSender sender : senders) {
            sender.stop();
        }
        Map<String, String> acked = ledger.acked();
        awaitQuietly(() -> read(sql).storedOnce(acked) == acked.size());
        awaitQuietly(() -> receivers.stream().allMatch(r -> r.hasSeenAll(idsFor(r, acked))));
        for (TrackedReceiver receiver : receivers) {
            receiver.stop();
        }
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        StoredMessages stored = read(sql);
        long storedOnce = stored.storedOnce(acked);
        long unseen = receivers.stream().mapToLong(r -> r.missing(idsFor(r, acked))).sum();
        long duplicated = stored.duplicates() + receivers.stream().mapToLong(TrackedReceiver::duplicated).sum();
        int synced = receivers.stream().mapToInt(TrackedReceiver::synced).sum();
        int reconnects = sockets.stream().mapToInt(LoadSocket::reconnects).sum();
        return new FaultReport(row, ledger.sentCount(), acked.size(), ledger.refusedCount(), storedOnce,
                acked.size() - storedOnce, stored.deadLetters(), unseen, duplicated, seconds,
                ledger.retriedCount(), synced, reconnects, ledger.refusalsByStatus());
    }

    @Override
    public void close() {
        sockets.forEach(LoadSocket::close);
    }

    private LoadSocket track(LoadSocket socket) {
        sockets.add(socket);
        return socket;
    }

    private List<String> idsFor(TrackedReceiver receiver, Map<String, String> acked) {
        return acked.entrySet().stream().filter(e -> ledger.receiverOf(e.getKey()).equals(receiver.userId()))
                .map(Map.Entry::getValue).toList();
    }

    private StoredMessages read(SqlConnections sql) throws SQLException {
        try (Connection connection = sql.open()) {
            return StoredMessages.read(connection, usersPrefix + "-s");
        }
    }

    /** Waits for the condition up to {@link #SETTLE}; the report then says what did not settle. */
    private static void awaitQuietly(Callable<Boolean> settled) {
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).until(settled);
        } catch (ConditionTimeoutException notSettled) {
            // Reported as lost below, with the figures.
        }
    }

    /** Opens a connection to the stack's database (the test's superuser, for reading everything). */
    @FunctionalInterface
    interface SqlConnections {
        Connection open() throws SQLException;
    }
}
