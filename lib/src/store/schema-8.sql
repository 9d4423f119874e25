-- lawlist database schema, version 8: a blob may also come in parts keyed by an integer, so that
-- a reader needing a few of them does not read the whole: one classification reads the parts of
-- the classification index for its text's bigrams and its candidate types, not the index of every
-- type (lib/src/classify/stored.cpp). The store knows nothing of what is in them either. The
-- loader compiles the index anew after this migration (its format changed with it).
CREATE TABLE blob_part (
    name  TEXT NOT NULL,
    key   INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (name, key)
) WITHOUT ROWID;
