package dev.herald.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * A service's readiness: ready when every registered check is. Services register their checks while they start
 * (each part that must be up adds its own), so a part added later cannot be forgotten by a central list.
 */
public final class Readiness {

    private record Named(String name, ReadinessCheck check) {
    }

    private final List<Named> checks = new CopyOnWriteArrayList<>();

    /** Adds a check named {@code name} (e.g. {@code nats}); returns this for chaining. */
    public Readiness add(String name, ReadinessCheck check) {
        checks.add(new Named(name, check));
        return this;
    }

    /** Runs every check; a check that throws is not ready, with the exception as its detail. */
    public ReadinessReport report() {
        Map<String, ReadinessCheck.Status> outcomes = new LinkedHashMap<>();
        boolean ready = !checks.isEmpty();
        for (Named named : checks) {
            ReadinessCheck.Status status;
            try {
                status = named.check().check();
            } catch (RuntimeException e) {
                status = ReadinessCheck.Status.notReady("check failed: " + e);
            }
            outcomes.put(named.name(), status);
            ready &= status.ready();
        }
        return new ReadinessReport(ready, outcomes);
    }
}
