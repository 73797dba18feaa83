-- Tables whose rows come from documents, with the constraints sqlite-utils' create() cannot
-- declare. $programs, $metrics ... are filled from schemas/data/vocabulary.yaml (database/schema.py),
-- so the vocabulary has one home. Vocabulary, region and link tables are created in schema.py.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,                       -- Document.id: hash of the file's bytes
    source TEXT NOT NULL,                      -- path as given to the build
    name TEXT NOT NULL,                        -- basename: the `source` of its records
    format TEXT NOT NULL,
    title TEXT,
    kind TEXT,
    url TEXT,                                  -- web address the page was copied from
    published TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]*'),
    issuers TEXT NOT NULL DEFAULT '[]',        -- JSON list
    doc_numbers TEXT NOT NULL DEFAULT '[]',    -- JSON list
    home_region TEXT,
    home_adcode TEXT REFERENCES regions(code),
    encoding TEXT,
    pages INTEGER,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    rules_fired TEXT NOT NULL DEFAULT '{}'     -- JSON: rule id -> figures or records it kept out
);

CREATE TABLE standards (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    source TEXT NOT NULL,
    region TEXT,
    adcode TEXT REFERENCES regions(code) CHECK (adcode IS NULL OR adcode GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
    program TEXT NOT NULL REFERENCES programs(code) CHECK (program IN ($programs)),
    area TEXT NOT NULL REFERENCES areas(code) CHECK (area IN ($areas)),
    variant TEXT REFERENCES variants(code) CHECK (variant IS NULL OR variant IN ($variants)),
    metric TEXT NOT NULL REFERENCES metrics(code) CHECK (metric IN ($metrics)),
    value REAL NOT NULL CHECK (value >= 0),
    value_max REAL CHECK (value_max IS NULL OR value_max >= value),
    unit TEXT NOT NULL REFERENCES units(code) CHECK (unit IN ($units)),
    previous REAL CHECK (previous IS NULL OR previous >= 0),
    period TEXT CHECK (period IS NULL OR period GLOB '[0-9][0-9][0-9][0-9]*'),
    status TEXT NOT NULL REFERENCES statuses(code) CHECK (status IN ($statuses)),
    basis TEXT REFERENCES bases(code) CHECK (basis IS NULL OR basis IN ($bases)),
    bound TEXT CHECK (bound IS NULL OR bound IN ('min', 'max')),
    quote TEXT NOT NULL CHECK (quote <> ''),
    unit_inferred INTEGER NOT NULL DEFAULT 0 CHECK (unit_inferred IN (0, 1)),
    region_inferred INTEGER NOT NULL DEFAULT 0 CHECK (region_inferred IN (0, 1)),
    target_groups TEXT NOT NULL DEFAULT '[]',  -- JSON list of target_groups.code
    rules TEXT NOT NULL DEFAULT '[]',          -- JSON list of the ids of the rules that made it
    start INTEGER,                             -- the quote's span in documents.text
    "end" INTEGER,
    original_start INTEGER,                    -- the same span in the original text
    original_end INTEGER,
    page INTEGER,
    block INTEGER,
    table_row INTEGER,                         -- a record read from a table: its row and column
    table_column INTEGER,
    period_start TEXT,                         -- first day the period denotes: 2015 -> 2015-01-01
    year INTEGER,                              -- year of the period, for facets
    override TEXT REFERENCES overrides(id)     -- the curator override that made or changed it
);

CREATE TABLE statistics (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    source TEXT NOT NULL,
    quote TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    what TEXT,
    program TEXT REFERENCES programs(code) CHECK (program IS NULL OR program IN ($programs)),
    region TEXT,
    adcode TEXT REFERENCES regions(code),
    period TEXT CHECK (period IS NULL OR period GLOB '[0-9][0-9][0-9][0-9]*'),
    rules TEXT NOT NULL DEFAULT '[]',          -- JSON list of the ids of the rules that made it
    start INTEGER,
    "end" INTEGER,
    original_start INTEGER,
    original_end INTEGER,
    page INTEGER,
    block INTEGER,
    table_row INTEGER,
    table_column INTEGER
);

CREATE TABLE checks (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    source TEXT NOT NULL,
    quote TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ($check_kinds)),
    stated REAL NOT NULL,
    recomputed REAL,
    inputs TEXT NOT NULL DEFAULT '{}',         -- JSON object
    verdict TEXT NOT NULL CHECK (verdict IN ($verdicts)),
    explanation TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER
);

CREATE TABLE overrides (
    id TEXT PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('fix', 'drop', 'add')),
    who TEXT NOT NULL CHECK (who <> ''),
    why TEXT NOT NULL CHECK (why <> ''),
    match TEXT,                                -- JSON: the fields that select the records
    "set" TEXT,                                -- JSON: the fields a fix changes
    record TEXT,                               -- JSON: the record an add inserts
    matched INTEGER NOT NULL DEFAULT 0,        -- how many records it changed, dropped or added
    written TEXT,                              -- hash of the override as written
    target TEXT,                               -- JSON [[quote, value], ...]: its records before it changed them, when written
    stale TEXT                                 -- why it was not applied: its records changed since
);
