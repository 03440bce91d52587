package dev.herald.bench.scenario;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.client.Connection;
import dev.herald.bench.measure.DeliveryLedger;
import dev.herald.bench.measure.MinuteWindows;
import dev.herald.bench.measure.Ticker;
import dev.herald.bench.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code direct} and {@code fanout}: the first senders of this process send their share of the messages
 * open-loop, each to {@code k} distinct random other online users of this process (so the receiver measures the
 * latency on the sender's clock), then the phase settles. {@code room}: the same, each message to the room, which
 * every online user of this process is a member of, so {@code k} is all of them but the sender.
 */
final class TrafficScenario implements Scenario {

    private static final Logger logger = LoggerFactory.getLogger(TrafficScenario.class);
    private static final Duration SETTLE_STALL = Duration.ofSeconds(10);

    private final WorkerPlan plan;
    private final Protocol protocol;
    private final Ticker ticker;
    private final MinuteWindows minutes;
    private final @Nullable String room;

    TrafficScenario(WorkerPlan plan, Protocol protocol, Ticker ticker, MinuteWindows minutes,
                    @Nullable String room) {
        this.plan = requireNonNull(plan, "plan");
        this.protocol = requireNonNull(protocol, "protocol");
        this.ticker = requireNonNull(ticker, "ticker");
        this.minutes = requireNonNull(minutes, "minutes");
        this.room = room;
    }

    @Override
    public Outcome run(List<Connection> online, InboundRouter router) throws InterruptedException {
        final int k = room != null ? online.size() - 1 : Math.max(0, Math.min(plan.fanout(), online.size() - 1));
        final DeliveryLedger ledger = new DeliveryLedger(ticker, plan.messages(), k, minutes);
        router.track(ledger);
        final int senderCount = Math.min(plan.senders(), online.size());
        if (k == 0 || senderCount == 0) {
            logger.warn("cannot send: {} sockets online, {} senders (need 2 online and 1 sender)", online.size(),
                        senderCount);
            for (int i = 0; i < plan.messages(); i++) {
                ledger.notSent(i);
            }
            return Outcome.silent(ledger.counts(protocol.acksMessages()));
        }
        final List<Connection> senders = online.subList(0, senderCount);
        // A room message names no receivers: no picking (Floyd's sampling would cost k draws per message).
        final ReceiverPicker picker = new ReceiverPicker(online.size(), room != null ? 0 : k,
                                                         new SplittableRandom(plan.seed() + plan.worker()));
        final BodyCodec bodies = new BodyCodec(plan.bodyBytes());
        final SeqSpace seqs = plan.seqs();
        logger.info("sending {} messages at {}/s from {} senders to {} receivers each", plan.messages(),
                    Math.round(plan.rate() * 10) / 10.0, senderCount, k);
        minutes.start(ticker.nanos());
        final OpenLoopSender.Timing timing = new OpenLoopSender(ticker).run(plan.messages(), plan.rate(), i -> {
            final int senderPosition = i % senderCount;
            final Connection sender = senders.get(senderPosition);
            if (!sender.isOnline()) {
                ledger.notSent(i);
                return;
            }
            final long seq = seqs.global(i);
            final long now = ticker.nanos();
            final String body = bodies.encode(now, seq);
            final String frame = room != null
                    ? protocol.roomMessageFrame(room, plan.tag(), body, seq)
                    : protocol.messageFrame(sender.user(), ids(online, picker.pick(senderPosition)), plan.tag(),
                                            body, seq);
            ledger.sent(i, now);
            sender.send(frame, i);
        });
        logger.info("sent {} messages in {} s; settling ({}/{} delivered)", plan.messages(),
                    Math.round(timing.seconds() * 100) / 100.0, ledger.delivered(), ledger.expectedDeliveries());
        new Settler(ticker, plan.settleMax(), SETTLE_STALL).settle(ledger, protocol.acksMessages());
        return new Outcome(ledger.counts(protocol.acksMessages()), timing, ledger.lastDeliveryNanos());
    }

    private static List<String> ids(List<Connection> online, int[] positions) {
        final List<String> ids = new ArrayList<>(positions.length);
        for (int position : positions) {
            ids.add(online.get(position).user().id());
        }
        return ids;
    }
}
