package dev.herald.gateway.metrics;

import dev.herald.gateway.link.GatewayLinks;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's links to the message-service instances, read from the links' own state at each scrape: how many
 * instances the targets resolve to, how many of them are linked, and how often a link that worked was lost and
 * reopened. Labelled by nothing but the service: instance addresses come and go with discovery.
 */
public final class LinkMeters {

    private LinkMeters() {
    }

    public static void bind(MeterRegistry registry, GatewayLinks links) {
        Gauge.builder("herald_gateway_links_resolved", links, l -> l.state().instances().size())
                .description("message-service instances the targets resolve to").register(registry);
        Gauge.builder("herald_gateway_links_up", links, l -> l.state().linked().size())
                .description("message-service instances whose link is up (hello acknowledged)").register(registry);
        FunctionCounter.builder("herald_gateway_link_reconnects", links, GatewayLinks::linkLosses)
                .description("links that worked, ended and were reopened").register(registry);
    }
}
