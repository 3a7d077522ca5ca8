-- Strategies and programmes: each document, its tree of goals, objectives,
-- measures and projects, their indicators, the links from nodes to other
-- modules' things, the timeline entries, and the yearly results reports.
--
-- A node and an indicator are each one row holding its JSON document,
-- keyed by the document and its external id (what an import matches on);
-- `position` keeps the order the document gives. Every change of a tree
-- bumps its document's `revision`, checked when the change is written, so
-- two staff saving from the same tree cannot overwrite each other, and
-- draws a new random `tree_key`, under which readers keep a decoded tree
-- (random, so no two trees anywhere share one).
CREATE TABLE strategy_documents (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    external_id TEXT NOT NULL,
    first_year INTEGER NOT NULL,
    definition TEXT NOT NULL,
    revision BIGINT NOT NULL,
    tree_key TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (municipality_id, external_id)
);

CREATE TABLE strategy_nodes (
    document_id TEXT NOT NULL REFERENCES strategy_documents(id),
    node_id TEXT NOT NULL,
    municipality_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    definition TEXT NOT NULL,
    PRIMARY KEY (document_id, node_id)
);

CREATE TABLE strategy_indicators (
    document_id TEXT NOT NULL REFERENCES strategy_documents(id),
    indicator_id TEXT NOT NULL,
    municipality_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    definition TEXT NOT NULL,
    PRIMARY KEY (document_id, indicator_id)
);

-- The other side of a node's links: which nodes point at a budget project,
-- a lot, a site or a petition, so that thing's page can show them.
CREATE TABLE strategy_links (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES strategy_documents(id),
    node_id TEXT NOT NULL,
    PRIMARY KEY (municipality_id, kind, target_id, document_id, node_id)
);

-- A node's timeline: dated entries with text (and photos, in `photos`).
CREATE TABLE strategy_entries (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES strategy_documents(id),
    node_id TEXT NOT NULL,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    day TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX strategy_entries_node ON strategy_entries (document_id, node_id, day);
CREATE INDEX strategy_entries_city ON strategy_entries (municipality_id, day);

-- A city's results report for a year as its staff published it (the
-- figures are made from the data when read; this is the words around them).
CREATE TABLE strategy_reports (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    year INTEGER NOT NULL,
    definition TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, year)
);

-- An oblast's report, published by its oblast-level staff.
CREATE TABLE strategy_oblast_reports (
    oblast_id TEXT NOT NULL REFERENCES oblasts(id),
    year INTEGER NOT NULL,
    definition TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (oblast_id, year)
);
