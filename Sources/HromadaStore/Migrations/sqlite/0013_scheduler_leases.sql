-- Work that exactly one instance does at a time (a module's scheduler): the
-- holder renews its lease every round; another takes over once it lapses.
-- A platform table: databases made before modules had their own migrations
-- got it from the petitions migration 0007, hence IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS scheduler_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
