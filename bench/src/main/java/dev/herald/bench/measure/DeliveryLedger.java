package dev.herald.bench.measure;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.BitSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The books of one process's send phase. Messages are numbered 0..planned-1 in this process (their local index);
 * each message goes to {@code receiversPerMessage} receivers, numbered by their socket in this process. The sender
 * thread calls {@link #sent}, socket threads call the rest; {@link #counts} reads a consistent-enough total once the
 * phase has settled.
 */
public final class DeliveryLedger {

    private final Ticker ticker;
    private final MinuteWindows minutes;
    private final int receiversPerMessage;
    private final long[] sendNanos;
    private final SeqBits sent;
    private final SeqBits acked;
    private final SeqBits refused;
    private final SeenDeliveries seen = new SeenDeliveries();
    private final LatencyRecorder latency = new LatencyRecorder();
    private final LatencyRecorder ackLatency = new LatencyRecorder();
    private final LongAdder notSent = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder duplicateAcks = new LongAdder();
    private final LongAdder unknownAcks = new LongAdder();
    private final LongAdder echoes = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private final AtomicLong lastDeliveryNanos = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder sentCount = new LongAdder();
    private final LongAdder ackedCount = new LongAdder();
    private final LongAdder refusedCount = new LongAdder();

    public DeliveryLedger(Ticker ticker, int plannedMessages, int receiversPerMessage) {
        this(ticker, plannedMessages, receiversPerMessage, new MinuteWindows(1));
    }

    /** Books that also count every message, ack and delivery in {@code minutes} by the message's send time. */
    public DeliveryLedger(Ticker ticker, int plannedMessages, int receiversPerMessage, MinuteWindows minutes) {
        this.ticker = requireNonNull(ticker, "ticker");
        this.minutes = requireNonNull(minutes, "minutes");
        checkArgument(plannedMessages >= 0, "plannedMessages: %s (expected: >= 0)", plannedMessages);
        checkArgument(receiversPerMessage >= 0, "receiversPerMessage: %s (expected: >= 0)", receiversPerMessage);
        this.receiversPerMessage = receiversPerMessage;
        this.sendNanos = new long[plannedMessages];
        this.sent = new SeqBits(plannedMessages);
        this.acked = new SeqBits(plannedMessages);
        this.refused = new SeqBits(plannedMessages);
    }

    /** Message {@code message} was handed to its sender's socket at {@code nanos}. */
    public void sent(int message, long nanos) {
        sendNanos[message] = nanos; // published to the socket threads by the volatile write below
        if (sent.set(message)) {
            sentCount.increment();
            minutes.sent(nanos);
        }
    }

    /** Message {@code message} was due but its sender's socket was closed. */
    public void notSent(int message) {
        notSent.increment();
    }

    /** The server acknowledged {@code message}: it is durable. */
    public void acked(long message) {
        if (!sent.inRange(message) || !sent.get((int) message)) {
            unknownAcks.increment();
            return;
        }
        if (!acked.set((int) message)) {
            duplicateAcks.increment();
            return;
        }
        ackedCount.increment();
        ackLatency.recordBetween(sendNanos[(int) message], ticker.nanos());
        minutes.acked(sendNanos[(int) message]);
    }

    /** The server refused {@code message} (an error frame naming it) or the socket failed to send it. */
    public void refused(long message, String kind) {
        error(kind);
        if (sent.inRange(message) && sent.get((int) message) && refused.set((int) message)) {
            refusedCount.increment();
            minutes.refused(sendNanos[(int) message]);
        }
    }

    /** An error frame that names no message of this run. */
    public void error(String kind) {
        requireNonNull(kind, "kind");
        errors.increment();
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** {@code receiver} got message {@code message}, stamped with its send time. */
    public void received(long message, int receiver, long sentAtNanos) {
        if (!sent.inRange(message)) {
            foreign.increment();
            return;
        }
        final long now = ticker.nanos();
        if (!seen.firstTime((int) message, receiver)) {
            duplicates.increment();
            return;
        }
        delivered.increment();
        latency.recordBetween(sentAtNanos, now);
        minutes.delivered(sentAtNanos, now);
        lastDeliveryNanos.accumulateAndGet(now, Math::max);
    }

    /** The sender got its own message back: not a delivery. */
    public void echo() {
        echoes.increment();
    }

    /** A message frame of another run or another process. */
    public void foreign() {
        foreign.increment();
    }

    /** Deliveries plus acks plus refusals: grows while anything is still arriving. */
    public long progress() {
        return delivered.sum() + duplicates.sum() + ackedCount.sum() + refusedCount.sum();
    }

    public long delivered() {
        return delivered.sum();
    }

    public long expectedDeliveries() {
        return (sentCount.sum() - refusedCount.sum()) * receiversPerMessage;
    }

    /** Sent messages that have neither an ack nor a refusal yet. */
    public long unanswered() {
        return sentCount.sum() - ackedCount.sum() - refusedCount.sum();
    }

    public OptionalLong lastDeliveryNanos() {
        final long last = lastDeliveryNanos.get();
        return last == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /**
     * The totals. {@code withAcks}: the server acknowledges messages, so the ones it must store are the acked
     * ones; otherwise every sent message it did not refuse.
     */
    public TrafficCounts counts(boolean withAcks) {
        final Map<String, Long> kinds = new TreeMap<>();
        errorKinds.forEach((kind, n) -> kinds.put(kind, n.sum()));
        final BitSet mustStore;
        if (withAcks) {
            mustStore = acked.toBitSet();
        } else {
            mustStore = sent.toBitSet();
            mustStore.andNot(refused.toBitSet());
        }
        return new TrafficCounts(
                sentCount.sum(), notSent.sum(), withAcks ? ackedCount.sum() : 0, refusedCount.sum(),
                duplicateAcks.sum(), unknownAcks.sum(), receiversPerMessage, expectedDeliveries(), delivered.sum(),
                duplicates.sum(), echoes.sum(), foreign.sum(), errors.sum(), kinds,
                latency.histogram().snapshot(), ackLatency.histogram().snapshot(),
                mustStore.cardinality(), mustStore.toByteArray());
    }
}
