package dev.herald.bench.persist;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.BitSet;

/**
 * What one worker expects to find stored: the local indexes of the messages the server promised to keep, each
 * with {@code receiversPerMessage} receipts.
 */
public record StoreExpectation(int worker, int receiversPerMessage, BitSet mustStore) {

    public StoreExpectation {
        checkArgument(worker >= 0, "worker: %s (expected: >= 0)", worker);
        mustStore = (BitSet) mustStore.clone();
    }

    @Override
    public BitSet mustStore() {
        return (BitSet) mustStore.clone();
    }

    boolean expects(long local) {
        return local >= 0 && local < Integer.MAX_VALUE && mustStore.get((int) local);
    }
}
