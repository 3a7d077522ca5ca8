-- Documents (PDFs) of any module's things, in the database like photos
-- (docs/design.md: app servers stay stateless). The type was checked from
-- the bytes; the hash lets a reader check a downloaded copy. Owners are
-- named as photos' are: a kind the module chooses and the thing's id.
CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    -- The order they were added in, within their owner.
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    media_type TEXT NOT NULL,
    byte_count INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES accounts(id),
    uploaded_at INTEGER NOT NULL,
    bytes BLOB NOT NULL
);
CREATE INDEX attachments_by_owner ON attachments (municipality_id, owner_kind, owner_id, position);
