package dev.herald.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DescriptorReserveTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong open = new AtomicLong(100);
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private final FileDescriptors files = new FileDescriptors() {
        @Override
        public long max() {
            return 1_000;
        }

        @Override
        public long open() {
            reads.incrementAndGet();
            return open.get();
        }
    };
    private final DescriptorReserve reserve = new DescriptorReserve(files, 100, now::get);

    @Test
    void refusesOnceFewerThanTheReserveAreLeftCountingItsOwnConnectionsBetweenSamples() {
        assertThat(reserve.admits(0)).isTrue();
        // 100 files open at the sample; 799 connections later the estimate is 899, under 900.
        assertThat(reserve.admits(799)).isTrue();
        assertThat(reserve.admits(800)).as("900 open = limit 1000 - reserve 100").isFalse();
        assertThat(reserve.admits(10_000)).isFalse();
        assertThat(reads).as("one sample within the second").hasValue(1);
    }

    @Test
    void theNextSampleSeesFilesOpenedElsewhereAndFilesClosed() {
        assertThat(reserve.admits(0)).isTrue();
        open.set(950); // something else opened 850 files
        assertThat(reserve.admits(0)).as("not sampled again yet").isTrue();

        now.addAndGet(SECOND);
        assertThat(reserve.admits(0)).isFalse();

        open.set(500);
        now.addAndGet(SECOND);
        assertThat(reserve.admits(0)).isTrue();
        assertThat(reserve.limit()).isEqualTo(900);
    }

    @Test
    void anUnknownLimitNeverRefuses() {
        DescriptorReserve unlimited = new DescriptorReserve(new FileDescriptors() {
            @Override
            public long max() {
                return Long.MAX_VALUE;
            }

            @Override
            public long open() {
                return 0;
            }
        }, 512);

        assertThat(unlimited.admits(1_000_000)).isTrue();
        assertThat(FileDescriptors.ofThisProcess().max()).isPositive();
    }
}
