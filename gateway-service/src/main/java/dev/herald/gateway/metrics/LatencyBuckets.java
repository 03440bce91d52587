package dev.herald.gateway.metrics;

import java.time.Duration;

/**
 * The bucket bounds of the gateway's latency histograms, so Grafana can take quantiles with
 * {@code histogram_quantile}: from a quarter of a millisecond (a loopback round trip) to 30 s (past the backend's
 * default deadline of 10 s). Sixteen explicit buckets rather than Micrometer's percentile histogram (about 70 over the
 * same range) keep the series per event few.
 */
final class LatencyBuckets {

    static final Duration[] BOUNDS = seconds(0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1, 2.5, 5, 10, 30);

    private LatencyBuckets() {}

    private static Duration[] seconds(double... bounds) {
        Duration[] durations = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(bounds[i] * 1e9));
        }
        return durations;
    }
}
