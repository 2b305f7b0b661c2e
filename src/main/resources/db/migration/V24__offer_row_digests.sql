-- V24: a digest of the price rows and of the stock rows each offer last got from 1C, so that a
-- re-import recognises an offer whose prices (or stock) did not change from one small row, instead
-- of reading back and comparing its three to six rows (issue 21: most of a changed re-import's time).
-- A digest only ever vouches for rows the importer itself wrote in a committed import: any write to
-- the catalog that is not an import tracking its files forgets them all, as it forgets the file
-- states (V9), and the next import compares every row again.
CREATE TABLE offer_price_digest (
    offer_id VARCHAR(201) PRIMARY KEY,
    -- ContentHash of the offer's price rows as the record gave them, in price type order.
    digest   BIGINT NOT NULL
);

CREATE TABLE offer_stock_digest (
    offer_id VARCHAR(201) PRIMARY KEY,
    digest   BIGINT NOT NULL
);

CREATE OR REPLACE FUNCTION forget_import_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('catalog_import.files_tracked', true), '') <> 'on' THEN
        DELETE FROM import_file_state;
        DELETE FROM offer_price_digest;
        DELETE FROM offer_stock_digest;
    END IF;
    RETURN NULL;
END $$;
