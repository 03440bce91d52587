package dev.herald.observability;

import java.util.Map;
import java.util.stream.Collectors;

/** The outcome of every readiness check, as {@code /health/ready} answers it. */
public record ReadinessReport(boolean ready, Map<String, ReadinessCheck.Status> checks) {

    public ReadinessReport {
        checks = Map.copyOf(checks);
    }

    /** {@code {"status":"UP","checks":{"nats":{"ready":true,"detail":"connected"}}}}, or {@code DOWN}. */
    public String toJson() {
        String body = checks.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> JsonText.quote(e.getKey()) + ":{\"ready\":" + e.getValue().ready() + ",\"detail\":"
                        + JsonText.quote(e.getValue().detail()) + "}")
                .collect(Collectors.joining(","));
        return "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\",\"checks\":{" + body + "}}";
    }

    /** The names of the checks that are not ready, for a log line. */
    public String failing() {
        return checks.entrySet().stream().filter(e -> !e.getValue().ready())
                .map(e -> e.getKey() + ": " + e.getValue().detail()).sorted().collect(Collectors.joining("; "));
    }
}
