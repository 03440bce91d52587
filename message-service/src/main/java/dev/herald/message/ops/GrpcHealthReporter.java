package dev.herald.message.ops;

import static java.util.Objects.requireNonNull;

import dev.herald.observability.Readiness;
import dev.herald.observability.ReadinessReport;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors the service's readiness in the gRPC health service, every {@code every}: {@code SERVING} when ready,
 * {@code NOT_SERVING} otherwise, for the whole server ({@code ""}) and for each service it serves, so a gRPC
 * client or load balancer checking health sees what {@code /health/ready} says. Logs each change once.
 */
public final class GrpcHealthReporter implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(GrpcHealthReporter.class);

    private final HealthStatusManager health;
    private final Readiness readiness;
    private final List<String> services;
    private final ScheduledExecutorService timer;
    private ServingStatus reported = ServingStatus.UNKNOWN;

    private GrpcHealthReporter(HealthStatusManager health, Readiness readiness, List<String> services) {
        this.health = health;
        this.readiness = readiness;
        this.services = List.copyOf(services);
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("grpc-health-reporter").daemon().factory());
    }

    /** Reports once at once, then every {@code every}. */
    public static GrpcHealthReporter start(HealthStatusManager health, Readiness readiness, List<String> services,
            Duration every) {
        GrpcHealthReporter reporter = new GrpcHealthReporter(requireNonNull(health, "health"),
                requireNonNull(readiness, "readiness"), services);
        reporter.report();
        reporter.timer.scheduleWithFixedDelay(reporter::report, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return reporter;
    }

    /** Stops reporting (before the health service enters its terminal state). */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private synchronized void report() {
        ReadinessReport report = readiness.report();
        ServingStatus status = report.ready() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        services.forEach(service -> health.setStatus(service, status));
        if (status != reported) {
            if (status == ServingStatus.SERVING) {
                logger.atInfo().log("ready: gRPC health reports SERVING");
            } else {
                logger.atWarn().addKeyValue("failing", report.failing())
                        .log("not ready: gRPC health reports NOT_SERVING");
            }
            reported = status;
        }
    }
}
