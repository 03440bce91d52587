-- Runs after every migrate (also when nothing was pending): gives the services' role row access and nothing
-- more. The role is the `migrate` command's HERALD_DB_APP_ROLE; empty (tests that migrate as the superuser and
-- run as it) grants nothing. Table owners and the schema's CREATE stay with the migrating role, so a service
-- cannot change the schema.
DO $grants$
DECLARE
    app_role text := '${appRole}';
BEGIN
    IF app_role = '' THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app_role);
    -- The services only read the history, to refuse to run on a schema older than their build.
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM %I', app_role);
END
$grants$;
