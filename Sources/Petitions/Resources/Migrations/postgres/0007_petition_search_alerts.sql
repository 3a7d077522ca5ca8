-- Full-text search over petitions: the list's search box and the similar
-- petitions a moderator sees. The 'simple' configuration (no Ukrainian
-- dictionary ships with PostgreSQL); queries use prefixes instead of stems.
ALTER TABLE petitions ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE petitions SET search_text = (definition::jsonb ->> 'title') || ' ' || (definition::jsonb ->> 'text');
CREATE INDEX petitions_search ON petitions USING GIN (to_tsvector('simple', search_text));

-- One address signing more than the city's limit within an hour: raised
-- once per address and hour, shown to the city's moderators and mailed.
CREATE TABLE petition_alerts (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    client_address TEXT NOT NULL,
    hour_start BIGINT NOT NULL,
    signatures INTEGER NOT NULL,
    raised_at BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, client_address, hour_start)
);

-- Email signers (where the city lets them sign) confirm by a link: the
-- digest of its token, cleared once confirmed (only pending ones are indexed).
ALTER TABLE petition_signatures ADD COLUMN confirmation_digest TEXT;
CREATE INDEX petition_signatures_by_confirmation ON petition_signatures (confirmation_digest) WHERE confirmation_digest IS NOT NULL;

-- scheduler_leases, first made here, is the platform's: 0013 makes it.
