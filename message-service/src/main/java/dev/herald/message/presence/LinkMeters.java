package dev.herald.message.presence;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway links of this instance: how many gateways are linked ({@code herald_gateway_links_connected}), how
 * many deliveries went to them ({@code herald_link_deliveries_total}: one per gateway per pushed event, however
 * many of its users it names) and how many links were ended for falling past their buffer bound
 * ({@code herald_link_buffer_overflows_total}). No gateway id in the labels: the dashboards sum over instances.
 */
public final class LinkMeters {

    private final Counter deliveries;
    private final Counter overflows;

    public LinkMeters(MeterRegistry registry, PresenceTable presence) {
        requireNonNull(registry, "registry");
        Gauge.builder("herald_gateway_links_connected", requireNonNull(presence, "presence"),
                        table -> table.gatewayCount())
                .description("Gateways linked to this message-service")
                .register(registry);
        this.deliveries = Counter.builder("herald_link_deliveries")
                .description("Deliveries pushed to gateways over their links")
                .register(registry);
        this.overflows = Counter.builder("herald_link_buffer_overflows")
                .description("Gateway links ended because their gateway read slower than it was sent to")
                .register(registry);
    }

    void delivered() {
        deliveries.increment();
    }

    void overflowed() {
        overflows.increment();
    }
}
