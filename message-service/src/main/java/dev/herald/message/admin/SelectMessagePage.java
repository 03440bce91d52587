package dev.herald.message.admin;

import static dev.herald.schema.generated.Tables.MESSAGES;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * One page of all messages matching an admin's criteria, newest first, keyset-paged. A text filter is checked on at
 * most {@link TextScan#maxMessages()} of the messages the other filters select; when that bound is reached before the
 * page fills, the page ends there ({@link ScannedRows}).
 */
final class SelectMessagePage implements Function<DSLContext, ScannedRows> {

    private final MessageCriteria criteria;
    private final Optional<UUID> before;
    private final int rows;
    private final TextScan scan;

    SelectMessagePage(MessageCriteria criteria, Optional<UUID> before, int rows, TextScan scan) {
        this.criteria = criteria;
        this.before = before;
        this.rows = rows;
        this.scan = scan;
    }

    @Override
    public ScannedRows apply(DSLContext dsl) {
        List<Condition> where = MessageConditions.indexed(criteria);
        before.ifPresent(cursor -> where.add(MESSAGES.ID.lt(cursor)));
        if (criteria.text().isEmpty()) {
            return new ScannedRows(dsl.selectFrom(MESSAGES).where(where).orderBy(MESSAGES.ID.desc()).limit(rows)
                    .fetch(), Optional.empty());
        }
        // The newest candidates, at most the bound, then the text on them: PostgreSQL reads candidates only until
        // the page is full (the limits are applied lazily, newest first).
        Table<?> scanned = dsl.select(MESSAGES.fields()).from(MESSAGES).where(where).orderBy(MESSAGES.ID.desc())
                .limit(scan.maxMessages()).asTable("scanned");
        Field<UUID> id = scanned.field(MESSAGES.ID);
        Condition text = MessageConditions.text(criteria, scanned.field(MESSAGES.TITLE), scanned.field(MESSAGES.BODY))
                .orElseThrow();
        var matches = dsl.select(scanned.fields()).from(scanned).where(text).orderBy(id.desc()).limit(rows)
                .fetchInto(MESSAGES);
        if (matches.size() == rows) {
            return new ScannedRows(matches, Optional.empty());
        }
        // A short page: every candidate was checked, or the scan stopped at its bound with candidates left (then the
        // last one it checked, and the one after it, exist).
        List<UUID> scanEnd = dsl.select(MESSAGES.ID).from(MESSAGES).where(where).orderBy(MESSAGES.ID.desc())
                .offset(scan.maxMessages() - 1).limit(2).fetch(MESSAGES.ID);
        return new ScannedRows(matches, scanEnd.size() == 2 ? Optional.of(scanEnd.getFirst()) : Optional.empty());
    }

    @Override
    public String toString() {
        return "SelectMessagePage{rows=" + rows + "}";
    }
}
