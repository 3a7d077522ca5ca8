-- Full-text search over petitions: the list's search box and the similar
-- petitions a moderator sees. The FTS5 index keeps no copy of the text
-- (external content: the petitions table) and triggers keep it current.
ALTER TABLE petitions ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE petitions SET search_text = json_extract(definition, '$.title') || ' ' || json_extract(definition, '$.text');
CREATE VIRTUAL TABLE petition_search USING fts5(
    search_text, content = 'petitions', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO petition_search (petition_search) VALUES ('rebuild');
CREATE TRIGGER petition_search_insert AFTER INSERT ON petitions BEGIN
    INSERT INTO petition_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER petition_search_delete AFTER DELETE ON petitions BEGIN
    INSERT INTO petition_search (petition_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER petition_search_update AFTER UPDATE OF search_text ON petitions BEGIN
    INSERT INTO petition_search (petition_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO petition_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- One address signing more than the city's limit within an hour: raised
-- once per address and hour, shown to the city's moderators and mailed.
CREATE TABLE petition_alerts (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    client_address TEXT NOT NULL,
    hour_start INTEGER NOT NULL,
    signatures INTEGER NOT NULL,
    raised_at INTEGER NOT NULL,
    PRIMARY KEY (municipality_id, client_address, hour_start)
);

-- Email signers (where the city lets them sign) confirm by a link: the
-- digest of its token, cleared once confirmed (only pending ones are indexed).
ALTER TABLE petition_signatures ADD COLUMN confirmation_digest TEXT;
CREATE INDEX petition_signatures_by_confirmation ON petition_signatures (confirmation_digest) WHERE confirmation_digest IS NOT NULL;

-- scheduler_leases, first made here, is the platform's: 0013 makes it.

-- SQLite has one writer, so sharding the counters buys nothing: fold each
-- petition's count into shard 0, the only row the signing upsert touches
-- from now on (its RETURNING gives the exact count).
UPDATE petition_counters SET count = (SELECT SUM(c.count) FROM petition_counters c WHERE c.petition_id = petition_counters.petition_id)
WHERE shard = 0;
INSERT INTO petition_counters (petition_id, shard, count)
SELECT petition_id, 0, SUM(count) FROM petition_counters GROUP BY petition_id HAVING SUM(CASE WHEN shard = 0 THEN 1 ELSE 0 END) = 0;
DELETE FROM petition_counters WHERE shard <> 0;
