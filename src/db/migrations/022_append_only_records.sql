-- Claims and decisions are records: a correction is a new revision, a re-decision a new version.
-- The database refuses changing or removing them, row by row and wholesale (TRUNCATE).
CREATE FUNCTION refuse_record_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: add a new revision or version instead of changing one', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER claims_append_only BEFORE UPDATE OR DELETE ON claims
  FOR EACH ROW EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER claims_no_truncate BEFORE TRUNCATE ON claims
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_record_change();

-- The role the service queries as (DATABASE_URL) when migrations run as the owner
-- (MIGRATION_DATABASE_URL): a group role, granted to the service's login role by the operator
-- (GRANT warranty_app TO warranty_svc). It may read and add everything, change what the service
-- changes (keys, appeals …), and only SELECT and INSERT claims, decisions and the audit log.
DO $$
BEGIN
  CREATE ROLE warranty_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another schema or database on this server created it first
END;
$$;

DO $$
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO warranty_app', current_schema());
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO warranty_app', current_schema());
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO warranty_app', current_schema());
  -- Tables later migrations create get the same grants.
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO warranty_app', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO warranty_app', current_schema());
  REVOKE UPDATE, DELETE, TRUNCATE ON claims, decisions, audit_log FROM warranty_app;
  REVOKE ALL ON schema_migrations FROM warranty_app;
  GRANT SELECT ON schema_migrations TO warranty_app;
END;
$$;
