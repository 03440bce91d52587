package dev.herald.bench.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TableRowsTest {

    @Test
    void writtenIsTheGrowthOfEachTableCountedAfter() {
        assertThat(TableRows.written(Map.of("messages", 10L, "receipts", 5L),
                                     Map.of("messages", 15L, "receipts", 5L, "message_marks", 3L)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("messages", 5L, "receipts", 0L, "message_marks", 3L));
    }
}
