package dev.herald.message.inbox;

import dev.herald.message.page.Page;
import java.util.Optional;

/**
 * A page of sync, each message with the cursor that continues after it.
 *
 * @param from where the page started (empty: at the first message); the next cursor when the page is empty
 */
public record SyncPage(Page<Synced> page, Optional<SyncCursor> from) {

    /** A received message and where it stands in the receiver's sync. */
    public record Synced(InboxEntry entry, SyncCursor cursor) {}
}
