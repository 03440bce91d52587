package dev.herald.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code herald_gateway_call_budget_refusals_total{budget}}: what every bound of the gateway refused. A rise says
 * which limit clients meet: the gateway's or a socket's calls in flight, a rate refusal still in force, a user's
 * sockets, events waiting for a sign-in, an address's sockets not signed in, the open-file reserve.
 */
public final class BudgetRefusals {

    /** The bounds, with their label values. */
    public enum Budget {
        /** {@code HERALD_MAX_CALLS_IN_FLIGHT}: the gateway's calls to the message-service in flight. */
        GATEWAY_IN_FLIGHT("gateway_in_flight"),
        /** {@code HERALD_SOCKET_MAX_IN_FLIGHT}: one socket's calls in flight. */
        SOCKET_IN_FLIGHT("socket_in_flight"),
        /** An event the message-service refused for the user's rate, refused again until its delay passed. */
        REFUSED_UNTIL("refused_until"),
        /** {@code HERALD_MAX_SOCKETS_PER_USER}: a sign-in over the user's sockets on this gateway. */
        SOCKETS_PER_USER("sockets_per_user"),
        /** Events sent while the socket's first sign-in is in progress, past the most that may wait. */
        EARLY_EVENTS("early_events"),
        /** {@code HERALD_PREAUTH_PER_ADDRESS}: a connection over its address's sockets not signed in. */
        PREAUTH_PER_ADDRESS("preauth_per_address"),
        /** {@code HERALD_RESERVED_FILE_DESCRIPTORS}: a connection refused near the open-file limit. */
        FILE_DESCRIPTORS("file_descriptors");

        private final String label;

        Budget(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final String NAME = "herald_gateway_call_budget_refusals";
    private static final String DESCRIPTION = "Requests and connections refused by a bound of the gateway";

    private final MeterRegistry registry;
    private final Map<Budget, Counter> counters = new EnumMap<>(Budget.class);

    BudgetRefusals(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
        for (Budget budget : Budget.values()) {
            if (budget != Budget.PREAUTH_PER_ADDRESS && budget != Budget.FILE_DESCRIPTORS) {
                counters.put(budget, Counter.builder(NAME).description(DESCRIPTION).tag("budget", budget.label())
                        .register(registry));
            }
        }
    }

    /** One refusal by {@code budget}. */
    public void refused(Budget budget) {
        Counter counter = counters.get(budget);
        if (counter == null) {
            throw new IllegalArgumentException("budget: " + budget + " (expected: one counted here, not watched)");
        }
        counter.increment();
    }

    /**
     * Reports the refusals {@code source} counts itself (the transport's guards keep their own counts) under
     * {@code budget}; read when scraped.
     */
    public <T> void watch(Budget budget, T source, ToDoubleFunction<T> refusals) {
        FunctionCounter.builder(NAME, source, refusals).description(DESCRIPTION).tag("budget", budget.label())
                .register(registry);
    }
}
