package dev.herald.bench.scenario;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Picks {@code k} distinct receivers among positions {@code 0..population-1}, never the sender, uniformly
 * (Floyd's sampling: k random draws whatever k is). Confined to the sending thread.
 */
final class ReceiverPicker {

    private final int population;
    private final int k;
    private final RandomGenerator random;

    ReceiverPicker(int population, int k, RandomGenerator random) {
        checkArgument(k >= 0 && k < Math.max(1, population), "k: %s (expected: 0 to population - 1 = %s)", k,
                      population - 1);
        this.population = population;
        this.k = k;
        this.random = requireNonNull(random, "random");
    }

    int[] pick(int sender) {
        final int[] picked = new int[k];
        if (k == 1) {
            final int r = random.nextInt(population - 1);
            picked[0] = r >= sender ? r + 1 : r;
            return picked;
        }
        final int others = population - 1;
        final Set<Integer> chosen = new HashSet<>(k * 2);
        for (int j = others - k; j < others; j++) {
            final int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        int i = 0;
        for (int r : chosen) {
            picked[i++] = r >= sender ? r + 1 : r;
        }
        return picked;
    }
}
