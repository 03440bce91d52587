package dev.herald.bench.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.bench.scenario.SeqSpace;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowAuditTest {

    private final SeqSpace worker0 = new SeqSpace(0, 2);
    private final SeqSpace worker1 = new SeqSpace(1, 2);

    @Test
    void everyPromisedMessageStoredOnceIsClean() {
        final RowAudit audit = audit(bits(0, 1, 2), bits(0, 1));
        row(audit, worker0, 0, 2);
        row(audit, worker0, 1, 2);
        row(audit, worker0, 2, 2);
        row(audit, worker1, 0, 2);
        row(audit, worker1, 1, 2);
        final AuditResult result = audit.result();
        assertThat(result.mustStore()).isEqualTo(5);
        assertThat(result.lost()).isZero();
        assertThat(result.duplicated()).isZero();
        assertThat(result.receiptsMissing()).isZero();
        assertThat(result.receiptRows()).isEqualTo(10);
    }

    @Test
    void aMissingRowIsLostEvenWhenAnUnackedOneTakesItsPlaceInTheCount() {
        final RowAudit audit = audit(bits(0, 1), bits());
        row(audit, worker0, 0, 2);
        row(audit, worker0, 2, 2); // sent but never acked: stored all the same
        final AuditResult result = audit.result();
        assertThat(result.messageRows()).isEqualTo(result.mustStore());
        assertThat(result.lost()).isEqualTo(1);
    }

    @Test
    void countsDuplicatedRowsAndMissingReceipts() {
        final RowAudit audit = audit(bits(0, 1), bits(0));
        row(audit, worker0, 0, 2);
        row(audit, worker0, 0, 2);
        row(audit, worker0, 1, 1);
        row(audit, worker1, 0, 0);
        audit.row("not-a-seq", 1);
        final AuditResult result = audit.result();
        assertThat(result.messageRows()).isEqualTo(5);
        assertThat(result.distinctMessages()).isEqualTo(3);
        assertThat(result.duplicated()).isEqualTo(1);
        assertThat(result.unparsable()).isEqualTo(1);
        assertThat(result.receiptsMissing()).isEqualTo(1 + 2);
        assertThat(result.lost()).isZero();
    }

    private static RowAudit audit(BitSet worker0, BitSet worker1) {
        return new RowAudit(List.of(new StoreExpectation(0, 2, worker0), new StoreExpectation(1, 2, worker1)));
    }

    private static void row(RowAudit audit, SeqSpace space, int local, long receipts) {
        audit.row(Long.toString(space.global(local)), receipts);
    }

    private static BitSet bits(int... indexes) {
        final BitSet bits = new BitSet();
        for (int index : indexes) {
            bits.set(index);
        }
        return bits;
    }
}
