package dev.herald.bench.soak;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether each service's old generation (after a full collection) grew over the soak: the last minute against
 * minute 2, the first minute after warm-up (the JIT, the connection pools and the sockets' buffers settle in
 * minute 1), or against minute 1 when the run is shorter than three minutes. Growth up to {@code tolerancePct}
 * of the baseline passes; less than the baseline always passes.
 */
final class HeapTrend {

    private final double tolerancePct;

    HeapTrend(double tolerancePct) {
        checkArgument(tolerancePct >= 0, "tolerancePct: %s (expected: >= 0)", tolerancePct);
        this.tolerancePct = tolerancePct;
    }

    static int baselineMinute(int lastMinute) {
        return lastMinute >= 3 ? 2 : 1;
    }

    /** One comparison per service process seen in any minute, in the order first seen; empty without readings. */
    List<HeapComparison> compare(List<HeapMinute> minutes) {
        final int last = minutes.stream().mapToInt(HeapMinute::minute).max().orElse(0);
        if (last == 0) {
            return List.of();
        }
        final int baseline = baselineMinute(last);
        final Map<Long, String> services = new LinkedHashMap<>();
        minutes.forEach(m -> m.services().forEach(s -> services.putIfAbsent(s.pid(), s.service())));
        final List<HeapComparison> comparisons = new ArrayList<>();
        services.forEach((pid, service) -> {
            final Double before = oldGenMb(minutes, baseline, pid).orElse(null);
            final Double after = oldGenMb(minutes, last, pid).orElse(null);
            comparisons.add(new HeapComparison(service, pid, baseline, before, last, after, changePct(before, after),
                                               within(before, after)));
        });
        return comparisons;
    }

    private boolean within(@Nullable Double before, @Nullable Double after) {
        return before != null && after != null && after <= before * (1 + tolerancePct / 100);
    }

    private static @Nullable Double changePct(@Nullable Double before, @Nullable Double after) {
        if (before == null || after == null || before == 0) {
            return null;
        }
        return Math.round((after - before) / before * 1000) / 10.0;
    }

    private static Optional<Double> oldGenMb(List<HeapMinute> minutes, int minute, long pid) {
        return minutes.stream().filter(m -> m.minute() == minute)
                .flatMap(m -> m.services().stream())
                .filter(s -> s.pid() == pid && s.oldGenMb() != null)
                .map(ServiceHeap::oldGenMb)
                .findFirst();
    }
}
