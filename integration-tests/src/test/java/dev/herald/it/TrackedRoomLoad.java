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
 * {@link TrackedLoad}'s room counterpart: one sender sends to a room at a steady pace, every message tracked, and
 * every member socket is a {@link TrackedReceiver} (live, catching up with {@code sync} after a gap). The members
 * are spread over the gateways and one of them has a socket on each, so {@link #finish} checks each acked message
 * reached every socket once (after dedupe by id) and is stored once.
 */
final class TrackedRoomLoad implements AutoCloseable {

    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final Duration INTERVAL = Duration.ofMillis(20);

    private final String usersPrefix = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final LoadLedger ledger = new LoadLedger();
    private final List<TrackedReceiver> receivers = new ArrayList<>();
    private final List<LoadSocket> sockets = new ArrayList<>();
    private final TrackedSender sender;
    private final long startedAt = System.nanoTime();

    private TrackedRoomLoad(MultiInstanceStack stack) {
        List<URI> gateways = stack.gatewayUris();
        Function<String, String> tokens = stack::token;
        List<String> members = List.of(usersPrefix + "-m0", usersPrefix + "-m1", usersPrefix + "-m2");
        // m0 on the first gateway, m1 on the second, m2 on both: one receiver per socket.
        int[][] socketsOf = {{0}, {1}, {0, 1}};
        for (int m = 0; m < members.size(); m++) {
            for (int gateway : socketsOf[m]) {
                TrackedReceiver receiver = new TrackedReceiver((userId, pushes) ->
                        track(new LoadSocket(gateways, gateway, userId, tokens, pushes)),
                        members.get(m), TrackedReceiver.Mode.LIVE);
                receiver.start(); // online first: a member must be a known user before the room is made
                receivers.add(receiver);
            }
        }
        String senderId = usersPrefix + "-s0";
        String roomId;
        try (ChatClient owner = stack.online(senderId, 0)) {
            roomId = owner.createRoom(usersPrefix, members);
        }
        LoadSocket socket = track(new LoadSocket(gateways, 1, senderId, tokens, frame -> { }));
        socket.ensureOnline();
        sender = new TrackedSender(socket, roomId, clientId -> ChatClient.roomMessage(roomId, clientId, clientId),
                ledger, INTERVAL);
        sender.start();
    }

    /** Creates the room and starts sending to it on {@code stack}'s gateways. */
    static TrackedRoomLoad start(MultiInstanceStack stack) {
        return new TrackedRoomLoad(stack);
    }

    void awaitMoreAcked(int more) {
        int target = ledger.ackedCount() + more;
        await().atMost(SETTLE).until(() -> ledger.ackedCount() >= target);
    }

    /** Stops the sender, waits (bounded) for every acked message to be stored and on every socket, and reports. */
    FaultReport finish(String row, TrackedLoad.SqlConnections sql) throws Exception {
        sender.stop();
        Map<String, String> acked = ledger.acked();
        List<String> ids = List.copyOf(acked.values());
        awaitQuietly(() -> read(sql).storedOnceIgnoringReceipts(acked) == acked.size());
        awaitQuietly(() -> receivers.stream().allMatch(r -> r.hasSeenAll(ids)));
        for (TrackedReceiver receiver : receivers) {
            receiver.stop();
        }
        StoredMessages stored = read(sql);
        long storedOnce = stored.storedOnceIgnoringReceipts(acked);
        long unseen = receivers.stream().mapToLong(r -> r.missing(ids)).sum();
        long duplicated = stored.duplicateRows() + receivers.stream().mapToLong(TrackedReceiver::duplicated).sum();
        int synced = receivers.stream().mapToInt(TrackedReceiver::synced).sum();
        int reconnects = sockets.stream().mapToInt(LoadSocket::reconnects).sum();
        return new FaultReport(row, ledger.sentCount(), acked.size(), ledger.refusedCount(), storedOnce,
                acked.size() - storedOnce, stored.deadLetters(), unseen, duplicated,
                (System.nanoTime() - startedAt) / 1e9, ledger.retriedCount(), synced, reconnects,
                ledger.refusalsByStatus());
    }

    @Override
    public void close() {
        sockets.forEach(LoadSocket::close);
    }

    private LoadSocket track(LoadSocket socket) {
        sockets.add(socket);
        return socket;
    }

    private StoredMessages read(TrackedLoad.SqlConnections sql) throws SQLException {
        try (Connection connection = sql.open()) {
            return StoredMessages.read(connection, usersPrefix + "-s");
        }
    }

    private static void awaitQuietly(Callable<Boolean> settled) {
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).until(settled);
        } catch (ConditionTimeoutException notSettled) {
            // Reported as lost, with the figures.
        }
    }
}
