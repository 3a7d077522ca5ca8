-- The register's PDFs move into the platform's attachments (0022), which
-- every module's documents now share; owned by the object as its photos are.
INSERT INTO attachments (id, municipality_id, owner_kind, owner_id, position, title, media_type, byte_count, sha256, uploaded_by, uploaded_at, bytes)
SELECT id, municipality_id, 'property_object', object_id, position, title, media_type, byte_count, sha256, uploaded_by, uploaded_at, bytes
FROM property_documents;
DROP TABLE property_documents;
