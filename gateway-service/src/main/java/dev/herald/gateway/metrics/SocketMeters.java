package dev.herald.gateway.metrics;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets of the gateway: {@code herald_gateway_sockets_open}, {@code herald_gateway_sockets_closed_total{code}},
 * {@code herald_gateway_signins_total{outcome}} (a socket's first {@code online}; token refreshes are requests only),
 * {@code herald_gateway_frames_received_total} and {@code herald_gateway_frames_sent_total} (text frames of events,
 * not pings).
 */
public final class SocketMeters {

    /**
     * The close codes counted under their own label: RFC 6455's and Herald's 4029. A client may close with any code
     * from 3000 to 4999, so the others are counted as {@code other}.
     */
    private static final int FIRST_RFC_CODE = 1000;
    private static final int LAST_RFC_CODE = 1015;
    private static final int TOO_MANY_SOCKETS = 4029;

    private final MeterRegistry registry;
    private final Counter framesReceived;
    private final Counter framesSent;
    private final Counter signedIn;
    private final Map<String, Counter> closedByCode = new ConcurrentHashMap<>();
    private final Map<Status.Code, Counter> signInFailures = new ConcurrentHashMap<>();

    SocketMeters(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
        this.framesReceived = Counter.builder("herald_gateway_frames_received")
                .description("WebSocket text and binary messages received from clients").register(registry);
        this.framesSent = Counter.builder("herald_gateway_frames_sent")
                .description("Event frames queued on sockets: answers and deliveries").register(registry);
        this.signedIn = signIns("ok");
    }

    /** Reports the size of {@code open} as the sockets open now; read when scraped. */
    public void watchOpen(Collection<?> open) {
        Gauge.builder("herald_gateway_sockets_open", open, Collection::size)
                .description("WebSocket sockets open on this gateway, signed in or not").register(registry);
    }

    /** A socket closed with {@code code} (RFC 6455 status of its close frame, 1006 when it broke). */
    public void closed(int code) {
        String label = code >= FIRST_RFC_CODE && code <= LAST_RFC_CODE || code == TOO_MANY_SOCKETS
                ? Integer.toString(code) : "other";
        closedByCode.computeIfAbsent(label, key -> Counter.builder("herald_gateway_sockets_closed")
                .description("Sockets closed, by close code").tag("code", key).register(registry)).increment();
    }

    /** A socket's first {@code online} succeeded. */
    public void signedIn() {
        signedIn.increment();
    }

    /** A socket's first {@code online} failed with {@code status}. */
    public void signInFailed(Status.Code status) {
        signInFailures.computeIfAbsent(status, code -> signIns(code.name().toLowerCase(Locale.ROOT))).increment();
    }

    public void frameReceived() {
        framesReceived.increment();
    }

    public void frameSent() {
        framesSent.increment();
    }

    private Counter signIns(String outcome) {
        return Counter.builder("herald_gateway_signins")
                .description("First sign-ins of sockets, by outcome (ok, or the status of the exception)")
                .tag("outcome", outcome).register(registry);
    }
}
