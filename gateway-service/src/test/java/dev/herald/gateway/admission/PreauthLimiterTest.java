package dev.herald.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PreauthLimiterTest {

    private static final InetAddress ALICE = address("192.0.2.1");
    private static final InetAddress BOB = address("2001:db8::1");

    @Test
    void refusesPastTheCapPerAddressAndCountsIt() {
        PreauthLimiter limiter = new PreauthLimiter(3);

        List<Optional<PreauthLimiter.Slot>> alice = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alice.add(limiter.acquire(ALICE));
        }

        assertThat(alice).filteredOn(Optional::isPresent).hasSize(3);
        assertThat(limiter.taken(ALICE)).isEqualTo(3);
        assertThat(limiter.refused()).isEqualTo(2);
        assertThat(limiter.acquire(BOB)).as("another address has its own cap").isPresent();
    }

    @Test
    void aReleasedSlotIsFreeAgainAndReleasingTwiceCountsOnce() {
        PreauthLimiter limiter = new PreauthLimiter(2);
        PreauthLimiter.Slot signedIn = limiter.acquire(ALICE).orElseThrow();
        PreauthLimiter.Slot other = limiter.acquire(ALICE).orElseThrow();
        assertThat(limiter.acquire(ALICE)).isEmpty();

        signedIn.release(); // sign-in
        signedIn.release(); // then close: the same place, not another one
        assertThat(limiter.taken(ALICE)).isEqualTo(1);

        assertThat(limiter.acquire(ALICE)).isPresent();
        assertThat(limiter.acquire(ALICE)).isEmpty();
        other.release();
        assertThat(limiter.taken(ALICE)).isEqualTo(1);
    }

    @Test
    void neverNegativeAndAnAddressWithNoSlotLeavesNothingBehind() {
        PreauthLimiter limiter = new PreauthLimiter(4);
        PreauthLimiter.Slot slot = limiter.acquire(BOB).orElseThrow();

        for (int i = 0; i < 3; i++) {
            slot.release();
        }

        assertThat(limiter.taken(BOB)).isZero();
        assertThat(limiter.addresses()).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire(BOB)).as("cap still 4 after extra releases").isPresent();
        }
        assertThat(limiter.acquire(BOB)).isEmpty();
    }

    @Test
    void concurrentAcquiresAndDoubleReleasesEndAtZero() throws Exception {
        PreauthLimiter limiter = new PreauthLimiter(50);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch done = new CountDownLatch(8);
        for (int t = 0; t < 8; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 2_000; i++) {
                    limiter.acquire(ALICE).ifPresent(slot -> {
                        assertThat(limiter.taken(ALICE)).isBetween(1, 50);
                        slot.release();
                        slot.release();
                    });
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        threads.shutdown();

        assertThat(limiter.taken(ALICE)).isZero();
        assertThat(limiter.addresses()).isZero();
    }

    static InetAddress address(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }
}
