package dev.herald.message.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void theExtraRowOnlyTellsThereIsMoreAndTheLastItemIsTheNextCursor() {
        Page<String> page = Page.of(List.of("a", "b", "c"), 2, row -> "after-" + row);

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.next()).contains("after-b");
        assertThat(page.lastCursor()).contains("after-b");
    }

    @Test
    void aFullLastPageHasNoNextCursorButKeepsItsLastOne() {
        Page<String> page = Page.of(List.of("a", "b"), 2, row -> "after-" + row);

        assertThat(page.items()).containsExactly("a", "b");
        assertThat(page.hasMore()).isFalse();
        assertThat(page.next()).isEmpty();
        assertThat(page.lastCursor()).contains("after-b"); // where a sync resumes
    }

    @Test
    void anEmptyPageHasNoCursorAtAll() {
        Page<String> page = Page.of(List.of(), 2, row -> "after-" + row);

        assertThat(page.items()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(page.next()).isEmpty();
        assertThat(page.lastCursor()).isEmpty();
    }

    @Test
    void mappingTheItemsKeepsTheCursorsOfTheRowsTheyCameFrom() {
        Page<Integer> page = Page.of(List.of(1, 2, 3), 2, row -> "id-" + row)
                .mapItems(rows -> rows.stream().map(row -> row * 10).toList());

        assertThat(page.items()).containsExactly(10, 20);
        assertThat(page.next()).contains("id-2");
    }

    @Test
    void cuttingAPageLeavesMoreAfterTheLastItemKept() {
        Page<String> page = Page.of(List.of("a", "b", "c"), 5, row -> "after-" + row)
                .firstItems(1, row -> "after-" + row);

        assertThat(page.items()).containsExactly("a");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.next()).contains("after-a");
    }

    @Test
    void keepingEveryItemChangesNothing() {
        Page<String> page = Page.of(List.of("a", "b"), 5, row -> "after-" + row);

        assertThat(page.firstItems(2, row -> "x")).isSameAs(page);
        assertThat(page.firstItems(2, row -> "x").hasMore()).isFalse();
    }

    @Test
    void aCutKeepsAtLeastOneItem() {
        Page<String> page = Page.of(List.of("a", "b"), 5, row -> row);

        assertThatThrownBy(() -> page.firstItems(0, row -> row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count: 0 (expected: 1..2)");
    }
}
