package dev.herald.gateway.metrics;

import dev.herald.gateway.backend.CallBudget;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's bound on calls to the message-service in flight, read at each scrape: {@code
 * herald_gateway_calls_in_flight_limit}, where the adaptive limit stands (it drops when calls queue past the latency
 * target, and the refusals in {@code herald_gateway_call_budget_refusals_total{budget="gateway_in_flight"}} rise with
 * it), and {@code herald_gateway_calls_in_flight}, the calls taking a slot now.
 */
public final class CallLimitMeters {

    private CallLimitMeters() {
    }

    public static void bind(MeterRegistry registry, CallBudget calls) {
        Gauge.builder("herald_gateway_calls_in_flight_limit", calls, CallBudget::limit).strongReference(true)
                .description("the bound on calls to the message-service in flight; adaptive, it follows their latency")
                .register(registry);
        Gauge.builder("herald_gateway_calls_in_flight", calls, CallBudget::inFlight).strongReference(true)
                .description("calls to the message-service in flight").register(registry);
    }
}
