-- V9: what the last committed import knew about each file it read, so that the next import can
-- skip a file whose content (and place in the package) did not change: its rows are already in the
-- catalog exactly as that file says. Written in the import's own transaction, so a failed,
-- cancelled or dry-run import leaves it as it was; replaced at every import (files the import did
-- not see are forgotten, so a file that comes back is always read again).
CREATE TABLE import_file_state (
    -- The file's path inside the package, '/' separators (PackageFile.relativeName).
    path          VARCHAR(1000) PRIMARY KEY,
    -- SHA-256 of the content and its size: "same file" is decided by content, not by name or date.
    fingerprint   VARCHAR(80)   NOT NULL,
    -- Its index in the package's reading order: the order decides which of two records wins.
    position      INTEGER       NOT NULL,
    -- Whether the file carried a full catalog / full offers section, and then the Ид it mentioned:
    -- a skipped file's items still count as mentioned, so a full exchange does not deactivate them.
    full_catalog  BOOLEAN       NOT NULL,
    full_offers   BOOLEAN       NOT NULL,
    product_ids   VARCHAR(100)[],
    offer_ids     VARCHAR(201)[],
    -- Items read from the file, per entity (CatalogEntity keys), and how many of them were merged
    -- (an offer repeated by a prices or stock file): a skipped file counts them again, the rest as
    -- unchanged, so the change report and the accounting stay whole.
    entity_keys   VARCHAR(32)[] NOT NULL,
    entity_reads  BIGINT[]      NOT NULL,
    entity_merged BIGINT[]      NOT NULL,
    -- Products and offers read, for the progress counter.
    processed     BIGINT        NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- A skipped file is only right while the catalog holds what the file wrote. Any write to the catalog
-- that is not an import tracking its files (an administrator's DELETE or UPDATE, a restore, a tool)
-- therefore forgets every file state, and the next import reads everything. The importer marks its
-- own transaction (set_config('catalog_import.files_tracked', 'on', true)); statement-level
-- triggers cost one call per statement, not per row.
CREATE FUNCTION forget_import_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('catalog_import.files_tracked', true), '') <> 'on' THEN
        DELETE FROM import_file_state;
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['catalog_group', 'catalog_property', 'catalog_property_value', 'price_type',
            'warehouse', 'unit', 'product', 'offer', 'offer_price', 'offer_stock'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I'
                || ' FOR EACH STATEMENT EXECUTE FUNCTION forget_import_files()', t || '_forgets_import_files', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I'
                || ' FOR EACH STATEMENT EXECUTE FUNCTION forget_import_files()', t || '_truncate_forgets_import_files', t);
    END LOOP;
END $$;
