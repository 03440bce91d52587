package dev.herald.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.backend.AdaptiveLimit;
import dev.herald.gateway.backend.CallBudget;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallLimitMetersTest {

    @Test
    void exposesTheLimitOfTheMomentAndTheCallsInFlight() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CallBudget calls = CallBudget.adaptive(
                new AdaptiveLimit(4, 64, Duration.ofMillis(200), Duration.ofMillis(100)), System::nanoTime);
        CallLimitMeters.bind(registry, calls);
        calls.tryAcquire();
        calls.tryAcquire();

        assertThat(registry.scrape())
                .contains("herald_gateway_calls_in_flight_limit 64.0")
                .contains("herald_gateway_calls_in_flight 2.0");
    }
}
