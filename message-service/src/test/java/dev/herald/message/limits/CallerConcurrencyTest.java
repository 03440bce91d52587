package dev.herald.message.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallerConcurrencyTest {

    @Test
    void boundsEachCallerAndForgetsCallersWithNothingInFlight() {
        CallerConcurrency concurrency = new CallerConcurrency(2);

        assertThat(concurrency.tryAcquire("alice")).isTrue();
        assertThat(concurrency.tryAcquire("alice")).isTrue();
        assertThat(concurrency.tryAcquire("alice")).isFalse();
        assertThat(concurrency.tryAcquire("bob")).isTrue();
        assertThat(concurrency.callers()).isEqualTo(2);

        concurrency.release("alice");
        assertThat(concurrency.tryAcquire("alice")).isTrue();
        concurrency.release("alice");
        concurrency.release("alice");
        concurrency.release("bob");
        assertThat(concurrency.callers()).isZero();
    }

    @Test
    void concurrentCallersNeverPassTheBound() throws Exception {
        CallerConcurrency concurrency = new CallerConcurrency(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (var threads = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        if (concurrency.tryAcquire("alice")) {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            inside.decrementAndGet();
                            concurrency.release("alice");
                        }
                    }
                }, threads));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
        }
        assertThat(most.get()).isBetween(1, 3);
        assertThat(concurrency.callers()).isZero();
    }
}
