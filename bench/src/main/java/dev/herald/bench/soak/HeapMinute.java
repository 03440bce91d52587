package dev.herald.bench.soak;

import java.util.List;

/**
 * The services' heaps read at the end of minute {@code minute} of sending (1 = the first), and how long reading
 * them took (the forced collections plus a jcmd start per service).
 */
public record HeapMinute(int minute, List<ServiceHeap> services, double readS) {

    public HeapMinute {
        services = List.copyOf(services);
    }
}
