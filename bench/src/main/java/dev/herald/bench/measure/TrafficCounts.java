package dev.herald.bench.measure;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What one process counted in its send phase (see {@link DeliveryLedger}); the parent adds these up.
 *
 * @param sent              messages handed to an open socket
 * @param notSent           messages that were due while their sender's socket was closed
 * @param acked             messages the server acknowledged (0 for a protocol without acks)
 * @param refused           sent messages the server answered with an error, or that failed to leave the socket
 * @param receiversPerMessage receivers of every message of this process
 * @param expectedDeliveries {@code (sent - refused) * receiversPerMessage}
 * @param delivered         distinct (message, receiver) pairs received
 * @param duplicates        deliveries of a pair already received
 * @param echoes            this run's messages delivered back to their sender
 * @param foreign           message frames of other runs
 * @param mustStoreCount    messages the server promised to store (acked ones; or sent and not refused)
 * @param mustStore         the local indexes of those messages ({@link java.util.BitSet#toByteArray()})
 */
public record TrafficCounts(
        long sent,
        long notSent,
        long acked,
        long refused,
        long duplicateAcks,
        long unknownAcks,
        int receiversPerMessage,
        long expectedDeliveries,
        long delivered,
        long duplicates,
        long echoes,
        long foreign,
        long errors,
        Map<String, Long> errorKinds,
        HistogramSnapshot latencyMicros,
        HistogramSnapshot ackLatencyMicros,
        long mustStoreCount,
        byte[] mustStore) {

    public TrafficCounts {
        errorKinds = Map.copyOf(errorKinds);
        requireNonNull(latencyMicros, "latencyMicros");
        requireNonNull(ackLatencyMicros, "ackLatencyMicros");
        mustStore = mustStore.clone();
    }

    public static TrafficCounts none() {
        return new TrafficCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), HistogramSnapshot.empty(),
                                 HistogramSnapshot.empty(), 0, new byte[0]);
    }

    @Override
    public byte[] mustStore() {
        return mustStore.clone();
    }
}
