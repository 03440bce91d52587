package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * One row of the fault matrix: what the senders were told and what PostgreSQL and the receivers ended up with.
 * {@code lost} is every acked message not stored once under its acked id ({@code notStored}), plus every dead letter,
 * plus every acked message a receiver never got, live or by sync ({@code unseen}).
 */
record FaultReport(String row, int sent, int acked, int refused, long stored, long notStored, long deadLetters,
        long unseen, long duplicated, double seconds, int retried, int synced, int reconnects,
        Map<String, Integer> refusals) {

    long lost() {
        return notStored + deadLetters + unseen;
    }

    String line() {
        return "fault-matrix row=%s sent=%d acked=%d refused=%d stored=%d lost=%d duplicated=%d seconds=%.1f"
                .formatted(row, sent, acked, refused, stored, lost(), duplicated, seconds)
                + " retried=%d synced=%d reconnects=%d refusals=%s notStored=%d deadLetters=%d unseen=%d"
                .formatted(retried, synced, reconnects, refusals, notStored, deadLetters, unseen);
    }

    /** Prints the line and asserts the guarantee: every acked message stored once and received once. */
    FaultReport printAndCheck() {
        System.out.println(line());
        assertThat(acked).as("acked messages (%s)", line()).isPositive();
        assertThat(lost()).as("lost (%s)", line()).isZero();
        assertThat(duplicated).as("duplicated (%s)", line()).isZero();
        return this;
    }
}
