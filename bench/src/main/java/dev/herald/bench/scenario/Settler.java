package dev.herald.bench.scenario;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.measure.DeliveryLedger;
import dev.herald.bench.measure.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After sending: waits until every expected delivery (and, with acks, every ack or refusal) has arrived, or
 * nothing has arrived for {@code stall}, or {@code max} has passed, as the seed stack's generator does.
 */
final class Settler {

    private static final Logger logger = LoggerFactory.getLogger(Settler.class);
    private static final long POLL_MILLIS = 100;
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Ticker ticker;
    private final Duration max;
    private final Duration stall;

    Settler(Ticker ticker, Duration max, Duration stall) {
        this.ticker = requireNonNull(ticker, "ticker");
        this.max = requireNonNull(max, "max");
        this.stall = requireNonNull(stall, "stall");
    }

    void settle(DeliveryLedger ledger, boolean withAcks) throws InterruptedException {
        final long start = ticker.nanos();
        long lastProgress = start;
        long lastLog = start;
        long progress = ledger.progress();
        while (outstanding(ledger, withAcks) > 0 && ticker.nanos() - start < max.toNanos()) {
            Thread.sleep(POLL_MILLIS);
            final long now = ticker.nanos();
            if (ledger.progress() != progress) {
                progress = ledger.progress();
                lastProgress = now;
            } else if (now - lastProgress > stall.toNanos()) {
                logger.warn("settling: nothing arrived for {} s, {} outstanding", stall.toSeconds(),
                            outstanding(ledger, withAcks));
                return;
            }
            if (now - lastLog > LOG_EVERY_NANOS) {
                lastLog = now;
                logger.info("settling: {}/{} delivered, {} unanswered", ledger.delivered(),
                            ledger.expectedDeliveries(), withAcks ? ledger.unanswered() : 0);
            }
        }
    }

    private static long outstanding(DeliveryLedger ledger, boolean withAcks) {
        final long deliveries = Math.max(0, ledger.expectedDeliveries() - ledger.delivered());
        return deliveries + (withAcks ? Math.max(0, ledger.unanswered()) : 0);
    }
}
