package dev.herald.observability;

import dev.herald.config.Env;

/**
 * Where a service serves its operations endpoint. Loopback by default: metrics name the service's internals, so
 * exposing them is a deployment's choice ({@code HERALD_OPS_HOST=0.0.0.0} in the container files, with network
 * policies letting only the scraper and the kubelet in).
 *
 * @param host {@code HERALD_OPS_HOST}, default {@value #DEFAULT_HOST}
 * @param port {@code HERALD_OPS_PORT}, the service's default (gateway 8180, message-service 9190, worker 9290);
 *     0 picks a free port
 */
public record OpsSettings(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public static OpsSettings from(Env env, int defaultPort) {
        return new OpsSettings(env.string("HERALD_OPS_HOST", DEFAULT_HOST),
                env.integer("HERALD_OPS_PORT", defaultPort, 0, 65535));
    }
}
