-- lawlist database schema, version 6: items read per revision in load order. An index on
-- revision_id alone is ordered by (revision_id, rowid), so reading the items of a few revisions
-- walks it instead of sorting the whole item table in a temporary B-tree.
CREATE INDEX IF NOT EXISTS item_by_revision ON item (revision_id);
