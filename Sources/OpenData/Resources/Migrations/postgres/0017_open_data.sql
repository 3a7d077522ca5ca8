-- The open-data catalogue's record of each dataset of each city, as last
-- checked: the digests and sizes of its files, and when it was first
-- published and last changed. `modified_ms` moves only when a digest (or
-- whether the dataset is published) changes, so a harvester asking what
-- changed since a time gets exactly the datasets whose data did.
CREATE TABLE open_data_datasets (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    module TEXT NOT NULL,
    dataset TEXT NOT NULL,
    published INTEGER NOT NULL,
    first_published_ms BIGINT NOT NULL,
    modified_ms BIGINT NOT NULL,
    checked_ms BIGINT NOT NULL,
    row_count BIGINT NOT NULL,
    csv_bytes BIGINT NOT NULL,
    csv_sha256 TEXT NOT NULL,
    json_bytes BIGINT NOT NULL,
    json_sha256 TEXT NOT NULL,
    -- The dataset's own fingerprint (OpenDataset.version) when the files
    -- were last read, if it declares one; '' if not.
    version TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (municipality_id, module, dataset)
);

-- When each city's catalogue was last checked, and the newest audit entry
-- of the city then: a city whose newest entry is still that one has not
-- changed since (every module audits its changes).
CREATE TABLE open_data_refreshes (
    municipality_id TEXT PRIMARY KEY REFERENCES municipalities(id),
    audit_seq BIGINT,
    refreshed_ms BIGINT NOT NULL
);
