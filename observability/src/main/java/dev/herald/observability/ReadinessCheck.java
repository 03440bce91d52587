package dev.herald.observability;

/**
 * One condition a service needs to serve, e.g. "NATS reachable". Called on every {@code /health/ready} request
 * (and by whatever mirrors readiness elsewhere, like the gRPC health service): it must answer from state the
 * service already keeps, or with a bounded check, never block for long.
 */
@FunctionalInterface
public interface ReadinessCheck {

    Status check();

    /** The outcome, with a short detail an operator can act on ("connected", "link to 10.0.0.7:9090 down"). */
    record Status(boolean ready, String detail) {

        public static Status ready(String detail) {
            return new Status(true, detail);
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }
    }
}
