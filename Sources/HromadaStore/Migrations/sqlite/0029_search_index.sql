-- The city's search (docs/architecture.md, "Search"): one row per thing the
-- public may find, written by the module that owns the thing in the same
-- transaction as the thing itself. `title` and `body` are what the index
-- matches (apostrophes dropped, both languages' titles); the rest is what a
-- result shows. `scope` holds the city and the module as two tokens of
-- their own (hex, so no word a person types is one), so the full-text index
-- itself keeps cities and modules apart and a query never leaves it to ask
-- the table. The integer key is the index's rowid, which a VACUUM keeps
-- only for an INTEGER PRIMARY KEY.
CREATE TABLE search_documents (
    id INTEGER PRIMARY KEY,
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
    updated_at INTEGER NOT NULL,
    UNIQUE (municipality_id, module, kind, item_id)
);
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, scope, content = 'search_documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    -- A query's words are prefixes of 3 to 7 letters (SearchTerms): an index
    -- of each makes a common one a single list to read, not dozens to merge.
    prefix = '3 4 5 6 7'
);
CREATE TRIGGER search_index_insert AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_index (rowid, title, body, scope) VALUES (new.id, new.title, new.body, new.scope);
END;
CREATE TRIGGER search_index_delete AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_index (search_index, rowid, title, body, scope) VALUES ('delete', old.id, old.title, old.body, old.scope);
END;
CREATE TRIGGER search_index_update AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_index (search_index, rowid, title, body, scope) VALUES ('delete', old.id, old.title, old.body, old.scope);
    INSERT INTO search_index (rowid, title, body, scope) VALUES (new.id, new.title, new.body, new.scope);
END;

-- Which rules each module's documents were made under: a start that finds
-- another version (or none, as after this migration) makes them again.
CREATE TABLE search_index_state (
    module TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    indexed_at INTEGER NOT NULL
);
