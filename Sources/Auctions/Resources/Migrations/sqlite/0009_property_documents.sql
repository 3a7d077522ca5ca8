-- PDF documents of the property register's objects, in the database like
-- photos (docs/design.md: app servers stay stateless). The type was checked from
-- the bytes; the hash lets a reader check a downloaded copy.
CREATE TABLE property_documents (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    object_id TEXT NOT NULL REFERENCES property_objects(id),
    -- The order they were added in, within their object.
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    media_type TEXT NOT NULL,
    byte_count INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES accounts(id),
    uploaded_at INTEGER NOT NULL,
    bytes BLOB NOT NULL
);
CREATE INDEX property_documents_by_object ON property_documents (municipality_id, object_id, position);

-- An object's page lists every lot on it: its history of leases and sales.
CREATE INDEX lots_by_object ON lots (municipality_id, object_id, number);
