-- The city's search, second shape (docs/architecture.md, "Search"): a
-- document's scope is one token of its city and module together, where it
-- was two, so a query asks one list per module instead of intersecting the
-- city's (every document) with the module's. Every document is made again
-- at the next start, in the new shape; the index follows by its triggers.
DELETE FROM search_documents;
DELETE FROM search_index_state;
