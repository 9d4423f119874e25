-- lawlist database schema, version 5: 实施主体 and 承办机构, cited versions, the law registry.

-- body_id is the legal subject (实施主体). Under 委托 that is a county department, a body of
-- another revision, so the item table is rebuilt without its foreign key to its own revision's
-- bodies; unit_id is who does the work (承办机构), NULL when the subject does it itself.
-- Migrations run with foreign keys off, so dropping the old table keeps the rows that refer to it.
CREATE TABLE item_v4 (
    id              INTEGER PRIMARY KEY,
    revision_id     INTEGER NOT NULL REFERENCES revision (id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    category        TEXT NOT NULL,
    sector          TEXT NOT NULL,
    body_id         TEXT NOT NULL,
    unit_id         TEXT,
    delegation_from TEXT,
    delegation_mode TEXT CHECK (delegation_mode IN ('赋权', '委托')),
    delegation_item TEXT,
    remarks         TEXT,
    source_path     TEXT NOT NULL,
    source_line     INTEGER NOT NULL,
    UNIQUE (revision_id, code)
);
INSERT INTO item_v4 (id, revision_id, code, name, category, sector, body_id, unit_id,
                     delegation_from, delegation_mode, delegation_item, remarks, source_path,
                     source_line)
SELECT id, revision_id, code, name, category, sector, body_id, NULL, delegation_from,
       delegation_mode, delegation_item, remarks, source_path, source_line FROM item;
DROP TABLE item;
ALTER TABLE item_v4 RENAME TO item;
CREATE INDEX item_by_body ON item (revision_id, body_id);
CREATE INDEX item_by_delegation ON item (delegation_from, delegation_item);

-- The version a citation names (law_version.version_id); NULL: the one in force on the list
-- set's effective date.
ALTER TABLE item_basis ADD COLUMN version TEXT;
ALTER TABLE warning_basis ADD COLUMN version TEXT;

-- The law registry (vocabulary kind law-registry); a load carrying a law replaces its versions.
CREATE TABLE law (
    name        TEXT PRIMARY KEY,
    source_path TEXT NOT NULL,
    source_line INTEGER NOT NULL
);

CREATE TABLE law_version (
    law         TEXT NOT NULL REFERENCES law (name) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    version_id  TEXT NOT NULL,
    label       TEXT,
    adopted     TEXT NOT NULL,
    effective   TEXT NOT NULL,
    source_line INTEGER NOT NULL,
    PRIMARY KEY (law, seq),
    UNIQUE (law, version_id)
);

-- Articles of the previous version and where the version carries them (to_article NULL: none).
CREATE TABLE law_renumbering (
    law          TEXT NOT NULL REFERENCES law (name) ON DELETE CASCADE,
    version_id   TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    from_article INTEGER NOT NULL,
    to_article   INTEGER,
    PRIMARY KEY (law, version_id, seq)
);
