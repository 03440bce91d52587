-- Herald schema, version 10: the admin "text contains" filter has no index of its own any more. Its two trigram GIN
-- indexes (version 2) were updated by every message insert and halved the rate at which messages can be stored
-- (docs/benchmarks.md, "Ceilings"). The filter is now checked on the messages the other filters select, newest first,
-- at most a bounded number of them per query (docs/operations.md, "Query plans"): admin search costs the write path
-- nothing. The pg_trgm extension stays (dropping it could fail where another schema uses it).
-- [jooq ignore start]
drop index if exists messages_body_trgm_idx;
drop index if exists messages_title_trgm_idx;
-- [jooq ignore stop]
