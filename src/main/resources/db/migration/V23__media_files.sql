-- V23 (issue 23): the media folder (catalog.media.dir) moves with the catalog, all or nothing.
--
-- media_file: every picture the importer published into the media folder, by its path there
-- ('/' separators, relative to the folder: the Картинка path as 1C writes it, normalized). The hash
-- decides "same picture": a picture is copied when its bytes differ, never again when they do not.
-- Written in the import's own transaction, so a dry run, a failed and a cancelled import leave it
-- as it was, exactly like the folder.
CREATE TABLE media_file (
    path       VARCHAR(1000) PRIMARY KEY,
    sha256     CHAR(64)      NOT NULL,
    size       BIGINT        NOT NULL,
    -- The import that last wrote the file (no foreign key: the history's retention deletes sessions).
    session_id BIGINT        NOT NULL,
    updated_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- The publish journal. An import stages its new and replaced pictures under
-- <media>/.catalog-import/staging/session-<id>/ while it runs; its row here is written in the
-- catalog's transaction, so it exists exactly when that transaction committed. After the commit the
-- importer moves the staged files into place (atomic renames), deletes the pictures listed in
-- removals (no product names them any more), and deletes the row. A row found later (the node died
-- half-way) is finished by the next import before it starts; a staging folder without a row belongs
-- to an import that never committed and is discarded.
CREATE TABLE media_publish (
    session_id BIGINT        PRIMARY KEY,
    removals   TEXT[]        NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);
