package dev.herald.bench.scenario;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.client.Connection;
import dev.herald.bench.measure.DeliveryLedger;
import dev.herald.bench.measure.Ticker;
import dev.herald.bench.protocol.Protocol;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code idle}: keeps the sockets open for the hold time and sends nothing; {@code connect}: holds for zero. */
final class HoldScenario implements Scenario {

    private static final Logger logger = LoggerFactory.getLogger(HoldScenario.class);

    private final Duration hold;
    private final Protocol protocol;
    private final Ticker ticker;

    HoldScenario(Duration hold, Protocol protocol, Ticker ticker) {
        this.hold = requireNonNull(hold, "hold");
        this.protocol = requireNonNull(protocol, "protocol");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    @Override
    public Outcome run(List<Connection> online, InboundRouter router) throws InterruptedException {
        final DeliveryLedger ledger = Scenario.silentLedger(ticker);
        router.track(ledger);
        if (!hold.isZero()) {
            logger.info("holding {} idle sockets for {} s", online.size(), hold.toSeconds());
            Thread.sleep(hold.toMillis());
        }
        return Outcome.silent(ledger.counts(protocol.acksMessages()));
    }
}
