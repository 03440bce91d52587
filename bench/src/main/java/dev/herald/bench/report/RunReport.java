package dev.herald.bench.report;

import dev.herald.bench.measure.LatencySummary;
import dev.herald.bench.soak.SoakReport;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON report of a run. Section and field names follow the seed stack's {@code bench/load.mjs} where it has
 * the same measurement (so the two can be tabulated side by side); Herald-only fields (acks, refusals, the row
 * audit, the verdict) are added. Latencies are milliseconds, CPU is percent of one core (machine CPU: of all
 * cores), RSS is MB. A section is null when the mode does not have it.
 */
public record RunReport(
        String label,
        String server,
        String protocol,
        String mode,
        String tag,
        Params params,
        int processes,
        String startedAt,
        @Nullable Double serverRssMbBefore,
        Connections connections,
        @Nullable Idle idle,
        @Nullable Send send,
        @Nullable Persistence persistence,
        @Nullable SoakReport soak,
        @Nullable Room room,
        boolean zeroLost,
        boolean zeroDuplicated,
        double generatorCpuS,
        @Nullable Double serverRssMbMax,
        String finishedAt) {

    public record Params(int conns, int senders, double rate, int duration, int fanout, int hold, int bodyBytes,
                         int connectConcurrency, List<String> localAddrs, List<Long> serverPids) {
        public Params {
            localAddrs = List.copyOf(localAddrs);
            serverPids = List.copyOf(serverPids);
        }
    }

    /** The connect phase: every socket opened and sent {@code online}; established = online acknowledged. */
    public record Connections(int attempted, int established, int failed, double connectTimeS, double ratePerS,
                              LatencySummary handshakeToOnlineAckMs, Map<String, Long> failureKinds,
                              @Nullable Double serverCpuPct, @Nullable Double serverRssMb) {
        public Connections {
            failureKinds = Map.copyOf(failureKinds);
        }
    }

    /** {@code idle}: the server's footprint with every socket open and quiet. */
    public record Idle(int holdS, int stillOpen, long closedUnexpectedly, @Nullable Double serverRssMb,
                       @Nullable Double serverIdleCpuPct, @Nullable Double serverRssPerConnKb,
                       @Nullable Double serverHeapUsedMb) {}

    /**
     * {@code direct} and {@code fanout}: the send phase and the deliveries. {@code serverCpuS} is the server
     * processes' CPU from the start of sending until every delivery settled; {@code serverCpuUsPerMessage} is it over
     * the messages the server took (acked, or sent and not refused without acks: refusals' cost included),
     * {@code serverCpuUsPerDelivery} over the deliveries received; {@code generatorCpuUsPerMessage} is the
     * generator's own CPU over the same span (all its processes) over the messages it sent.
     */
    public record Send(
            double targetRate,
            long messagesSent,
            long messagesNotSent,
            double sendTimeS,
            double achievedSendRate,
            double generatorMaxLagMs,
            @Nullable Long acked,
            long unanswered,
            long refused,
            @Nullable LatencySummary ackLatencyMs,
            long expectedDeliveries,
            long deliveriesReceived,
            long missingDeliveries,
            long duplicatesReceived,
            @Nullable Double deliveryRatio,
            double deliveryThroughputPerS,
            @Nullable Double lastDeliveryAfterSendEndS,
            LatencySummary latencyMs,
            long errors,
            Map<String, Long> errorKinds,
            long otherMessageFramesDuringSend,
            long echoesToSender,
            long closedUnexpectedly,
            @Nullable Double serverCpuPctDuringSend,
            @Nullable Double machineCpuBusyPctDuringSend,
            @Nullable Double serverCpuPctSendPlusSettle,
            @Nullable Double serverCpuS,
            @Nullable Double serverCpuUsPerMessage,
            @Nullable Double serverCpuUsPerDelivery,
            @Nullable Double generatorCpuS,
            @Nullable Double generatorCpuUsPerMessage) {
        public Send {
            errorKinds = Map.copyOf(errorKinds);
        }
    }

    /**
     * {@code room}: what one delivery costs the server and what one message writes. {@code serverCpuUsPerDelivery}
     * is the server processes' CPU from the start of sending until every delivery settled, over the deliveries
     * received (the generator's own CPU is not in it); rows are whole-table counts, so the database must have no
     * other writer during the run. {@code rowsWrittenWhileConnecting} includes the room's creation and its members.
     */
    public record Room(int members, long messagesStored, @Nullable Double serverCpuUsPerDelivery,
                       double deliveriesPerS, Map<String, Long> rowsWrittenWhileConnecting,
                       Map<String, Long> rowsWrittenWhileSending, Map<String, Double> rowsPerMessage) {
        public Room {
            rowsWrittenWhileConnecting = Map.copyOf(rowsWrittenWhileConnecting);
            rowsWrittenWhileSending = Map.copyOf(rowsWrittenWhileSending);
            rowsPerMessage = Map.copyOf(rowsPerMessage);
        }
    }

    /**
     * The run's rows in PostgreSQL after sending. {@code mustStore} is what the server promised: acked messages
     * (herald) or sent, unrefused ones (nest-seed, which has no acks). {@code lost} counts promised messages
     * without a row, found message by message; {@code duplicated} rows beyond one per message.
     */
    public record Persistence(
            long messagesSent,
            long mustStore,
            String mustStoreMeans,
            long messageRows,
            @Nullable Double messageRowRatio,
            long expectedReceiveRows,
            long receiveRows,
            @Nullable Double receiveRowRatio,
            long distinctMessages,
            long lost,
            long receiptsMissing,
            long duplicated,
            long unparsableRows,
            boolean complete,
            double drainAfterDeliveriesS,
            @Nullable Double persistThroughputMsgsPerS,
            @Nullable Double lastRowAfterSendEndS,
            @Nullable String error) {}
}
