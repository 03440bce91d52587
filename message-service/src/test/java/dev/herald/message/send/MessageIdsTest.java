package dev.herald.message.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private final MessageIds ids = new MessageIds();

    @Test
    void idsAreVersion7WithTheRfcVariantAndCarryTheirMillisecond() {
        Instant at = Instant.parse("2026-11-25T20:00:00.123Z");
        UUID id = ids.next(at);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnesAsStrings() {
        Instant at = Instant.parse("2026-11-25T20:00:00Z");
        String earlier = ids.next(at).toString();
        String later = ids.next(at.plusMillis(1)).toString();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsInTheSameMillisecondDiffer() {
        Instant at = Instant.now();
        assertThat(ids.next(at)).isNotEqualTo(ids.next(at));
    }

    @Test
    void idsOfOneInstanceStrictlyIncreaseEvenWithinOneMillisecondAndPastTheSequence() {
        Instant at = Instant.parse("2026-11-25T20:00:00Z");
        UUID previous = ids.next(at);
        for (int i = 0; i < 10_000; i++) {
            UUID next = ids.next(at);
            assertThat(next).isGreaterThan(previous);
            assertThat(next.toString()).isGreaterThan(previous.toString());
            assertThat(next.version()).isEqualTo(7);
            previous = next;
        }
    }

    @Test
    void aClockThatStepsBackDoesNotBreakTheOrder() {
        UUID later = ids.next(Instant.parse("2026-11-25T20:00:01Z"));
        assertThat(ids.next(Instant.parse("2026-11-25T20:00:00Z"))).isGreaterThan(later);
    }
}
