package dev.herald.message.page;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a keyset-paged list. Queries fetch one row more than the page holds: that row only tells whether
 * there is more, and is dropped.
 *
 * @param items the page, at most the requested limit
 * @param hasMore whether rows follow the last item
 * @param lastCursor the cursor of the last item; empty when the page is empty
 */
public record Page<T>(List<T> items, boolean hasMore, Optional<String> lastCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * @param rowsFetchedWithOneExtra what a query fetched with {@code limit + 1} as its row limit
     * @param cursorOf the cursor that continues after a row (its id)
     */
    public static <T> Page<T> of(List<T> rowsFetchedWithOneExtra, int limit, Function<T, String> cursorOf) {
        boolean hasMore = rowsFetchedWithOneExtra.size() > limit;
        List<T> items = hasMore ? rowsFetchedWithOneExtra.subList(0, limit) : rowsFetchedWithOneExtra;
        Optional<String> last = items.isEmpty() ? Optional.empty() : Optional.of(cursorOf.apply(items.getLast()));
        return new Page<>(items, hasMore, last);
    }

    /** Where the next page starts: the last item's cursor when there is more, else empty. */
    public Optional<String> next() {
        return hasMore ? lastCursor : Optional.empty();
    }

    /**
     * The page cut after its first {@code count} items (1..size): when that leaves items out, there is more, and
     * it continues after the last item kept.
     */
    public Page<T> firstItems(int count, Function<T, String> cursorOf) {
        if (count < 1 || count > items.size()) {
            throw new IllegalArgumentException("count: " + count + " (expected: 1.." + items.size() + ")");
        }
        if (count == items.size()) {
            return this;
        }
        return new Page<>(items.subList(0, count), true, Optional.of(cursorOf.apply(items.get(count - 1))));
    }

    /** The same page with each item converted. */
    public <R> Page<R> map(Function<T, R> convert) {
        return new Page<>(items.stream().map(convert).toList(), hasMore, lastCursor);
    }

    /** The same page with its items converted all at once (e.g. with one query for the whole page). */
    public <R> Page<R> mapItems(Function<List<T>, List<R>> convert) {
        return new Page<>(convert.apply(items), hasMore, lastCursor);
    }
}
