package dev.herald.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallBudgetTest {

    @Test
    void admitsUpToTheLimitAndAgainAfterARelease() {
        CallBudget budget = new CallBudget(2);

        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
        assertThat(budget.inFlight()).isEqualTo(2);

        budget.release();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
    }

    @Test
    void neverAdmitsMoreThanTheLimitUnderContention() throws Exception {
        CallBudget budget = new CallBudget(3);
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                threads.submit(() -> {
                    start.await();
                    for (int n = 0; n < 10_000; n++) {
                        if (budget.tryAcquire()) {
                            admitted.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(admitted.get()).isEqualTo(3);
        assertThat(budget.inFlight()).isEqualTo(3);
    }

    @Test
    void refusesANonPositiveLimit() {
        assertThatThrownBy(() -> new CallBudget(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit: 0");
    }
}
