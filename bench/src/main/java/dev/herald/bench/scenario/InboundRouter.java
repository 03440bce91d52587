package dev.herald.bench.scenario;

import static java.util.Objects.requireNonNull;

import dev.herald.bench.client.Connection;
import dev.herald.bench.measure.DeliveryLedger;
import dev.herald.bench.protocol.Inbound;
import dev.herald.bench.protocol.Protocol;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Turns every server frame into a fact for the books: online acks settle the connect phase; acks, deliveries and
 * errors go to the phase's {@link DeliveryLedger} once it is {@linkplain #track tracked}. An error frame before
 * {@code online} is acknowledged fails that socket's connect; one after it but before the phase is counted apart.
 */
final class InboundRouter implements Connection.Sink {

    static final String SEND_FAILED = "SEND_FAILED";

    private final Protocol protocol;
    private final String tag;
    private final SeqSpace seqs;
    private final Map<String, LongAdder> earlyErrors = new ConcurrentHashMap<>();
    private final LongAdder closedUnexpectedly = new LongAdder();
    private volatile @Nullable DeliveryLedger ledger;

    InboundRouter(Protocol protocol, String tag, SeqSpace seqs) {
        this.protocol = requireNonNull(protocol, "protocol");
        this.tag = requireNonNull(tag, "tag");
        this.seqs = requireNonNull(seqs, "seqs");
    }

    /** From now on, message traffic is booked in {@code ledger}. */
    void track(DeliveryLedger ledger) {
        this.ledger = requireNonNull(ledger, "ledger");
    }

    @Override
    public void frame(Connection connection, String text) {
        final DeliveryLedger books = ledger;
        switch (protocol.decode(text)) {
            case Inbound.OnlineAck ack -> connection.markOnline();
            case Inbound.MessageAck ack -> {
                if (books != null) {
                    books.acked(seqs.local(ack.seq()));
                }
            }
            case Inbound.Delivery delivery -> {
                if (books != null) {
                    deliver(books, connection, delivery);
                }
            }
            case Inbound.Failure failure -> fail(books, connection, failure);
            case Inbound.Other other -> {
                // Presence notices and the like: not part of the measurement.
            }
        }
    }

    @Override
    public void sendFailed(Connection connection, long message) {
        final DeliveryLedger books = ledger;
        if (message >= 0 && books != null) {
            books.refused(message, SEND_FAILED);
        }
    }

    @Override
    public void closed(Connection connection) {
        closedUnexpectedly.increment();
    }

    long closedUnexpectedly() {
        return closedUnexpectedly.sum();
    }

    /** Error frames between going online and the start of the phase, with counts. */
    Map<String, Long> earlyErrors() {
        final Map<String, Long> kinds = new TreeMap<>();
        earlyErrors.forEach((kind, n) -> kinds.put(kind, n.sum()));
        return kinds;
    }


    private void deliver(DeliveryLedger books, Connection connection, Inbound.Delivery delivery) {
        if (!tag.equals(delivery.title())) {
            books.foreign();
            return;
        }
        if (delivery.senderId().equals(connection.user().id())) {
            books.echo();
            return;
        }
        final Optional<Stamp> stamp = BodyCodec.decode(delivery.body());
        if (stamp.isEmpty()) {
            books.foreign();
            return;
        }
        books.received(seqs.local(stamp.get().seq()), connection.index(), stamp.get().sendNanos());
    }

    private void fail(@Nullable DeliveryLedger books, Connection connection, Inbound.Failure failure) {
        if (!connection.isOnline()) {
            connection.failOnline(failure.kind());
        } else if (books == null) {
            earlyErrors.computeIfAbsent(failure.kind(), k -> new LongAdder()).increment();
        } else if (failure.seq().isPresent()) {
            books.refused(seqs.local(failure.seq().getAsLong()), failure.kind());
        } else {
            books.error(failure.kind());
        }
    }
}
