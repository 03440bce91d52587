package dev.herald.bench.soak;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dead space a full collection left in the heap, from the output of {@code jcmd PID GC.class_histogram}: the
 * bytes of the JDK's filler objects ({@code jdk.internal.vm.FillerObject} and {@code FillerElement[]}). The serial
 * and parallel collectors' full collections do not compact a prefix of the old generation that is mostly live
 * (up to {@code MarkSweepDeadRatio}, 5% of its capacity, every {@code MarkSweepAlwaysCompactCount}-th collection
 * excepted) and fill its garbage with such objects, which {@code GC.heap_info} then counts as used: 13 MB of a
 * 252 MB old generation, more than a small service's live set.
 */
final class DeadSpace {

    private static final Pattern ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

    private DeadSpace() {}

    /** Bytes of filler objects in a class histogram; 0 when it lists none. */
    static long fillerBytes(String histogram) {
        long bytes = 0;
        final Matcher row = ROW.matcher(histogram);
        while (row.find()) {
            final String type = row.group(2);
            if (type.equals("[Ljdk.internal.vm.FillerElement;") || type.equals("jdk.internal.vm.FillerObject")) {
                bytes += Long.parseLong(row.group(1));
            }
        }
        return bytes;
    }
}
