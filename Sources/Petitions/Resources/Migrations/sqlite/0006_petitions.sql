-- E-petitions (art. 23-1). The petition is a JSON document the domain
-- changes whole; the columns beside it are what queries sort and filter on.
CREATE TABLE petitions (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    number INTEGER NOT NULL,
    state TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES accounts(id),
    category TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deadline INTEGER,
    -- The displayed count: refreshed from the counters every second or so,
    -- never by the signing transaction, so reads never wait on signers.
    signature_count INTEGER NOT NULL DEFAULT 0,
    -- The moderator who took it from the queue, so two do not decide it.
    taken_by TEXT REFERENCES accounts(id),
    taken_at INTEGER,
    UNIQUE (municipality_id, number)
);
CREATE INDEX petitions_by_state ON petitions (municipality_id, state, created_at);

-- One row per signer and petition: the primary key is the rule "one
-- signature per person" (residency HMAC, or a normalised email).
CREATE TABLE petition_signatures (
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    identity_key TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    signer_name TEXT NOT NULL,
    signed_at INTEGER NOT NULL,
    -- For moderators' bulk invalidation (by address, email domain, time).
    client_address TEXT NOT NULL,
    email_domain TEXT NOT NULL,
    confirmed INTEGER NOT NULL,
    notify_on_answer INTEGER NOT NULL DEFAULT 0,
    invalidated_at INTEGER,
    invalidation_reason TEXT,
    PRIMARY KEY (petition_id, identity_key)
) WITHOUT ROWID;
CREATE INDEX petition_signatures_by_time ON petition_signatures (petition_id, signed_at);
CREATE INDEX petition_signatures_by_address ON petition_signatures (client_address, signed_at);

-- Valid signatures per petition, spread over 16 rows so that concurrent
-- signers (on PostgreSQL) rarely wait for the same row; the exact count is
-- their sum, read inside the signing transaction.
CREATE TABLE petition_counters (
    petition_id TEXT NOT NULL REFERENCES petitions(id),
    shard INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (petition_id, shard)
) WITHOUT ROWID;
