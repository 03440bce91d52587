package dev.herald.bench.scenario;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.client.Connection;
import dev.herald.bench.measure.DeliveryLedger;
import dev.herald.bench.measure.MinuteWindows;
import dev.herald.bench.measure.TrafficCounts;
import dev.herald.bench.measure.Ticker;
import dev.herald.bench.protocol.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** What one process does with its online sockets after the connect phase. */
sealed interface Scenario permits TrafficScenario, HoldScenario {

    /**
     * Runs the phase on {@code online} (this process's online sockets in user order); {@code router} books what
     * arrives in the ledger the phase gives it.
     */
    Outcome run(List<Connection> online, InboundRouter router) throws InterruptedException;

    /** What the phase measured: the books, and when it sent (null when it sent nothing). */
    record Outcome(TrafficCounts counts, OpenLoopSender.@Nullable Timing timing, OptionalLong lastDeliveryNanos) {

        static Outcome silent(TrafficCounts counts) {
            return new Outcome(counts, null, OptionalLong.empty());
        }
    }

    /** {@code room}: the room a {@code room} run sends to, made in the connect phase; null in other modes. */
    static Scenario of(WorkerPlan plan, Protocol protocol, Ticker ticker, MinuteWindows minutes,
                       @Nullable String room) {
        return switch (plan.mode()) {
            case DIRECT, FANOUT, SOAK -> new TrafficScenario(plan, protocol, ticker, minutes, null);
            case ROOM -> new TrafficScenario(plan, protocol, ticker, minutes, requireNonNull(room, "room"));
            case IDLE -> new HoldScenario(plan.hold(), protocol, ticker);
            case CONNECT -> new HoldScenario(Duration.ZERO, protocol, ticker);
        };
    }

    /** Books for a phase that sends nothing: only error frames are counted. */
    static DeliveryLedger silentLedger(Ticker ticker) {
        return new DeliveryLedger(ticker, 0, 0);
    }
}
