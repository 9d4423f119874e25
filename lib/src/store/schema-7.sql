-- lawlist database schema, version 7: the store keeps named blobs for other parts of lawlist and
-- knows nothing of what is in them. The classification index (lib/src/classify/stored.cpp) is
-- the blob 'classify-index': the types' terms and the compiled index in one image, which
-- replaces the tables classify_term and classify_compiled; the loader compiles it right after
-- this migration. Lists inside records stay rows (item_basis, violation_alias, ...), read back as
-- JSON arrays rather than as text joined with control characters.
CREATE TABLE blob (
    name        TEXT PRIMARY KEY,
    format      TEXT NOT NULL,  -- what the bytes are, as their owner names it
    fingerprint TEXT NOT NULL,  -- what they were built from, as their owner computes it
    bytes       BLOB NOT NULL
);
DROP TABLE IF EXISTS classify_term;
DROP TABLE IF EXISTS classify_compiled;
