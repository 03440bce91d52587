package dev.herald.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Ticker ticker = now::get;

    @Test
    void countsAScriptedRun() {
        final DeliveryLedger ledger = new DeliveryLedger(ticker, 6, 2);
        for (int m = 0; m < 5; m++) {
            ledger.sent(m, now.get());
        }
        ledger.notSent(5);
        ledger.acked(0);
        ledger.acked(1);
        ledger.acked(1); // the same ack again
        ledger.acked(2);
        ledger.acked(3);
        ledger.acked(99); // not a message of this process
        ledger.refused(4, "RESOURCE_EXHAUSTED");
        ledger.error("INTERNAL");
        ledger.received(0, 10, now.get());
        ledger.received(0, 11, now.get());
        ledger.received(1, 10, now.get());
        ledger.received(1, 10, now.get()); // duplicate at the same receiver
        ledger.received(2, 11, now.get());
        ledger.received(-1, 11, now.get()); // another process's message
        ledger.echo();

        final TrafficCounts counts = ledger.counts(true);
        assertThat(counts.sent()).isEqualTo(5);
        assertThat(counts.notSent()).isEqualTo(1);
        assertThat(counts.acked()).isEqualTo(4);
        assertThat(counts.duplicateAcks()).isEqualTo(1);
        assertThat(counts.unknownAcks()).isEqualTo(1);
        assertThat(counts.refused()).isEqualTo(1);
        assertThat(counts.expectedDeliveries()).isEqualTo((5 - 1) * 2);
        assertThat(counts.delivered()).isEqualTo(4);
        assertThat(counts.duplicates()).isEqualTo(1);
        assertThat(counts.foreign()).isEqualTo(1);
        assertThat(counts.echoes()).isEqualTo(1);
        assertThat(counts.errors()).isEqualTo(2);
        assertThat(counts.errorKinds()).containsEntry("RESOURCE_EXHAUSTED", 1L).containsEntry("INTERNAL", 1L);
        assertThat(counts.mustStoreCount()).isEqualTo(4);
        assertThat(BitSet.valueOf(counts.mustStore()).stream()).containsExactly(0, 1, 2, 3);
        assertThat(ledger.unanswered()).isZero();
    }

    @Test
    void withoutAcksEverySentUnrefusedMessageMustBeStored() {
        final DeliveryLedger ledger = new DeliveryLedger(ticker, 4, 1);
        for (int m = 0; m < 4; m++) {
            ledger.sent(m, now.get());
        }
        ledger.refused(2, "SEND_FAILED");
        final TrafficCounts counts = ledger.counts(false);
        assertThat(counts.acked()).isZero();
        assertThat(BitSet.valueOf(counts.mustStore()).stream()).containsExactly(0, 1, 3);
        assertThat(counts.expectedDeliveries()).isEqualTo(3);
    }

    @Test
    void latencyIsReceiveTimeMinusTheSendTimeInTheBody() {
        final DeliveryLedger ledger = new DeliveryLedger(ticker, 2, 1);
        final long sentAt = now.get();
        ledger.sent(0, sentAt);
        now.addAndGet(1_200_000); // 1.2 ms later the ack
        ledger.acked(0);
        now.addAndGet(1_300_000); // 2.5 ms after sending the delivery
        ledger.received(0, 3, sentAt);

        final TrafficCounts counts = ledger.counts(true);
        assertThat(Histogram.of(counts.latencyMicros()).max()).isEqualTo(2_500);
        assertThat(Histogram.of(counts.ackLatencyMicros()).max()).isEqualTo(1_200);
        assertThat(LatencySummary.ofMicros(Histogram.of(counts.latencyMicros())).p50()).isEqualTo(2.5);
        assertThat(ledger.lastDeliveryNanos()).hasValue(now.get());
    }

    @Test
    void progressGrowsWithEveryAnswer() {
        final DeliveryLedger ledger = new DeliveryLedger(ticker, 1, 1);
        ledger.sent(0, now.get());
        assertThat(ledger.progress()).isZero();
        assertThat(ledger.unanswered()).isEqualTo(1);
        ledger.received(0, 1, now.get());
        ledger.acked(0);
        assertThat(ledger.progress()).isEqualTo(2);
        assertThat(ledger.unanswered()).isZero();
    }
}
