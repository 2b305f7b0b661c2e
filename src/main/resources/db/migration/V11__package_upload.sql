-- Issue 8: packages uploaded from the console. One row per accepted upload (refused uploads store
-- nothing): what was uploaded, by whom, when, and what the check saw. The pending upload (not
-- discarded, not yet imported by a COMPLETED real session) is the next package to import.
CREATE TABLE package_upload (
    id              BIGSERIAL PRIMARY KEY,
    folder          VARCHAR(1000) NOT NULL,           -- <work dir>/uploads/<upload>: shared storage in a cluster
    file_names      TEXT NOT NULL,                    -- as uploaded, separated by '/' (a name never holds one)
    total_bytes     BIGINT NOT NULL CHECK (total_bytes >= 0),
    zip             BOOLEAN NOT NULL,
    xml_files       INTEGER NOT NULL,
    layouts         VARCHAR(255) NOT NULL,            -- "CommerceML 2.x, UT 11", from the file names
    created_at_text VARCHAR(64),                      -- the export's ДатаФормирования as written
    full_exchange   BOOLEAN,                          -- null: not known before unpacking (a zip)
    fingerprint     VARCHAR(64) NOT NULL,
    uploaded_by     VARCHAR(100) NOT NULL,
    uploaded_at     TIMESTAMPTZ NOT NULL,
    discarded_by    VARCHAR(100),                     -- who discarded it, or who replaced it by a newer upload
    discarded_at    TIMESTAMPTZ
);
CREATE INDEX package_upload_not_discarded_idx ON package_upload (uploaded_at DESC, id DESC) WHERE discarded_at IS NULL;

-- The upload a session read (null: the import folder or an exchange's files).
ALTER TABLE import_session ADD COLUMN upload_id BIGINT REFERENCES package_upload (id);
CREATE INDEX import_session_upload_idx ON import_session (upload_id) WHERE upload_id IS NOT NULL;
