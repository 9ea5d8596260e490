-- Sessions carry the account's session_version (lib/auth); bumping it ends them all. Whatever changes the password,
-- the role or disables the account (the admin pages, a CSV import, an operator's UPDATE) ends its sessions here, so
-- no code path can forget to.
CREATE OR REPLACE FUNCTION criterion_end_sessions() RETURNS trigger AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
     OR NEW.role IS DISTINCT FROM OLD.role
     OR (OLD.active AND NOT NEW.active) THEN
    NEW.session_version := GREATEST(NEW.session_version, OLD.session_version + 1);
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS users_end_sessions ON users;
CREATE TRIGGER users_end_sessions BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION criterion_end_sessions();
