package dev.herald.bench.soak;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One service's heap right after a forced full collection, in MB: its old generation's live objects, the dead
 * space the collection left there ({@link DeadSpace}), and the whole heap's used bytes (dead space included);
 * all null when it could not be read (the process is gone, jcmd cannot attach, or the collector is one
 * {@link GcHeapInfo} does not know).
 */
public record ServiceHeap(String service, long pid, @Nullable Double oldGenMb, @Nullable Double deadSpaceMb,
                          @Nullable Double usedMb) {

    public ServiceHeap {
        requireNonNull(service, "service");
    }
}
