-- /readyz writes here: one row per running instance, the time of its last
-- probe. A write that reaches the disk proves the writer moves and the disk
-- takes data (a full disk fails it); a read alone would not.
CREATE TABLE readiness_probes (
    instance TEXT PRIMARY KEY,
    checked_at BIGINT NOT NULL
);
