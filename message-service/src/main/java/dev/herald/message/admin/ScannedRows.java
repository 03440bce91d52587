package dev.herald.message.admin;

import dev.herald.message.page.Page;
import dev.herald.message.page.PageRequest;
import dev.herald.schema.generated.tables.records.MessagesRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a page query found, and where its text scan stopped when it reached {@link TextScan}'s bound before it filled
 * the page: the oldest message it checked (empty when every message the other filters select was checked).
 */
record ScannedRows(List<MessagesRecord> rows, Optional<UUID> scanEnd) {

    /**
     * The page: as usual when the rows fill it or nothing is left unchecked; else the matches found (perhaps none)
     * and more to come, continuing before the last message checked.
     */
    Page<MessagesRecord> page(PageRequest request) {
        if (rows.size() > request.limit() || scanEnd.isEmpty()) {
            return request.page(rows, row -> row.getId().toString());
        }
        return new Page<>(rows, true, Optional.of(scanEnd.get().toString()));
    }
}
