package dev.herald.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.gateway.protocol.ServerEvent;
import io.grpc.Status;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GatewayMetersTest {

    private static final Instant NOW = Instant.parse("2026-12-05T20:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GatewayMeters meters = GatewayMeters.register(registry, Set.of("inbox"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void eventsTheGatewayDoesNotAnswerAreCountedAsUnknown() {
        meters.requests().of("inbox").failed(Status.Code.INVALID_ARGUMENT);
        meters.requests().of("drop-table-users").failed(Status.Code.INVALID_ARGUMENT);

        assertThat(registry.scrape())
                .contains("herald_gateway_requests_total{event=\"inbox\",outcome=\"invalid_argument\"} 1.0")
                .contains("herald_gateway_requests_total{event=\"unknown\",outcome=\"invalid_argument\"} 1.0")
                .doesNotContain("drop-table-users");
    }

    @Test
    void aLatencyBelowZeroFromClockSkewCountsAsZero() {
        ServerEvent.Delivered fromTheFuture = new ServerEvent.Delivered("m", "alice", "Alice", List.of("bob"), "",
                "hi", "", NOW.plusMillis(40));
        meters.deliveries().queued(fromTheFuture.createdAt());
        meters.deliveries().queued(NOW.minusMillis(3));
        meters.deliveries().delivered(fromTheFuture, 2);

        assertThat(registry.scrape())
                .contains("herald_gateway_delivery_latency_seconds_count 2")
                .contains("herald_gateway_delivery_latency_seconds_sum 0.003")
                .contains("herald_gateway_delivery_latency_seconds_bucket{le=\"2.5E-4\"} 1")
                .contains("herald_gateway_deliveries_total{kind=\"message\"} 2.0");
    }

    @Test
    void closeCodesAClientMayPickFreelyShareOneLabel() {
        meters.sockets().closed(1000);
        meters.sockets().closed(4029);
        meters.sockets().closed(3999);
        meters.sockets().closed(4500);

        assertThat(registry.scrape())
                .contains("herald_gateway_sockets_closed_total{code=\"1000\"} 1.0")
                .contains("herald_gateway_sockets_closed_total{code=\"4029\"} 1.0")
                .contains("herald_gateway_sockets_closed_total{code=\"other\"} 2.0")
                .doesNotContain("3999").doesNotContain("4500");
    }

    @Test
    void refusalsCountedHereAndByTheGuardsShareOneName() {
        AtomicLong refusedByTheGuard = new AtomicLong(7);
        meters.refusals().watch(BudgetRefusals.Budget.PREAUTH_PER_ADDRESS, refusedByTheGuard, AtomicLong::get);
        meters.refusals().refused(BudgetRefusals.Budget.SOCKET_IN_FLIGHT);

        assertThat(registry.scrape())
                .contains("herald_gateway_call_budget_refusals_total{budget=\"preauth_per_address\"} 7.0")
                .contains("herald_gateway_call_budget_refusals_total{budget=\"socket_in_flight\"} 1.0")
                .contains("herald_gateway_call_budget_refusals_total{budget=\"gateway_in_flight\"} 0.0");
        assertThatThrownBy(() -> meters.refusals().refused(BudgetRefusals.Budget.FILE_DESCRIPTORS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
