package dev.herald.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.slf4j.Logger;

/**
 * What the services' own PostgreSQL role could do beyond reading and writing rows. A service that connects as a
 * superuser, a table owner or a role that may create in the schema still works, but a flaw in it could change or
 * drop the schema, so it says so at startup.
 */
public final class SchemaPrivileges {

    private final DSLContext dsl;

    public SchemaPrivileges(DSLContext dsl) {
        this.dsl = requireNonNull(dsl, "dsl");
    }

    /** The privileges beyond row access, in words, or empty when the role has none of them. */
    public Optional<String> beyondRowAccess() {
        Record3<Boolean, Boolean, Boolean> row = dsl.resultQuery("""
                select r.rolsuper,
                       exists (select 1 from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user),
                       has_schema_privilege(current_user, 'public', 'CREATE')
                from pg_roles r where r.rolname = current_user""")
                .coerce(DSL.field("super", Boolean.class), DSL.field("owner", Boolean.class),
                        DSL.field("create", Boolean.class))
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        List<String> excess = new ArrayList<>();
        if (row.value1()) {
            excess.add("is a superuser");
        }
        if (row.value2()) {
            excess.add("owns Herald's tables");
        }
        if (row.value3()) {
            excess.add("may create objects in schema public");
        }
        return excess.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", excess));
    }

    /** Logs a warning when {@link #beyondRowAccess()} finds anything. */
    public void warnIfBeyondRowAccess(Logger logger, String user) {
        beyondRowAccess().ifPresent(excess -> logger.atWarn().addKeyValue("dbUser", user)
                .addKeyValue("privileges", excess)
                .log("the PostgreSQL role can change the schema; run the services as a role that can only read and"
                        + " write rows, and migrate with the migrate command (docs/security.md)"));
    }
}
