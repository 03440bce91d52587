package dev.herald.bench.report;

import org.jspecify.annotations.Nullable;

/**
 * Whether a run lost or duplicated anything. Lost: an expected delivery never arrived, a promised message has no
 * row, or a stored message lacks receipts. Duplicated: a receiver got the same message twice, or a message has
 * two rows. A persistence check that could not run counts as a failure of both, since nothing was proven.
 */
public record Verdict(boolean zeroLost, boolean zeroDuplicated) {

    public static Verdict of(RunReport.@Nullable Send send, RunReport.@Nullable Persistence persistence) {
        boolean lost = false;
        boolean duplicated = false;
        if (send != null) {
            lost |= send.missingDeliveries() > 0;
            duplicated |= send.duplicatesReceived() > 0;
        }
        if (persistence != null) {
            final boolean unchecked = persistence.error() != null;
            lost |= unchecked || persistence.lost() > 0 || persistence.receiptsMissing() > 0;
            duplicated |= unchecked || persistence.duplicated() > 0;
        }
        return new Verdict(!lost, !duplicated);
    }

    public boolean passed() {
        return zeroLost && zeroDuplicated;
    }
}
