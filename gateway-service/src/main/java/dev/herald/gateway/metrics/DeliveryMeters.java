package dev.herald.gateway.metrics;

import static java.util.Objects.requireNonNull;

import dev.herald.gateway.protocol.ServerEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What the message-services push through this gateway: {@code herald_gateway_deliveries_total{kind}}, the frames
 * queued on sockets by kind ({@code message}, {@code read}, {@code recalled}, {@code presence}, {@code typing},
 * {@code room}, {@code resync}), and {@code herald_gateway_delivery_latency_seconds}, the end-to-end latency of a
 * message: from its {@code createdAt} (the message-service's clock, when it accepted it) to its frame queued on a
 * recipient's socket (this gateway's clock), once per socket. Clocks of different hosts differ: a negative latency
 * from that skew is counted as 0.
 */
public final class DeliveryMeters {

    private final Clock clock;
    private final Counter messages;
    private final Counter reads;
    private final Counter recalls;
    private final Counter presence;
    private final Counter typing;
    private final Counter rooms;
    private final Counter resyncs;
    private final Timer latency;

    DeliveryMeters(MeterRegistry registry, Clock clock) {
        requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
        this.messages = kind(registry, "message");
        this.reads = kind(registry, "read");
        this.recalls = kind(registry, "recalled");
        this.presence = kind(registry, "presence");
        this.typing = kind(registry, "typing");
        this.rooms = kind(registry, "room");
        this.resyncs = kind(registry, "resync");
        this.latency = Timer.builder("herald_gateway_delivery_latency")
                .description("From a message's creation at the message-service to its frame queued on a socket")
                .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                .register(registry);
    }

    /** {@code event}'s frame was queued on {@code sockets} sockets. */
    public void delivered(ServerEvent.Pushed event, int sockets) {
        if (sockets == 0) {
            return;
        }
        Counter kind = switch (event) {
            case ServerEvent.Delivered message -> messages;
            case ServerEvent.ReadReceipt read -> reads;
            case ServerEvent.Recalled recalled -> recalls;
            case ServerEvent.Presence change -> presence;
            case ServerEvent.Typing notice -> typing;
            case ServerEvent.RoomChanged change -> rooms;
        };
        kind.increment(sockets);
    }

    /** A {@code resync} was queued on {@code sockets} sockets. */
    public void resynced(int sockets) {
        if (sockets > 0) {
            resyncs.increment(sockets);
        }
    }

    /** A message created at {@code createdAt} was queued on one more socket, now. */
    public void queued(Instant createdAt) {
        Instant now = clock.instant();
        long nanos = (now.getEpochSecond() - createdAt.getEpochSecond()) * 1_000_000_000L
                + now.getNano() - createdAt.getNano();
        latency.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    private static Counter kind(MeterRegistry registry, String kind) {
        return Counter.builder("herald_gateway_deliveries")
                .description("Frames pushed to sockets by the message-services, by kind").tag("kind", kind)
                .register(registry);
    }
}
