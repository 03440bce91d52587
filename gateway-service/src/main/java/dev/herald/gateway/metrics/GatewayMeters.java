package dev.herald.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;

/**
 * Every meter of the gateway, registered once at startup and handed to the classes that record them.
 *
 * @param requests   requests by event and outcome, and their duration
 * @param sockets    sockets open and closed, sign-ins, frames in and out
 * @param deliveries frames pushed by kind, and the end-to-end latency of messages
 * @param refusals   requests and connections refused by a bound
 */
public record GatewayMeters(RequestMeters requests, SocketMeters sockets, DeliveryMeters deliveries,
        BudgetRefusals refusals) {

    public GatewayMeters {
        requireNonNull(requests, "requests");
        requireNonNull(sockets, "sockets");
        requireNonNull(deliveries, "deliveries");
        requireNonNull(refusals, "refusals");
    }

    /**
     * Registers the gateway's meters in {@code registry}.
     *
     * @param apiEvents the API events the gateway answers ({@code ApiBindings.events()}), besides its own
     *                  {@code online}, {@code message} and {@code offline}
     * @param clock     the wall clock that delivery latency is measured with, against the message-service's
     */
    public static GatewayMeters register(MeterRegistry registry, Set<String> apiEvents, Clock clock) {
        requireNonNull(registry, "registry");
        return new GatewayMeters(new RequestMeters(registry, apiEvents), new SocketMeters(registry),
                new DeliveryMeters(registry, clock), new BudgetRefusals(registry));
    }
}
