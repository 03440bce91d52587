package dev.herald.worker.store;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Rows in PostgreSQL's COPY text format: tab-separated, one line per row, {@code \N} for null,
 * backslash, tab, newline and carriage return escaped. Values are sent as text and parsed by
 * PostgreSQL exactly as bound parameters are, so both write paths store the same values.
 */
final class CopyText {

    private final StringBuilder text;
    private boolean rowStarted;

    CopyText(int expectedRows) {
        this.text = new StringBuilder(expectedRows * 160);
    }

    /**
     * Whether COPY can carry the value: a NUL character cannot be stored in {@code text}, and
     * COPY would truncate it silently where a bound parameter is rejected (SQLSTATE 22021).
     */
    static boolean canCarry(@Nullable String value) {
        return value == null || value.indexOf('\0') < 0;
    }

    CopyText field(@Nullable String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    CopyText field(Object value) {
        return field(value.toString());
    }

    /** ISO 8601 with the offset and every fractional digit; PostgreSQL rounds to microseconds. */
    CopyText field(OffsetDateTime value) {
        separate();
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.formatTo(value, text);
        return this;
    }

    CopyText endRow() {
        text.append('\n');
        rowStarted = false;
        return this;
    }

    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }
}
