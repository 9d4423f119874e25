-- lawlist database schema, version 2: what the classifier learns from besides the aliases.

-- Whole incident reports written for a violation type (the vocabulary's `examples`).
CREATE TABLE violation_example (
    violation_type_id TEXT NOT NULL REFERENCES violation_type (id) ON DELETE CASCADE,
    example           TEXT NOT NULL,
    PRIMARY KEY (violation_type_id, example)
);

-- Reports that no list covers (data/vocabulary/out-of-scope.yaml); replaced by every load that
-- carries an out-of-scope file.
CREATE TABLE out_of_scope_example (
    example TEXT PRIMARY KEY
);

-- The classification index is compiled at load time (lib/src/classify/index.cpp): BM25 weights
-- over the names and aliases and over the example reports, stored as one blob that a
-- classification reads as is. It replaces the per-bigram rows of version 1; rebuilt from the
-- vocabulary right after this migration.
DROP TABLE classify_bigram;
CREATE TABLE classify_compiled (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    image BLOB NOT NULL
);
