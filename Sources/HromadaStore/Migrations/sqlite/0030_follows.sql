-- Issue 21: residents follow things (a project, an edition, a petition, a
-- lot, a strategy) and hear of what happens to them by mail, at once or in
-- a daily digest. A followed thing is named as links between modules name
-- it: its kind and its id in the city.
CREATE TABLE follows (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, municipality_id, kind, target_id)
);
CREATE INDEX follows_target ON follows (municipality_id, kind, target_id);

-- What a person chose: immediate, daily or none.
ALTER TABLE accounts ADD COLUMN notification_mail TEXT NOT NULL DEFAULT 'immediate';

-- What happened, recorded by the module in the transaction that made it
-- happen; the dispatcher writes the letters and marks it dispatched.
CREATE TABLE follow_events (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    what TEXT NOT NULL,
    detail TEXT,
    about_kind TEXT NOT NULL,
    about_id TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    dispatched_at INTEGER
);
CREATE INDEX follow_events_pending ON follow_events (occurred_at) WHERE dispatched_at IS NULL;

-- Whose followers an event reaches (the thing itself, and its edition or document).
CREATE TABLE follow_event_targets (
    event_id TEXT NOT NULL REFERENCES follow_events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    PRIMARY KEY (event_id, kind, target_id)
);

-- A daily reader's lines, written in their language when the event was
-- dispatched, until the morning's letter takes them.
CREATE TABLE digest_lines (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    line TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, event_id)
);
CREATE INDEX digest_lines_due ON digest_lines (created_at);

-- How far the calendar's events (phases that open, auctions that start) were looked at.
CREATE TABLE follow_schedule (
    id TEXT PRIMARY KEY,
    looked_until INTEGER NOT NULL
);

-- RFC 8058: a letter about followed things carries its one-click unsubscribe link.
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
