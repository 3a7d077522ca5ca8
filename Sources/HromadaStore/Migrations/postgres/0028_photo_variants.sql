-- Smaller copies of each photo (docs/architecture.md, "Uploads"): lists and
-- cards send these, never the original. JPEG, keyed by their width; they go
-- with their photo.
CREATE TABLE photo_variants (
    upload_id TEXT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    byte_count INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (upload_id, width)
);
