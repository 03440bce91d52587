package dev.herald.stream;

import static java.util.Objects.requireNonNull;

import dev.herald.observability.ReadinessCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;

/**
 * Whether a service's NATS connection is up, from the state the client keeps (no round trip): ready while
 * {@code CONNECTED}; reconnecting, disconnected or closed is not. {@link #bindTo} also shows it as the gauge
 * {@code herald_nats_connected} (1 or 0). No server URL in the detail: one may carry credentials.
 */
public final class NatsConnectionCheck implements ReadinessCheck {

    private final Connection nats;

    public NatsConnectionCheck(Connection nats) {
        this.nats = requireNonNull(nats, "nats");
    }

    /** Registers {@code herald_nats_connected}; returns this. */
    public NatsConnectionCheck bindTo(MeterRegistry registry) {
        Gauge.builder("herald_nats_connected", this, check -> check.connected() ? 1 : 0)
                .description("1 while the NATS connection is up, 0 while it is reconnecting or closed")
                .register(registry);
        return this;
    }

    public boolean connected() {
        return nats.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public Status check() {
        Connection.Status status = nats.getStatus();
        return status == Connection.Status.CONNECTED ? Status.ready("connected")
                : Status.notReady("NATS connection " + status.name().toLowerCase());
    }
}
