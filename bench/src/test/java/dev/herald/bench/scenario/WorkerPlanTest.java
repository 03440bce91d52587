package dev.herald.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkerPlanTest {

    @Test
    void slicesAddUpExactly() {
        final int processes = 3;
        final List<WorkerPlan> plans = new ArrayList<>();
        for (int w = 0; w < processes; w++) {
            plans.add(WorkerPlan.slice(Mode.DIRECT, "t", w, processes, 40_001, 100, 10_000, 500, 1, Duration.ZERO, 0,
                                       200, 0, Duration.ofSeconds(60), 1));
        }
        assertThat(plans.get(0).userFrom()).isZero();
        for (int w = 1; w < processes; w++) {
            assertThat(plans.get(w).userFrom()).isEqualTo(plans.get(w - 1).userTo());
        }
        assertThat(plans.get(processes - 1).userTo()).isEqualTo(40_001);
        assertThat(plans.stream().mapToInt(WorkerPlan::senders).sum()).isEqualTo(100);
        assertThat(plans.stream().mapToInt(WorkerPlan::messages).sum()).isEqualTo(10_000);
        assertThat(plans.stream().mapToDouble(WorkerPlan::rate).sum()).isCloseTo(500, offset(1e-9));
    }

    @Test
    void seqsAreUniqueAcrossProcessesAndMapBack() {
        final Set<Long> seen = new HashSet<>();
        for (int w = 0; w < 4; w++) {
            final SeqSpace space = new SeqSpace(w, 4);
            for (int local = 0; local < 1000; local++) {
                final long seq = space.global(local);
                assertThat(seen.add(seq)).isTrue();
                assertThat(space.local(seq)).isEqualTo(local);
                assertThat(SeqSpace.workerOf(seq, 4)).isEqualTo(w);
                assertThat(new SeqSpace((w + 1) % 4, 4).local(seq)).isEqualTo(-1);
            }
        }
    }

    @Test
    void receiversAreDistinctOthers() {
        final SplittableRandom random = new SplittableRandom(3);
        for (int k : new int[] {1, 2, 5, 9}) {
            final ReceiverPicker picker = new ReceiverPicker(10, k, random);
            for (int sender = 0; sender < 10; sender++) {
                for (int round = 0; round < 50; round++) {
                    final int[] picked = picker.pick(sender);
                    assertThat(picked).hasSize(k).doesNotContain(sender).doesNotHaveDuplicates();
                    assertThat(Arrays.stream(picked).allMatch(p -> p >= 0 && p < 10)).isTrue();
                }
            }
        }
    }

    @Test
    void everyOtherReceiverGetsPicked() {
        final ReceiverPicker picker = new ReceiverPicker(5, 1, new SplittableRandom(9));
        final Set<Integer> picked = new HashSet<>();
        for (int round = 0; round < 200; round++) {
            picked.add(picker.pick(2)[0]);
        }
        assertThat(picked).containsExactlyInAnyOrder(0, 1, 3, 4);
    }
}
