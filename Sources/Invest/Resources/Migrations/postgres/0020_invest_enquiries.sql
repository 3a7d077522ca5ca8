-- Investors' enquiries, each kept whole as its document (who asks, what,
-- every dated step), with what the managers' queue sorts and counts on in
-- columns: its state, what is owed next and when, and the first answer's
-- due and given times (times in seconds since the epoch). `key_digest`
-- is the keyed digest of the investor's private link; the link itself is
-- never stored. `version` is its number of steps: of two changes made
-- from the same version, one is written.
CREATE TABLE invest_enquiries (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    state TEXT NOT NULL,
    key_digest TEXT NOT NULL,
    next_due BIGINT,
    received_at BIGINT NOT NULL,
    first_answer_due BIGINT,
    first_answered_at BIGINT,
    version BIGINT NOT NULL,
    definition TEXT NOT NULL
);
CREATE INDEX invest_enquiries_queue ON invest_enquiries (municipality_id, state, next_due);
