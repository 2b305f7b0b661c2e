-- V8: where a session came from and which folder it read.
-- source: CONSOLE, API or EXCHANGE (ImportSource). Sessions from before V8 keep NULL: their source
-- was not recorded, and guessing would tell the administrator something untrue.
ALTER TABLE import_session ADD COLUMN source VARCHAR(16);
-- e.g. "exchange 12": which exchange (or upload) the session belongs to.
ALTER TABLE import_session ADD COLUMN source_reference VARCHAR(255);
-- The folder the session read; NULL: the configured import folder (CATALOG_IMPORT_DIR).
ALTER TABLE import_session ADD COLUMN package_dir VARCHAR(1000);
