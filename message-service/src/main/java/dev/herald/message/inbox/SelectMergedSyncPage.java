package dev.herald.message.inbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * One page of everything a user syncs, in one publish order: received direct messages, room messages within the
 * user's membership windows, and announcements. Each source pages on its own index up to the same cursor and floor;
 * the first {@code rows} of their merge are the page, so a page never skips what another source has before it.
 */
final class SelectMergedSyncPage implements Function<DSLContext, List<SelectSyncPage.SyncRow>> {

    /**
     * Publish order. A sort by sequence alone, and stable: equal sequences come from one source only (direct messages
     * at 0, receipts stored before sequences were recorded), which returned them in the database's id order.
     */
    private static final Comparator<SelectSyncPage.SyncRow> PUBLISH_ORDER =
            Comparator.comparingLong(row -> row.cursor().streamSequence());

    private final List<Function<DSLContext, List<SelectSyncPage.SyncRow>>> sources;
    private final int rows;

    SelectMergedSyncPage(String userId, Optional<SyncCursor> after, long storedFloor, int rows) {
        this.sources = List.of(
                new SelectSyncPage(userId, after, storedFloor, rows),
                new SelectRoomSyncPage(userId, after, storedFloor, rows),
                new SelectAnnouncementSyncPage(userId, after, storedFloor, rows));
        this.rows = rows;
    }

    @Override
    public List<SelectSyncPage.SyncRow> apply(DSLContext dsl) {
        List<SelectSyncPage.SyncRow> merged = new ArrayList<>();
        sources.forEach(source -> merged.addAll(source.apply(dsl)));
        merged.sort(PUBLISH_ORDER);
        return List.copyOf(merged.subList(0, Math.min(rows, merged.size())));
    }

    @Override
    public String toString() {
        return "SelectMergedSyncPage{" + sources + "}";
    }
}
