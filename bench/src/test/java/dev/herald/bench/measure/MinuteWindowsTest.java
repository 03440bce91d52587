package dev.herald.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MinuteWindowsTest {

    private static final long START = 5_000_000_000L;
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void books_acks_and_deliveries_in_the_minute_their_message_was_sent() throws Exception {
        MinuteWindows windows = new MinuteWindows(3);
        windows.start(START);
        long inMinute1 = START + MINUTE - 1;
        long inMinute2 = START + MINUTE;

        windows.sent(inMinute1);
        windows.sent(inMinute2);
        windows.acked(inMinute1);
        windows.delivered(inMinute1, inMinute2 + TimeUnit.MILLISECONDS.toNanos(3)); // arrives in minute 2

        List<MinuteWindows.Minute> minutes = windows.snapshot();
        assertThat(windows.awaitStart(Duration.ZERO)).isTrue();
        assertThat(minutes).extracting(MinuteWindows.Minute::minute).containsExactly(1, 2, 3);
        assertThat(minutes.get(0)).extracting(m -> m.sent(), m -> m.acked(), m -> m.delivered())
                .containsExactly(1L, 1L, 1L);
        assertThat(minutes.get(0).latencyMs().p50()).isEqualTo(3.0);
        assertThat(minutes.get(1)).extracting(m -> m.sent(), m -> m.acked(), m -> m.delivered())
                .containsExactly(1L, 0L, 0L);
        assertThat(minutes.get(2).latencyMs().count()).isZero();
    }

    @Test
    void a_message_sent_after_the_last_minute_counts_in_the_last_and_nothing_counts_before_the_start() {
        MinuteWindows windows = new MinuteWindows(2);
        windows.sent(START);
        windows.start(START);
        windows.sent(START + 2 * MINUTE + 1_000_000);

        assertThat(windows.snapshot()).extracting(MinuteWindows.Minute::sent).containsExactly(0L, 1L);
        assertThatThrownBy(() -> windows.start(START)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_ledger_books_its_messages_by_minute_too() {
        Ticker ticker = () -> 2 * MINUTE;
        MinuteWindows windows = new MinuteWindows(2);
        DeliveryLedger ledger = new DeliveryLedger(ticker, 2, 1, windows);
        windows.start(0);

        ledger.sent(0, 10);
        ledger.sent(1, MINUTE + 10);
        ledger.refused(0, "RESOURCE_EXHAUSTED");
        ledger.acked(1);
        ledger.received(1, 3, MINUTE + 10);
        ledger.received(1, 3, MINUTE + 10); // a duplicate is not a delivery

        assertThat(windows.snapshot())
                .extracting(m -> m.sent() + "/" + m.acked() + "/" + m.refused() + "/" + m.delivered())
                .containsExactly("1/0/1/0", "1/1/0/1");
    }
}
