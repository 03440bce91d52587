package dev.herald.message.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.message.error.HeraldException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdListTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void deduplicatesAndReportsMalformedIdsAsUnknownInsteadOfFailing() {
        MessageIdList ids = MessageIdList.parse(List.of(a.toString(), "nope", a.toString(), b.toString()), 10);

        assertThat(ids.ids()).containsExactly(a, b);
        assertThat(ids.unknownAmong(Set.of(a))).containsExactly(b.toString(), "nope");
    }

    @Test
    void rejectsAnEmptyListAndTooManyIdsNamingTheField() {
        assertThatThrownBy(() -> MessageIdList.parse(List.of(), 10))
                .isInstanceOf(HeraldException.InvalidArgument.class).hasMessage("ids must not be empty");
        assertThatThrownBy(() -> MessageIdList.parse(Collections.nCopies(11, a.toString()), 10))
                .isInstanceOf(HeraldException.InvalidArgument.class).hasMessage("too many ids: 11 (at most 10)")
                .extracting(e -> ((HeraldException) e).field()).isEqualTo("ids");
    }
}
