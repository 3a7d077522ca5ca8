-- The parts of a dataset that have files of their own (one edition's
-- anonymous ballots beside every edition's), as last checked: what each
-- covers and the digests and sizes of its files. A check replaces a
-- dataset's parts whole; they are resources of the dataset in the catalogue.
CREATE TABLE open_data_parts (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    module TEXT NOT NULL,
    dataset TEXT NOT NULL,
    part TEXT NOT NULL,
    -- Its place among the dataset's parts, as the module listed them.
    position INTEGER NOT NULL,
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    csv_bytes BIGINT NOT NULL,
    csv_sha256 TEXT NOT NULL,
    json_bytes BIGINT NOT NULL,
    json_sha256 TEXT NOT NULL,
    PRIMARY KEY (municipality_id, module, dataset, part)
);
