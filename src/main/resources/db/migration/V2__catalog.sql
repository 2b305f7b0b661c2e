-- V2: the catalog that 1C packages are imported into.
--
-- Every row is keyed by its 1C Ид (external_id), so importing the same package again updates in
-- place and never duplicates. Nothing is ever deleted by an import: items that 1C deletes, or that
-- a full exchange no longer mentions, become inactive and come back when 1C sends them again.
-- content_hash is a hash of everything the importer writes for a row: an unchanged row is skipped
-- without an UPDATE (fast re-imports, no dead tuples).
-- Cross references (a product's groups, an offer's product, a price's type...) are checked by the
-- importer before writing, and reported per item; the foreign keys below are the last fence.

CREATE TABLE catalog_group (
    external_id  VARCHAR(100) PRIMARY KEY,
    -- The tree; deferred so a package may send a child before its parent.
    parent_id    VARCHAR(100) REFERENCES catalog_group (external_id) DEFERRABLE INITIALLY DEFERRED,
    name         TEXT         NOT NULL,
    description  TEXT,
    active       BOOLEAN      NOT NULL DEFAULT TRUE,
    content_hash BIGINT       NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX catalog_group_parent_idx ON catalog_group (parent_id);

CREATE TABLE catalog_property (
    external_id  VARCHAR(100) PRIMARY KEY,
    name         TEXT         NOT NULL,
    -- STRING | NUMBER | DATE | DICTIONARY
    value_type   VARCHAR(16)  NOT NULL,
    multiple     BOOLEAN      NOT NULL DEFAULT FALSE,
    for_offers   BOOLEAN      NOT NULL DEFAULT FALSE,
    active       BOOLEAN      NOT NULL DEFAULT TRUE,
    content_hash BIGINT       NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Dictionary values are unique only within their property (1C reuses ids such as "true"/"false").
CREATE TABLE catalog_property_value (
    property_id  VARCHAR(100) NOT NULL REFERENCES catalog_property (external_id) DEFERRABLE INITIALLY DEFERRED,
    value_id     VARCHAR(100) NOT NULL,
    value        TEXT         NOT NULL,
    PRIMARY KEY (property_id, value_id)
);

CREATE TABLE price_type (
    external_id  VARCHAR(100) PRIMARY KEY,
    name         TEXT         NOT NULL,
    currency     VARCHAR(16),
    content_hash BIGINT       NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE warehouse (
    external_id  VARCHAR(100) PRIMARY KEY,
    name         TEXT         NOT NULL,
    address      TEXT,
    active       BOOLEAN      NOT NULL DEFAULT TRUE,
    content_hash BIGINT       NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Units by their OKEI code (796 = piece), trimmed.
CREATE TABLE unit (
    code               VARCHAR(32) PRIMARY KEY,
    short_name         TEXT,
    full_name          TEXT,
    international_code VARCHAR(16),
    content_hash       BIGINT      NOT NULL
);

CREATE TABLE product (
    external_id  VARCHAR(100) PRIMARY KEY,
    -- 1C's НомерВерсии: opaque change stamp, kept for diagnosis.
    version      VARCHAR(100),
    sku          TEXT,
    barcode      TEXT,
    code         TEXT,
    name         TEXT         NOT NULL,
    description  TEXT,
    group_ids    VARCHAR(100)[] NOT NULL DEFAULT '{}',
    manufacturer TEXT,
    brand        TEXT,
    unit_code    VARCHAR(32),
    -- Paths as 1C gives them (Картинка), relative to the package.
    images       TEXT[]       NOT NULL DEFAULT '{}',
    -- {"<property Ид>": ["<value id or literal>", ...]}: ~50 per product in real exports, so a
    -- document per product rather than millions of narrow rows.
    properties   JSONB        NOT NULL DEFAULT '{}',
    -- {"<requisite name>": ["value", ...]} (ЗначенияРеквизитов)
    requisites   JSONB        NOT NULL DEFAULT '{}',
    active       BOOLEAN      NOT NULL DEFAULT TRUE,
    content_hash BIGINT       NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX product_sku_idx ON product (sku);
CREATE INDEX product_group_ids_idx ON product USING GIN (group_ids);

CREATE TABLE offer (
    -- "<product Ид>#<characteristic Ид>" for a variant, or the plain product Ид.
    external_id     VARCHAR(201) PRIMARY KEY,
    product_id      VARCHAR(100) NOT NULL REFERENCES product (external_id) DEFERRABLE INITIALLY DEFERRED,
    version         VARCHAR(100),
    sku             TEXT,
    barcode         TEXT,
    name            TEXT,
    -- [{"name": "Размер", "value": "42"}, ...]
    characteristics JSONB        NOT NULL DEFAULT '[]',
    properties      JSONB        NOT NULL DEFAULT '{}',
    total_quantity  NUMERIC(19, 4),
    active          BOOLEAN      NOT NULL DEFAULT TRUE,
    content_hash    BIGINT       NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX offer_product_idx ON offer (product_id);

CREATE TABLE offer_price (
    offer_id       VARCHAR(201) NOT NULL REFERENCES offer (external_id) DEFERRABLE INITIALLY DEFERRED,
    price_type_id  VARCHAR(100) NOT NULL REFERENCES price_type (external_id) DEFERRABLE INITIALLY DEFERRED,
    -- Exact decimals: money is never a float.
    price_per_unit NUMERIC(19, 4) NOT NULL,
    currency       VARCHAR(16),
    unit           VARCHAR(32),
    coefficient    NUMERIC(19, 6),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (offer_id, price_type_id)
);

CREATE TABLE offer_stock (
    offer_id     VARCHAR(201) NOT NULL REFERENCES offer (external_id) DEFERRABLE INITIALLY DEFERRED,
    warehouse_id VARCHAR(100) NOT NULL REFERENCES warehouse (external_id) DEFERRABLE INITIALLY DEFERRED,
    quantity     NUMERIC(19, 4) NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (offer_id, warehouse_id)
);

-- Items an import reported and skipped: what, where, why.
CREATE TABLE import_failure (
    id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    session_id BIGINT       NOT NULL REFERENCES import_session (id) ON DELETE CASCADE,
    item_id    VARCHAR(255),
    file       TEXT,
    line       BIGINT,
    reason     TEXT         NOT NULL
);
CREATE INDEX import_failure_session_idx ON import_failure (session_id, id);

-- What an import did per entity: {"products": {"inserted": 10, "updated": 2, "unchanged": 88}, ...}
ALTER TABLE import_session ADD COLUMN entity_counts JSONB NOT NULL DEFAULT '{}';
