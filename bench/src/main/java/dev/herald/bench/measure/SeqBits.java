package dev.herald.bench.measure;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLongArray;

/** A fixed-size set of message indexes that many threads add to without locks. */
final class SeqBits {

    private final AtomicLongArray words;
    private final int size;

    SeqBits(int size) {
        checkArgument(size >= 0, "size: %s (expected: >= 0)", size);
        this.size = size;
        this.words = new AtomicLongArray((size + 63) >>> 6);
    }

    boolean inRange(long index) {
        return index >= 0 && index < size;
    }

    /** Adds {@code index}; true if it was not there before. */
    boolean set(int index) {
        final long bit = 1L << index;
        final int word = index >>> 6;
        long old;
        do {
            old = words.get(word);
            if ((old & bit) != 0) {
                return false;
            }
        } while (!words.compareAndSet(word, old, old | bit));
        return true;
    }

    boolean get(int index) {
        return (words.get(index >>> 6) & (1L << index)) != 0;
    }

    BitSet toBitSet() {
        final long[] copy = new long[words.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = words.get(i);
        }
        return BitSet.valueOf(copy);
    }
}
