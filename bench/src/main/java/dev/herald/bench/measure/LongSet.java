package dev.herald.bench.measure;

import static com.google.common.base.Preconditions.checkArgument;

/** An open-addressing set of non-negative longs (linear probing, grows at half full). Not thread-safe. */
final class LongSet {

    private long[] slots = new long[64]; // key + 1; 0 marks an empty slot
    private int size;

    /** Adds {@code key} (>= 0); true if it was not there before. */
    boolean add(long key) {
        checkArgument(key >= 0, "key: %s (expected: >= 0)", key);
        if (size * 2 >= slots.length) {
            grow();
        }
        if (insert(slots, key + 1)) {
            size++;
            return true;
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        final long[] bigger = new long[slots.length * 2];
        for (long stored : slots) {
            if (stored != 0) {
                insert(bigger, stored);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long stored) {
        final int mask = table.length - 1;
        int i = (int) mix(stored) & mask;
        while (table[i] != 0) {
            if (table[i] == stored) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = stored;
        return true;
    }

    static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }
}
