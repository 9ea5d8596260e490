-- Open Badges (issue 22, lib/badges): a badge is kept exactly as it was signed, and a revocation, once recorded, stands.
-- Neither is ever changed, removed or truncated (criterion_keep_records is in 001_audit_append_only.sql).
SELECT criterion_keep_records(ARRAY['badges', 'badge_revocations']);
