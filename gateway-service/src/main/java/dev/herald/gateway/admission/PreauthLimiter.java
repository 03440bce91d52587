package dev.herald.gateway.admission;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps the sockets of one client address that have not signed in yet ({@code HERALD_PREAUTH_PER_ADDRESS}). A socket
 * takes a {@link Slot} when it connects and gives it back when it signs in or closes, whichever comes first; an
 * address with no slot taken has no entry, so a flood from many addresses leaves nothing behind. Thread-safe.
 */
public final class PreauthLimiter {

    private final int perAddress;
    private final ConcurrentHashMap<InetAddress, Integer> taken = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();

    public PreauthLimiter(int perAddress) {
        if (perAddress <= 0) {
            throw new IllegalArgumentException("perAddress: " + perAddress + " (expected: > 0)");
        }
        this.perAddress = perAddress;
    }

    /** A slot for one more socket of {@code address}; empty (and counted as refused) when it holds them all. */
    public Optional<Slot> acquire(InetAddress address) {
        boolean[] granted = new boolean[1];
        taken.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            granted[0] = current < perAddress;
            return granted[0] ? current + 1 : count;
        });
        if (!granted[0]) {
            refused.increment();
            return Optional.empty();
        }
        return Optional.of(new Slot(address));
    }

    public int perAddress() {
        return perAddress;
    }

    /** Slots {@code address} holds now. */
    public int taken(InetAddress address) {
        return taken.getOrDefault(address, 0);
    }

    /** Addresses holding at least one slot. */
    public int addresses() {
        return taken.size();
    }

    /** Sockets refused since the start. */
    public long refused() {
        return refused.sum();
    }

    /** One socket's place under its address's cap. */
    public final class Slot {

        private final InetAddress address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(InetAddress address) {
            this.address = address;
        }

        public InetAddress address() {
            return address;
        }

        /** Gives the place back; only the first call counts, so sign-in and close may both call it. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                taken.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
