package dev.herald.bench.report;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.LatencySummary;
import dev.herald.bench.measure.ProcSample;
import dev.herald.bench.persist.AuditResult;
import dev.herald.bench.persist.DrainOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns merged totals and server readings into the sections of a {@link RunReport}. */
public final class ReportSections {

    private final boolean acks;

    /** {@code acks}: the protocol acknowledges messages, so ack fields are reported. */
    public ReportSections(boolean acks) {
        this.acks = acks;
    }

    public RunReport.Connections connections(ConnectTotals totals, @Nullable ProcSample before,
                                             @Nullable ProcSample after) {
        requireNonNull(totals, "totals");
        final double seconds = totals.seconds();
        return new RunReport.Connections(
                totals.attempted(), totals.established(), totals.failed(), round(seconds, 2),
                seconds > 0 ? round(totals.established() / seconds, 1) : 0,
                LatencySummary.ofMicros(totals.latencyMicros()), totals.failureKinds(),
                ProcSample.cpuPct(before, after), after == null ? null : round(after.rssMb(), 1));
    }

    /**
     * @param before the reading before connecting; {@code start}/{@code end} bracket the hold
     */
    public RunReport.Idle idle(int holdS, int established, PhaseTotals totals, @Nullable ProcSample before,
                               @Nullable ProcSample start, @Nullable ProcSample end, @Nullable Double heapMb) {
        final Double perConnKb = before == null || end == null || established == 0 ? null
                : round((end.rssMb() - before.rssMb()) * 1024 / established, 1);
        return new RunReport.Idle(holdS, totals.stillOpen(), totals.closedUnexpectedly(),
                                  end == null ? null : round(end.rssMb(), 1), ProcSample.cpuPct(start, end),
                                  perConnKb, heapMb);
    }

    /**
     * @param start          before sending, {@code sendEnd} when sending should have ended, {@code end} after settling
     * @param generatorCpuS  the generator's CPU seconds over the same span (all its processes), null when unknown
     */
    public RunReport.Send send(double targetRate, PhaseTotals totals, @Nullable ProcSample start,
                               @Nullable ProcSample sendEnd, @Nullable ProcSample end, @Nullable Double generatorCpuS) {
        final Double serverCpuS = start == null || end == null || start.processes() == 0
                ? null : round(end.cpuSeconds() - start.cpuSeconds(), 2);
        final long taken = acks ? totals.acked() : totals.sent() - totals.refused();
        final double sendTime = totals.sendTimeS();
        final long windowMs = totals.lastDeliveryEpochMs() - totals.sendStartEpochMs();
        return new RunReport.Send(
                targetRate, totals.sent(), totals.notSent(), round(sendTime, 2),
                sendTime > 0 ? round(totals.sent() / sendTime, 1) : 0, round(totals.maxLagMs(), 1),
                acks ? totals.acked() : null, acks ? totals.unanswered() : 0, totals.refused(),
                acks ? LatencySummary.ofMicros(totals.ackLatencyMicros()) : null,
                totals.expectedDeliveries(), totals.delivered(), totals.missingDeliveries(), totals.duplicates(),
                totals.expectedDeliveries() > 0 ? round((double) totals.delivered() / totals.expectedDeliveries(), 4)
                        : null,
                windowMs > 0 && totals.lastDeliveryEpochMs() > 0 ? round(totals.delivered() * 1000.0 / windowMs, 1)
                        : 0,
                totals.lastDeliveryEpochMs() > 0
                        ? round((totals.lastDeliveryEpochMs() - totals.sendEndEpochMs()) / 1000.0, 2) : null,
                LatencySummary.ofMicros(totals.latencyMicros()), totals.errors(), totals.errorKinds(),
                totals.foreign(), totals.echoes(), totals.closedUnexpectedly(),
                ProcSample.cpuPct(start, sendEnd), ProcSample.machineBusyPct(start, sendEnd),
                ProcSample.cpuPct(start, end), serverCpuS, microsEach(serverCpuS, taken),
                microsEach(serverCpuS, totals.delivered()), generatorCpuS == null ? null : round(generatorCpuS, 2),
                microsEach(generatorCpuS, totals.sent()));
    }

    /** {@code cpuS} over {@code count}, in µs; null when either is missing. */
    private static @Nullable Double microsEach(@Nullable Double cpuS, long count) {
        return cpuS == null || count <= 0 ? null : round(cpuS * 1e6 / count, 1);
    }

    /**
     * {@code room}: CPU per delivery from {@code start} (before sending) to {@code end} (every delivery settled),
     * rows written while connecting (the room's creation included) and per stored message while sending.
     */
    public RunReport.Room room(int members, PhaseTotals totals, RunReport.Send send, @Nullable ProcSample start,
                               @Nullable ProcSample end, long messagesStored, Map<String, Long> whileConnecting,
                               Map<String, Long> whileSending) {
        final Double cpuUsPerDelivery = start == null || end == null || start.processes() == 0
                                        || totals.delivered() == 0
                ? null : round((end.cpuSeconds() - start.cpuSeconds()) * 1e6 / totals.delivered(), 2);
        final Map<String, Double> perMessage = new LinkedHashMap<>();
        whileSending.forEach((table, rows) -> perMessage.put(
                table, messagesStored == 0 ? 0 : round((double) rows / messagesStored, 3)));
        return new RunReport.Room(members, messagesStored, cpuUsPerDelivery, send.deliveryThroughputPerS(),
                                  whileConnecting, whileSending, perMessage);
    }

    /**
     * @param lastRowEpochMs wall clock when the row counts last grew
     */
    public RunReport.Persistence persistence(PhaseTotals totals, DrainOutcome drain, AuditResult audit,
                                             long lastRowEpochMs) {
        final long expectedReceipts = totals.expectedReceipts();
        final double persistWindowS = (lastRowEpochMs - totals.sendStartEpochMs()) / 1000.0;
        return new RunReport.Persistence(
                totals.sent(), audit.mustStore(), acks ? "acked" : "sent", audit.messageRows(),
                ratio(audit.messageRows(), audit.mustStore()), expectedReceipts, audit.receiptRows(),
                ratio(audit.receiptRows(), expectedReceipts), audit.distinctMessages(), audit.lost(),
                audit.receiptsMissing(), audit.duplicated(), audit.unparsable(), drain.complete(),
                round(drain.drainSeconds(), 1),
                persistWindowS > 0 ? round(audit.messageRows() / persistWindowS, 1) : null,
                round((lastRowEpochMs - totals.sendEndEpochMs()) / 1000.0, 1), null);
    }

    /** The persistence section of a check that could not run. */
    public RunReport.Persistence persistenceFailed(PhaseTotals totals, String error) {
        return new RunReport.Persistence(totals.sent(), totals.mustStore(), acks ? "acked" : "sent", 0, null,
                                         totals.expectedReceipts(), 0, null, 0, 0, 0, 0, 0, false, 0, null, null,
                                         error);
    }

    private static @Nullable Double ratio(long part, long whole) {
        return whole > 0 ? round((double) part / whole, 4) : null;
    }

    static double round(double value, int decimals) {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
