package dev.herald.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleSweeperTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final IdleSweeper sweeper = new IdleSweeper(Duration.ofSeconds(30), Duration.ofSeconds(75),
            Duration.ofSeconds(10), now::get);

    @Test
    void pingsAQuietSocketEveryIntervalAndClosesItAtTheIdleTimeout() {
        Socket quiet = new Socket(now.get(), true);

        List<String> seen = new ArrayList<>();
        for (int second = 1; second <= 80; second++) {
            now.addAndGet(SECOND);
            sweeper.sweep(List.of(quiet));
            if (!quiet.events.isEmpty()) {
                seen.add(second + ":" + String.join(",", quiet.events));
                quiet.events.clear();
            }
        }

        assertThat(seen).startsWith("30:ping", "60:ping", "75:closeIdle");
    }

    @Test
    void anythingReadPutsThePingOff() {
        Socket answering = new Socket(now.get(), true);

        for (int second = 1; second <= 300; second++) {
            now.addAndGet(SECOND);
            int pingsBefore = answering.events.size();
            sweeper.sweep(List.of(answering));
            if (answering.events.size() > pingsBefore) {
                answering.lastRead = now.get() + SECOND / 10; // the pong arrives 100 ms later
            }
        }

        assertThat(answering.events).containsOnly("ping").hasSize(9); // every 30 s + 0.1 s
    }

    @Test
    void dropsAConnectionThatDidNotUpgradeInTime() {
        Socket http = new Socket(now.get(), false);

        now.addAndGet(9 * SECOND);
        sweeper.sweep(List.of(http));
        assertThat(http.events).isEmpty();
        now.addAndGet(SECOND);
        sweeper.sweep(List.of(http));

        assertThat(http.events).containsExactly("closeNotUpgraded");
    }

    @Test
    void sweepsOftenEnoughAndRefusesAnIdleTimeoutWithinThePingInterval() {
        assertThat(sweeper.tick()).isEqualTo(Duration.ofMillis(2500));
        assertThat(new IdleSweeper(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(10), now::get)
                .tick()).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> new IdleSweeper(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(10), now::get)).hasMessageContaining("expected: > pingInterval");
    }

    private static final class Socket implements IdleSweeper.Watched {

        final List<String> events = new ArrayList<>();
        final long acceptedAt;
        final boolean upgraded;
        long lastRead;
        long lastPing = Long.MIN_VALUE;

        Socket(long acceptedAt, boolean upgraded) {
            this.acceptedAt = acceptedAt;
            this.lastRead = acceptedAt;
            this.upgraded = upgraded;
        }

        @Override
        public long acceptedAtNanos() {
            return acceptedAt;
        }

        @Override
        public long lastReadNanos() {
            return lastRead;
        }

        @Override
        public long lastPingNanos() {
            return lastPing;
        }

        @Override
        public boolean upgraded() {
            return upgraded;
        }

        @Override
        public void ping(long now) {
            lastPing = now;
            events.add("ping");
        }

        @Override
        public void closeIdle() {
            events.add("closeIdle");
        }

        @Override
        public void closeNotUpgraded() {
            events.add("closeNotUpgraded");
        }
    }
}
