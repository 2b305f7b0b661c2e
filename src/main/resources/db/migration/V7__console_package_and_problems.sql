-- V7: the console's package panel and problems list.

-- Which package a session read (PackagePreview's fingerprint): "this package was imported by session N".
ALTER TABLE import_session ADD COLUMN package_fingerprint VARCHAR(64);
CREATE INDEX import_session_fingerprint_idx ON import_session (package_fingerprint, started_at DESC)
    WHERE package_fingerprint IS NOT NULL;

-- The problems list pages a session's problems filtered by kind, in the order they were found.
CREATE INDEX import_problem_session_kind_idx ON import_problem (session_id, kind, id);
