package dev.herald.bench.report;

import dev.herald.bench.measure.LatencySummary;
import dev.herald.bench.soak.HeapComparison;
import dev.herald.bench.soak.ServiceHeap;
import dev.herald.bench.soak.SoakReport;
import java.io.PrintStream;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The report as a short table for people, on stderr (stdout carries the JSON). */
public final class SummaryTable {

    private final PrintStream out;

    public SummaryTable(PrintStream out) {
        this.out = out;
    }

    public void print(RunReport r) {
        line("run", "%s  %s %s  %s  %d process(es)", r.tag(), r.protocol(), r.mode(), r.server(), r.processes());
        final RunReport.Connections c = r.connections();
        line("connections", "%d/%d online in %.2f s (%.1f/s), %d failed %s", c.established(), c.attempted(),
             c.connectTimeS(), c.ratePerS(), c.failed(), c.failureKinds().isEmpty() ? "" : c.failureKinds());
        line("online ack", latency(c.handshakeToOnlineAckMs()));
        if (r.idle() != null) {
            final RunReport.Idle i = r.idle();
            line("idle", "%d still open after %d s, server RSS %s MB (%s KB per socket), idle CPU %s%%, heap %s MB",
                 i.stillOpen(), i.holdS(), text(i.serverRssMb()), text(i.serverRssPerConnKb()),
                 text(i.serverIdleCpuPct()), text(i.serverHeapUsedMb()));
        }
        if (r.send() != null) {
            send(r.send());
        }
        if (r.persistence() != null) {
            persistence(r.persistence());
        }
        if (r.soak() != null) {
            soak(r.soak());
        }
        if (r.room() != null) {
            final RunReport.Room room = r.room();
            line("room", "%d members, %d messages stored, %.1f deliveries/s, server CPU %s µs per delivery",
                 room.members(), room.messagesStored(), room.deliveriesPerS(), text(room.serverCpuUsPerDelivery()));
            line("room rows", "per message %s; written while sending %s, while connecting %s", room.rowsPerMessage(),
                 room.rowsWrittenWhileSending(), room.rowsWrittenWhileConnecting());
        }
        line("server", "RSS before %s MB, max %s MB; generator CPU %.1f s", text(r.serverRssMbBefore()),
             text(r.serverRssMbMax()), r.generatorCpuS());
        line("verdict", "zeroLost=%s zeroDuplicated=%s", r.zeroLost(), r.zeroDuplicated());
        out.flush();
    }

    private void send(RunReport.Send s) {
        line("send", "%d sent in %.2f s (%.1f/s of %.1f target), max lag %.1f ms, %d not sent", s.messagesSent(),
             s.sendTimeS(), s.achievedSendRate(), s.targetRate(), s.generatorMaxLagMs(), s.messagesNotSent());
        if (s.acked() != null && s.sendTimeS() > 0) {
            line("acked/s", "%.1f acked/s, %.1f refused/s over the send time", s.acked() / s.sendTimeS(),
                 s.refused() / s.sendTimeS());
        }
        if (s.acked() != null) {
            line("acks", "%d acked, %d refused, %d unanswered", s.acked(), s.refused(), s.unanswered());
            line("ack latency", latency(s.ackLatencyMs()));
        }
        line("deliveries", "%d/%d (ratio %s), %d missing, %d duplicates, %.1f/s, last %s s after sending",
             s.deliveriesReceived(), s.expectedDeliveries(), text(s.deliveryRatio()), s.missingDeliveries(),
             s.duplicatesReceived(), s.deliveryThroughputPerS(), text(s.lastDeliveryAfterSendEndS()));
        line("latency", latency(s.latencyMs()));
        line("errors", "%d %s, %d closed unexpectedly", s.errors(), s.errorKinds().isEmpty() ? "" : s.errorKinds(),
             s.closedUnexpectedly());
        line("server CPU", "%s%% sending (machine %s%%), %s%% sending + settling", text(s.serverCpuPctDuringSend()),
             text(s.machineCpuBusyPctDuringSend()), text(s.serverCpuPctSendPlusSettle()));
        line("CPU/message", "server %s µs per message taken, %s µs per delivery (%s s); generator %s µs per message"
                            + " sent (%s s)", text(s.serverCpuUsPerMessage()), text(s.serverCpuUsPerDelivery()),
             text(s.serverCpuS()), text(s.generatorCpuUsPerMessage()), text(s.generatorCpuS()));
    }

    private void persistence(RunReport.Persistence p) {
        if (p.error() != null) {
            line("postgres", "NOT CHECKED: %s", p.error());
            return;
        }
        line("postgres", "%d/%d message rows (%s), %d/%d receipts, lost %d, receipts missing %d, duplicated %d",
             p.messageRows(), p.mustStore(), p.mustStoreMeans(), p.receiveRows(), p.expectedReceiveRows(), p.lost(),
             p.receiptsMissing(), p.duplicated());
        line("rows lag", "last row %s s after sending, %s msgs/s persisted, drained in %.1f s%s",
             text(p.lastRowAfterSendEndS()), text(p.persistThroughputMsgsPerS()), p.drainAfterDeliveriesS(),
             p.complete() ? "" : " (incomplete)");
    }

    private void soak(SoakReport s) {
        for (SoakReport.Minute m : s.perMinute()) {
            final StringBuilder heap = new StringBuilder();
            for (ServiceHeap h : m.heap()) {
                heap.append(String.format(Locale.ROOT, "  %s old %s (+%s dead) MB", h.service(), text(h.oldGenMb()),
                                          text(h.deadSpaceMb())));
            }
            line("minute " + m.minute(), "sent %d acked %d refused %d delivered %d  p50 %s p99 %s ms  heap read in %s s%s",
                 m.sent(), m.acked(), m.refused(), m.delivered(), text(m.latencyMs().p50()),
                 text(m.latencyMs().p99()), text(m.heapReadS()), heap);
        }
        for (HeapComparison c : s.oldGenAfterFullGc()) {
            line("old gen", "%s (pid %d): minute %d %s MB, minute %d %s MB, %s%% %s", c.service(), c.pid(),
                 c.baselineMinute(), text(c.baselineOldGenMb()), c.lastMinute(), text(c.lastOldGenMb()),
                 text(c.changePct()), c.withinTolerance() ? "ok" : "GREW (or unread)");
        }
        line("heap", "within %s%%: %s", s.heapTolerancePct(),
             s.heapWithinTolerance() == null ? "not checked (no --server-pid)" : s.heapWithinTolerance());
    }

    private static String latency(@Nullable LatencySummary l) {
        if (l == null || l.count() == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms  (n=%d)", l.p50(), l.p90(),
                             l.p99(), l.p999(), l.max(), l.count());
    }

    private static String text(@Nullable Object value) {
        return value == null ? "-" : value.toString();
    }

    private void line(String label, String format, Object... args) {
        out.printf(Locale.ROOT, "%-12s %s%n", label, String.format(Locale.ROOT, format, args));
    }
}
