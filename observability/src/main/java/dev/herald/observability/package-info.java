/**
 * What operators see of every service: a Prometheus registry with the JVM's own meters
 * ({@link dev.herald.observability.ServiceMeters}), and the operations HTTP endpoint
 * ({@link dev.herald.observability.OpsHttpServer}) serving {@code /metrics}, {@code /health/live} and
 * {@code /health/ready} from the checks each service registers in its {@link dev.herald.observability.Readiness}.
 */
@NullMarked
package dev.herald.observability;

import org.jspecify.annotations.NullMarked;
