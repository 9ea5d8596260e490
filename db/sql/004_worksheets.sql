-- What a learner handed to their coach, and what the coach said about it, is a record: rows can be added,
-- never changed or removed. (Draft answers in worksheet_answers stay editable: autosave overwrites them.)
-- criterion_refuse_change() is defined in 001_audit_append_only.sql.
DROP TRIGGER IF EXISTS worksheet_submissions_append_only ON worksheet_submissions;
CREATE TRIGGER worksheet_submissions_append_only BEFORE UPDATE OR DELETE ON worksheet_submissions
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

DROP TRIGGER IF EXISTS worksheet_comments_append_only ON worksheet_comments;
CREATE TRIGGER worksheet_comments_append_only BEFORE UPDATE OR DELETE ON worksheet_comments
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();
