-- Photos (and later documents) live in the database, so app servers stay
-- stateless (docs/design.md). Bytes are stored after sanitising: metadata gone.
CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    -- The order they were added in, within their owner.
    position INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    byte_count INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    caption TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES accounts(id),
    uploaded_at INTEGER NOT NULL,
    bytes BLOB NOT NULL
);
CREATE INDEX uploads_by_owner ON uploads (municipality_id, owner_kind, owner_id, position);
