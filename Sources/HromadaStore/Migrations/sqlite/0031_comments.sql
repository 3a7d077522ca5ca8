-- Comments on the things of a city's modules (docs/architecture.md,
-- "Comments"): the thing is named as links name it, a kind and the owning
-- module's id, and the platform keeps only the two strings. A reply names
-- its top-level comment (one level deep). A hidden comment keeps its text
-- for its author and the moderators, with the reason, who and when.
CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    parent_id TEXT REFERENCES comments(id),
    author_id TEXT NOT NULL REFERENCES accounts(id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    hidden_reason TEXT,
    hidden_by TEXT REFERENCES accounts(id),
    hidden_at INTEGER,
    flag_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX comments_by_subject ON comments (municipality_id, subject_kind, subject_id, created_at);
-- The moderation desk reads only the flagged ones.
CREATE INDEX comments_flagged ON comments (municipality_id, flag_count) WHERE flag_count > 0;

-- One flag per person per comment: the primary key decides, however many arrive at once.
CREATE TABLE comment_flags (
    comment_id TEXT NOT NULL REFERENCES comments(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    flagged_at INTEGER NOT NULL,
    PRIMARY KEY (comment_id, account_id)
);
