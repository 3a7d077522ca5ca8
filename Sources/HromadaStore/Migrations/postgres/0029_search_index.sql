-- The city's search (docs/architecture.md, "Search"): one row per thing the
-- public may find, written by the module that owns the thing in the same
-- transaction as the thing itself. `title` and `body` are what the index
-- matches (apostrophes dropped, both languages' titles); the rest is what a
-- result shows. `title_terms` and `body_terms` hold every beginning of 3
-- to 7 letters of each word (SearchTerms.lookupTerms), so a query asks for
-- exact lexemes: GIN then reads one posting list per query word instead of
-- merging every word that starts so. The vector weighs the title above the body; `scope` adds
-- the city and the module as two lexemes of their own (weight D, hex, so no
-- word a person types is one), so the GIN index itself keeps cities and
-- modules apart.
CREATE TABLE search_documents (
    id BIGSERIAL PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    module TEXT NOT NULL,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL,
    summary_uk TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    path TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    scope TEXT NOT NULL,
    title_terms TEXT NOT NULL,
    body_terms TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', body_terms), 'B')
            || setweight(to_tsvector('simple', scope), 'D')
    ) STORED,
    UNIQUE (municipality_id, module, kind, item_id)
);
CREATE INDEX search_documents_vector ON search_documents USING GIN (search_vector);

-- Which rules each module's documents were made under: a start that finds
-- another version (or none, as after this migration) makes them again.
CREATE TABLE search_index_state (
    module TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    indexed_at BIGINT NOT NULL
);
