package dev.herald.message.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import dev.herald.message.send.MessageIds;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void limitDefaultsOnZeroAndIsBounded() {
        assertThat(PageRequest.limit(0, 50)).isEqualTo(50);
        assertThat(PageRequest.limit(500, 50)).isEqualTo(500);
        assertThatThrownBy(() -> PageRequest.limit(501, 50)).isInstanceOf(HeraldException.InvalidArgument.class)
                .hasMessage("limit: 501 (expected: 1..500)");
        assertThatThrownBy(() -> PageRequest.limit(-1, 50)).isInstanceOf(HeraldException.InvalidArgument.class);
    }

    @Test
    void aCursorMustBeAMessageId() {
        assertThat(PageRequest.cursor("", "before")).isEmpty();
        assertThatThrownBy(() -> PageRequest.cursor("x", "before"))
                .isInstanceOf(HeraldException.InvalidArgument.class).hasMessage("before must be a message id");
    }

    @Test
    void aTimeBoundSeparatesIdsOfEarlierAndLaterMilliseconds() {
        Instant at = Instant.parse("2026-11-25T20:00:00.500Z");
        UUID bound = PageRequest.idBound(at.plusNanos(999_999)); // anywhere in the millisecond
        for (int i = 0; i < 100; i++) {
            // Fresh generators: one generator never goes back in time, by design.
            assertThat(new MessageIds().next(at.minusMillis(1))).isLessThan(bound);
            assertThat(new MessageIds().next(at)).isGreaterThanOrEqualTo(bound);
        }
    }
}
