-- The city's search, second shape (docs/architecture.md, "Search"). What a
-- result shows stays in `search_documents`; what a query matches moves to
-- a narrow table of its own, `search_terms`, one row per document: its id
-- and two vectors of the words' beginnings (`SearchTerms.lookupTerms`),
-- one of the title and one of everything, each with the document's scope
-- token (city and module as one word). The vectors carry no positions
-- (`strip`), since nothing ranks by them, and live out of line (a row here
-- is a few dozen bytes), so the heap a query visits after its index is
-- small and stays in memory.
ALTER TABLE search_documents DROP COLUMN search_vector, DROP COLUMN title_terms, DROP COLUMN body_terms;
CREATE TABLE search_terms (
    id BIGINT PRIMARY KEY REFERENCES search_documents(id) ON DELETE CASCADE,
    title_vector tsvector NOT NULL,
    search_vector tsvector NOT NULL
) WITH (toast_tuple_target = 128);
CREATE INDEX search_terms_title ON search_terms USING GIN (title_vector);
CREATE INDEX search_terms_all ON search_terms USING GIN (search_vector);

-- The planner costs a vector test at next to nothing, so for a common word
-- it walks the table (or its key backwards) testing each row, reading each
-- row's vector from TOAST: hundreds of milliseconds. These functions answer
-- from the GIN indexes only, whatever the estimate; `SET` applies to the
-- function's own statement and nothing else on the connection.

-- The ids of the newest `wanted` documents matching `query`, newest first,
-- by the title alone or by everything.
CREATE FUNCTION search_newest(query tsquery, in_title boolean, wanted bigint) RETURNS TABLE (id bigint)
LANGUAGE sql STABLE SET enable_seqscan = off SET enable_indexscan = off AS $$
    SELECT t.id FROM search_terms t WHERE in_title AND t.title_vector @@ query
    UNION ALL
    SELECT t.id FROM search_terms t WHERE NOT in_title AND t.search_vector @@ query
    ORDER BY 1 DESC LIMIT wanted
$$;

-- How many documents match `query`, counted up to `cap`.
CREATE FUNCTION search_count(query tsquery, cap bigint) RETURNS bigint
LANGUAGE sql STABLE SET enable_seqscan = off SET enable_indexscan = off AS $$
    SELECT count(*) FROM (SELECT FROM search_terms t WHERE t.search_vector @@ query LIMIT cap) m
$$;

-- Every document is made again at the next start, in the new shape.
DELETE FROM search_documents;
DELETE FROM search_index_state;
