package dev.herald.bench.client;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.Histogram;
import java.util.List;
import java.util.Map;

/**
 * The connect phase of one process.
 *
 * @param connections   every socket, in user order; the failed ones are not online
 * @param established   sockets whose {@code online} was acknowledged
 * @param failed        sockets that failed to open or to go online in time
 * @param latencyMicros from starting to open a socket to its online ack
 * @param startEpochMs  wall clock when the first socket started to open
 * @param endEpochMs    wall clock when the last one finished
 * @param failureKinds  why sockets failed, with counts
 */
public record ConnectOutcome(List<Connection> connections, int established, int failed, Histogram latencyMicros,
                             long startEpochMs, long endEpochMs, Map<String, Long> failureKinds) {

    public ConnectOutcome {
        connections = List.copyOf(connections);
        failureKinds = Map.copyOf(failureKinds);
        requireNonNull(latencyMicros, "latencyMicros");
    }

    /** The sockets that went online, in user order. */
    public List<Connection> online() {
        return connections.stream().filter(Connection::isOnline).toList();
    }
}
