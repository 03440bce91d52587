package dev.herald.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code herald_gateway_requests_total{event,outcome}} and {@code herald_gateway_request_duration_seconds{event}}:
 * every request a client sends, by event and by how it was answered ({@code ok}, or the status of its
 * {@code exception} in lower case: {@code invalid_argument}, {@code resource_exhausted}, …). The duration runs from
 * the frame's arrival to its ack being queued on the socket, for requests answered {@code ok} (a refusal answered at
 * once would hide the latency of the ones served); the {@code message} event's is the send ack latency. An event the
 * gateway does not know is counted as {@value #UNKNOWN}: event names come from clients, label values must not.
 */
public final class RequestMeters {

    /** The event label of a frame whose event is not one the gateway answers (or could not be read). */
    public static final String UNKNOWN = "unknown";

    /** The events the gateway answers itself; the API events come from its bindings. */
    private static final Set<String> OWN_EVENTS = Set.of("online", "message", "offline");

    private final Map<String, EventMeters> byEvent;
    private final EventMeters unknown;

    RequestMeters(MeterRegistry registry, Set<String> apiEvents) {
        requireNonNull(registry, "registry");
        Map<String, EventMeters> table = new HashMap<>();
        for (String event : OWN_EVENTS) {
            table.put(event, new EventMeters(registry, event));
        }
        for (String event : apiEvents) {
            table.put(event, new EventMeters(registry, event));
        }
        this.unknown = table.computeIfAbsent(UNKNOWN, event -> new EventMeters(registry, event));
        this.byEvent = Map.copyOf(table);
    }

    /** The meters of {@code event}, or of {@value #UNKNOWN} when the gateway does not answer it. */
    public EventMeters of(String event) {
        return byEvent.getOrDefault(event, unknown);
    }

    /** The meters of one event: its outcomes and its duration. */
    public static final class EventMeters {

        private static final Status.Code[] CODES = Status.Code.values();

        private final MeterRegistry registry;
        private final String event;
        private final Counter ok;
        private final Timer duration;
        /** Failure counters by status code, registered on first use: most events never see most codes. */
        private final AtomicReferenceArray<Counter> failed = new AtomicReferenceArray<>(CODES.length);

        private EventMeters(MeterRegistry registry, String event) {
            this.registry = registry;
            this.event = event;
            this.ok = counter(registry, event, "ok");
            this.duration = Timer.builder("herald_gateway_request_duration")
                    .description("Time from a request's frame to its ack queued on the socket, for requests answered ok")
                    .tag("event", event)
                    .serviceLevelObjectives(LatencyBuckets.BOUNDS)
                    .register(registry);
        }

        /** The request was answered with an ack; {@code receivedNanos} is {@link System#nanoTime} at its arrival. */
        public void ok(long receivedNanos) {
            ok.increment();
            duration.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
        }

        /** The request was answered with an {@code exception} of {@code status}. */
        public void failed(Status.Code status) {
            int index = status.ordinal();
            Counter counter = failed.get(index);
            if (counter == null) {
                // Registering twice returns the same counter: a race here costs a lookup, not a count.
                counter = counter(registry, event, status.name().toLowerCase(Locale.ROOT));
                failed.set(index, counter);
            }
            counter.increment();
        }

        private static Counter counter(MeterRegistry registry, String event, String outcome) {
            return Counter.builder("herald_gateway_requests")
                    .description("Requests of clients by event and outcome (ok, or the status of the exception)")
                    .tag("event", event)
                    .tag("outcome", outcome)
                    .register(registry);
        }
    }
}
