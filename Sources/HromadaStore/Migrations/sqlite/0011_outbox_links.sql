-- Issue 13: a letter carrying a single-use link (confirmation, password
-- reset, a petition signature) records the keyed digest of that link, so
-- using the link deletes the letter; delivered letters are purged by age.
ALTER TABLE outbox ADD COLUMN link_digest TEXT;
CREATE INDEX outbox_link_digest ON outbox (link_digest);
