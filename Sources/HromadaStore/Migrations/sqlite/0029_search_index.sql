-- The city's search (docs/architecture.md, "Search"): one row per thing the
-- public may find, written by the module that owns the thing in the same
-- transaction as the thing itself. `title` and `body` are what the index
-- matches (apostrophes dropped, both languages' titles); the rest is what a
-- result shows. The integer key is the full-text index's rowid, which a
-- VACUUM keeps only for an INTEGER PRIMARY KEY.
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
    updated_at INTEGER NOT NULL,
    UNIQUE (municipality_id, module, kind, item_id)
);
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, content = 'search_documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_index_insert AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_index_delete AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_index (search_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_index_update AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_index (search_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_index (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Which rules each module's documents were made under: a start that finds
-- another version (or none, as after this migration) makes them again.
CREATE TABLE search_index_state (
    module TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    indexed_at INTEGER NOT NULL
);
