-- lawlist database schema, version 1.
-- PRAGMA application_id = 0x4C41574C ('LAWL') marks a lawlist database; PRAGMA user_version holds
-- the schema version. Every load of a jurisdiction's list set whose sources changed is a new
-- revision; the rows of older revisions stay, so revisions can be compared.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A county, township or sub-district; attributes are those of its latest load.
CREATE TABLE jurisdiction (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    level     TEXT NOT NULL CHECK (level IN ('county', 'township', 'subdistrict')),
    parent_id TEXT REFERENCES jurisdiction (id)
);

-- One load of one jurisdiction's list set.
CREATE TABLE revision (
    id              INTEGER PRIMARY KEY,
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdiction (id),
    label           TEXT NOT NULL,
    effective       TEXT,
    loaded_at       TEXT NOT NULL,  -- ISO 8601, UTC
    source_hash     TEXT NOT NULL,  -- SHA-256 over the SHA-256 of each source file, sorted
    sources         TEXT NOT NULL,  -- JSON array of the source paths as given
    UNIQUE (jurisdiction_id, label)
);

-- The newest revision of each jurisdiction.
CREATE VIEW latest_revision AS
SELECT r.* FROM revision r
WHERE r.id = (SELECT max(id) FROM revision WHERE jurisdiction_id = r.jurisdiction_id);

CREATE TABLE body (
    revision_id INTEGER NOT NULL REFERENCES revision (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    sector      TEXT,
    parent_id   TEXT,  -- may be a body of another jurisdiction (a squad's county department)
    remarks     TEXT,
    source_path TEXT NOT NULL,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (revision_id, id)
);
CREATE INDEX body_by_id ON body (id);

-- The shared vocabulary; updated in place by loads that carry vocabulary files.
CREATE TABLE violation_type (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    sector      TEXT NOT NULL,
    description TEXT,
    source_path TEXT NOT NULL,
    source_line INTEGER NOT NULL
);

CREATE TABLE violation_alias (
    violation_type_id TEXT NOT NULL REFERENCES violation_type (id) ON DELETE CASCADE,
    alias             TEXT NOT NULL,
    PRIMARY KEY (violation_type_id, alias)
);

-- Power/responsibility list items.
CREATE TABLE item (
    id              INTEGER PRIMARY KEY,
    revision_id     INTEGER NOT NULL REFERENCES revision (id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    category        TEXT NOT NULL,
    sector          TEXT NOT NULL,
    body_id         TEXT NOT NULL,
    delegation_from TEXT,  -- originating county body of a township item
    delegation_mode TEXT CHECK (delegation_mode IN ('赋权', '委托')),
    delegation_item TEXT,  -- code of the item on the county list
    remarks         TEXT,
    source_path     TEXT NOT NULL,
    source_line     INTEGER NOT NULL,
    UNIQUE (revision_id, code),
    FOREIGN KEY (revision_id, body_id) REFERENCES body (revision_id, id)
);
CREATE INDEX item_by_body ON item (revision_id, body_id);
CREATE INDEX item_by_delegation ON item (delegation_from, delegation_item);

CREATE TABLE item_basis (
    item_id   INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    law       TEXT NOT NULL,
    article   INTEGER NOT NULL,
    paragraph INTEGER,
    item_no   INTEGER,
    PRIMARY KEY (item_id, seq)
);

CREATE TABLE item_violation (
    item_id           INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
    violation_type_id TEXT NOT NULL REFERENCES violation_type (id),
    PRIMARY KEY (item_id, violation_type_id)
);
CREATE INDEX item_violation_by_type ON item_violation (violation_type_id);

CREATE TABLE item_delegated_to (
    item_id         INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdiction (id),
    mode            TEXT NOT NULL CHECK (mode IN ('赋权', '委托')),
    PRIMARY KEY (item_id, jurisdiction_id)
);

-- Problem list.
CREATE TABLE problem (
    id          INTEGER PRIMARY KEY,
    revision_id INTEGER NOT NULL REFERENCES revision (id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT,
    lead_id     TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_line INTEGER NOT NULL,
    UNIQUE (revision_id, code)
);

CREATE TABLE problem_violation (
    problem_id        INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
    violation_type_id TEXT NOT NULL REFERENCES violation_type (id),
    PRIMARY KEY (problem_id, violation_type_id)
);
CREATE INDEX problem_violation_by_type ON problem_violation (violation_type_id);

CREATE TABLE problem_item (
    problem_id INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
    item_code  TEXT NOT NULL,
    PRIMARY KEY (problem_id, item_code)
);

CREATE TABLE problem_cooperating (
    problem_id INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    body_id    TEXT NOT NULL,
    PRIMARY KEY (problem_id, seq)
);

-- Warning list.
CREATE TABLE warning (
    id          INTEGER PRIMARY KEY,
    revision_id INTEGER NOT NULL REFERENCES revision (id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    situation   TEXT NOT NULL,
    consequence TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_line INTEGER NOT NULL,
    UNIQUE (revision_id, code)
);

CREATE TABLE warning_body (
    warning_id INTEGER NOT NULL REFERENCES warning (id) ON DELETE CASCADE,
    body_id    TEXT NOT NULL,
    PRIMARY KEY (warning_id, body_id)
);

CREATE TABLE warning_basis (
    warning_id INTEGER NOT NULL REFERENCES warning (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    law        TEXT NOT NULL,
    article    INTEGER NOT NULL,
    paragraph  INTEGER,
    item_no    INTEGER,
    PRIMARY KEY (warning_id, seq)
);

-- Performance list.
CREATE TABLE metric (
    id          INTEGER PRIMARY KEY,
    revision_id INTEGER NOT NULL REFERENCES revision (id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT,
    comparison  TEXT NOT NULL CHECK (comparison IN ('at-least', 'at-most')),
    value       REAL NOT NULL,
    unit        TEXT NOT NULL,
    weight      REAL NOT NULL,
    assessor_id TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_line INTEGER NOT NULL,
    UNIQUE (revision_id, code)
);

CREATE TABLE metric_assessed (
    metric_id INTEGER NOT NULL REFERENCES metric (id) ON DELETE CASCADE,
    body_id   TEXT NOT NULL,
    PRIMARY KEY (metric_id, body_id)
);

-- The classification index (lib/src/classify/index.cpp): the vocabulary's names and aliases,
-- normalized, and their character bigrams. Rebuilt by every load that carries vocabulary.
CREATE TABLE classify_term (
    violation_type_id TEXT NOT NULL REFERENCES violation_type (id) ON DELETE CASCADE,
    term              TEXT NOT NULL,
    PRIMARY KEY (violation_type_id, term)
);

CREATE TABLE classify_bigram (
    violation_type_id TEXT NOT NULL REFERENCES violation_type (id) ON DELETE CASCADE,
    bigram            TEXT NOT NULL,
    bigram_key        INTEGER NOT NULL,  -- the two code points packed: (first << 32) | second
    tf                INTEGER NOT NULL,
    PRIMARY KEY (violation_type_id, bigram)
);
