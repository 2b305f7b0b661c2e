-- V4: every item read is stored, or reported with the reason it was not.
--
-- A session now counts two kinds of problem apart: skipped items (not stored) and warnings (stored
-- with a caveat). Problems keep their kind and entity. entity_counts becomes the change report:
-- per entity read / inserted / updated / unchanged / merged / skipped / deactivated / warnings.

ALTER TABLE import_session RENAME COLUMN failed_items TO skipped_items;
ALTER TABLE import_session ADD COLUMN warning_items BIGINT NOT NULL DEFAULT 0 CHECK (warning_items >= 0);
-- The administrator allowed this import to deactivate more than the configured share of the catalog.
ALTER TABLE import_session ADD COLUMN allow_mass_deactivation BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE import_failure RENAME TO import_problem;
ALTER INDEX import_failure_session_idx RENAME TO import_problem_session_idx;
ALTER TABLE import_problem ADD COLUMN kind VARCHAR(8) NOT NULL DEFAULT 'SKIPPED' CHECK (kind IN ('SKIPPED', 'WARNING'));
-- groups | properties | propertyValues | priceTypes | warehouses | units | products | offers | prices | stock
ALTER TABLE import_problem ADD COLUMN entity VARCHAR(32);

-- Old rows: the problems that never lost the item were warnings all along.
UPDATE import_problem SET kind = 'WARNING'
WHERE reason LIKE 'image file not found%' OR reason LIKE 'image path leaves the media folder%'
   OR reason LIKE 'cannot copy image%' OR reason LIKE 'parent group is not in the catalog%'
   OR reason LIKE '%it was left unset';
UPDATE import_session s SET warning_items = w.n, skipped_items = greatest(0, s.skipped_items - w.n)
FROM (SELECT session_id, count(*) AS n FROM import_problem WHERE kind = 'WARNING' GROUP BY session_id) w
WHERE w.session_id = s.id;
ALTER TABLE import_problem ALTER COLUMN kind DROP DEFAULT;

-- Old change reports said "failed" for what is now "skipped".
UPDATE import_session SET entity_counts = (
    SELECT coalesce(jsonb_object_agg(e.key, (e.value - 'failed')
               || jsonb_build_object('skipped', coalesce(e.value -> 'failed', '0'::jsonb))), '{}'::jsonb)
    FROM jsonb_each(entity_counts) AS e)
WHERE entity_counts <> '{}'::jsonb;

-- Price types and warehouses that prices or stock referred to but 1C never declared are created
-- from their Ид (name = Ид) with declared = false, so an administrator can tell them apart.
ALTER TABLE price_type ADD COLUMN declared BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE warehouse ADD COLUMN declared BOOLEAN NOT NULL DEFAULT TRUE;
