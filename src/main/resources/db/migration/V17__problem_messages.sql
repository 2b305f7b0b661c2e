-- V17: problems, refusals and import errors are stored as a message key with its arguments, so that
-- each reader sees them in their own language (the console in Russian, the CSV in the language of
-- whoever downloads it). The English text stays in reason / error_message for logs, the API and
-- other tools; rows from before this migration have no key and are shown with that text.
--
-- The key names a message of the bundle org.catalogimport.messages (e.g. problem.product.noId); the
-- arguments are a JSON array in the order of the message's {0}, {1}...: each a string, or a nested
-- message {"key": ..., "args": [...]} (a quoted name, a reason with its place in a file).

ALTER TABLE import_problem ADD COLUMN reason_key VARCHAR(100);
ALTER TABLE import_problem ADD COLUMN reason_args TEXT;

ALTER TABLE import_session ADD COLUMN error_key VARCHAR(100);
ALTER TABLE import_session ADD COLUMN error_args TEXT;
