-- Issue 17: nothing in a package vanishes unseen.
-- unread_items: item elements (Товар, Предложение, Цена, ...) that a file held where no reader looks;
--   each place is also a problem row. An exchange import with unread items answers 1C "failure".
-- census: where those unread items sat, and the elements the readers passed over as unknown or
--   unused, once per import and path (the session page and the answer to 1C show them):
--   {"unread": [{"entity": "products", "element": "Товар", "path": "...", "count": 600, "file": "import.xml", "line": 12}],
--    "unused": [{"path": "...", "count": 3, "file": "import.xml", "line": 40}]}
ALTER TABLE import_session ADD COLUMN unread_items BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_session ADD COLUMN census JSONB;

-- What the exchange answered 1C for a batch once its import ended (the exchange page and the
-- session show it): the status line and the text after it.
ALTER TABLE exchange_batch ADD COLUMN answer_status VARCHAR(16);
ALTER TABLE exchange_batch ADD COLUMN answer_text TEXT;
