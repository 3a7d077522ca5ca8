-- Participatory budget: editions, projects, delivery, and the secret ballot.
--
-- The secret ballot is two tables with nothing in common but the edition:
-- budget_participations (this identity has voted) and budget_ballots (the
-- anonymous choices). Both are WITHOUT ROWID and keyed by values that carry
-- no order (the identity hash; a random id), with the day only, so neither
-- insertion order nor time lines them up.

CREATE TABLE budget_editions (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    definition TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX budget_editions_by_city ON budget_editions (municipality_id, created_at);

CREATE TABLE budget_projects (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    edition_id TEXT NOT NULL REFERENCES budget_editions(id),
    number INTEGER NOT NULL,
    category_id TEXT NOT NULL,
    status TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES accounts(id),
    definition TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    UNIQUE (edition_id, number)
);
CREATE INDEX budget_projects_by_status ON budget_projects (edition_id, status);

CREATE TABLE budget_participations (
    edition_id TEXT NOT NULL REFERENCES budget_editions(id),
    identity_hash TEXT NOT NULL,
    channel TEXT NOT NULL,
    day TEXT NOT NULL,
    PRIMARY KEY (edition_id, identity_hash)
) WITHOUT ROWID;

CREATE TABLE budget_ballots (
    id TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES budget_editions(id),
    receipt TEXT NOT NULL,
    content TEXT NOT NULL,
    channel TEXT NOT NULL,
    age_group TEXT NOT NULL,
    day TEXT NOT NULL,
    audited INTEGER NOT NULL DEFAULT 0,
    UNIQUE (edition_id, receipt)
) WITHOUT ROWID;
CREATE INDEX budget_ballots_unaudited ON budget_ballots (audited, edition_id);

-- Paper double entry: the first clerk's copy waits here until a second clerk
-- types the same ballot; only the content hash is kept, never the voter.
CREATE TABLE budget_paper_entries (
    id TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES budget_editions(id),
    identity_hash TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at INTEGER NOT NULL,
    mismatch INTEGER NOT NULL DEFAULT 0,
    UNIQUE (edition_id, identity_hash)
);

CREATE TABLE budget_results (
    edition_id TEXT NOT NULL REFERENCES budget_editions(id),
    category_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    computed_at INTEGER NOT NULL,
    PRIMARY KEY (edition_id, category_id)
);

CREATE TABLE budget_delivery_updates (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES budget_projects(id),
    status TEXT NOT NULL,
    spent INTEGER NOT NULL,
    note TEXT NOT NULL,
    posted_by TEXT NOT NULL,
    posted_at INTEGER NOT NULL
);
CREATE INDEX budget_delivery_by_project ON budget_delivery_updates (project_id, posted_at);
