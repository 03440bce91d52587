package dev.herald.bench.soak;

import java.util.List;

/** The services' heaps read at the end of minute {@code minute} of sending (1 = the first). */
public record HeapMinute(int minute, List<ServiceHeap> services) {

    public HeapMinute {
        services = List.copyOf(services);
    }
}
