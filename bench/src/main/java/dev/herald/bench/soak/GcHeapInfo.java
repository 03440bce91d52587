package dev.herald.bench.soak;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code jcmd PID GC.heap_info}: the old generation's used bytes and the whole heap's. Knows
 * the serial ({@code DefNew}/{@code Tenured}, what {@code deploy/local/run.sh} starts), parallel
 * ({@code PSYoungGen}/{@code ParOldGen}) and G1 collectors; for G1 the old part is the heap's used bytes less its
 * young regions. Right after a full collection the young generation is (nearly) empty, so the old generation is
 * what survived.
 */
final class GcHeapInfo {

    /** Kilobytes: what the old generation holds, and the whole heap. */
    record Reading(long oldGenKb, long usedKb) {}

    private static final Pattern OLD = Pattern.compile(
            "(?m)^\\s*(?:Tenured|tenured generation|ParOldGen|PSOldGen)\\s+total \\d+K, used (\\d+)K");
    private static final Pattern YOUNG = Pattern.compile(
            "(?m)^\\s*(?:DefNew|def new generation|PSYoungGen)\\s+total \\d+K, used (\\d+)K");
    private static final Pattern G1_USED = Pattern.compile("(?m)^\\s*garbage-first heap\\s+total[^\\n]*?used (\\d+)K");
    private static final Pattern G1_YOUNG = Pattern.compile("(?m)\\b(\\d+) young \\((\\d+)K\\)");

    private GcHeapInfo() {}

    /** The reading, or empty when the output names no collector this knows (or is an error). */
    static Optional<Reading> parse(String heapInfo) {
        final Matcher old = OLD.matcher(heapInfo);
        if (old.find()) {
            final long oldKb = Long.parseLong(old.group(1));
            final Matcher young = YOUNG.matcher(heapInfo);
            return Optional.of(new Reading(oldKb, oldKb + (young.find() ? Long.parseLong(young.group(1)) : 0)));
        }
        final Matcher g1 = G1_USED.matcher(heapInfo);
        if (g1.find()) {
            final long usedKb = Long.parseLong(g1.group(1));
            final Matcher young = G1_YOUNG.matcher(heapInfo);
            final long youngKb = young.find() ? Long.parseLong(young.group(2)) : 0;
            return Optional.of(new Reading(Math.max(0, usedKb - youngKb), usedKb));
        }
        return Optional.empty();
    }
}
