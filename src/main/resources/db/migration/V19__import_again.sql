-- Issue 19: a failed or cancelled import whose package is still kept (an exchange's files, an
-- upload) can be imported again, as a new session that says which one it repeats.
ALTER TABLE import_session ADD COLUMN retry_of BIGINT REFERENCES import_session (id) ON DELETE SET NULL;
