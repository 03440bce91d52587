package dev.herald.bench.persist;

import static com.google.common.base.Preconditions.checkArgument;

import dev.herald.bench.scenario.SeqSpace;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Checks the run's rows one by one ({@code (seq, receipts)} per stored message) against the messages each worker
 * was promised, so that "lost" names acked messages that are missing, not a difference of two counts.
 */
public final class RowAudit {

    private final int processes;
    private final List<StoreExpectation> expected;
    private final List<BitSet> seen = new ArrayList<>();
    private long rows;
    private long distinct;
    private long receipts;
    private long receiptsMissing;
    private long unparsable;

    /** {@code expected} holds one entry per worker, in worker order. */
    public RowAudit(List<StoreExpectation> expected) {
        this.expected = List.copyOf(expected);
        this.processes = this.expected.size();
        checkArgument(processes > 0, "expected: empty (expected: one entry per worker)");
        for (int w = 0; w < processes; w++) {
            checkArgument(this.expected.get(w).worker() == w, "expected[%s] is worker %s", w,
                          this.expected.get(w).worker());
            seen.add(new BitSet());
        }
    }

    /** One stored message: the seq field of its body (as text) and its number of receipt rows. */
    public void row(String seqText, long receiptRows) {
        rows++;
        receipts += receiptRows;
        final long seq;
        try {
            seq = Long.parseLong(seqText);
        } catch (NumberFormatException e) {
            // A body this generator did not write under this run's title.
            unparsable++;
            return;
        }
        if (seq < 0) {
            unparsable++;
            return;
        }
        final int worker = SeqSpace.workerOf(seq, processes);
        final long local = new SeqSpace(worker, processes).local(seq);
        if (local >= Integer.MAX_VALUE) {
            unparsable++;
            return;
        }
        final BitSet workerSeen = seen.get(worker);
        if (workerSeen.get((int) local)) {
            return; // a duplicate row: counted as messageRows - distinctMessages
        }
        workerSeen.set((int) local);
        distinct++;
        final StoreExpectation expectation = expected.get(worker);
        if (expectation.expects(local)) {
            receiptsMissing += Math.max(0, expectation.receiversPerMessage() - receiptRows);
        }
    }

    public AuditResult result() {
        long mustStore = 0;
        long stored = 0;
        for (int w = 0; w < processes; w++) {
            final BitSet promised = expected.get(w).mustStore();
            mustStore += promised.cardinality();
            promised.and(seen.get(w));
            stored += promised.cardinality();
        }
        return new AuditResult(rows, distinct, rows - distinct - unparsable, receipts, mustStore, mustStore - stored,
                               receiptsMissing, unparsable);
    }
}
