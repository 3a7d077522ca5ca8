-- The ballot box (docs/design.md, secret ballot). A vote's transaction writes the
-- participation and the ballot sealed (AES-GCM, padded to one length), keyed
-- by a random id: no content, receipt or time in the clear. The mixer opens
-- sealed ballots in pools and moves them to budget_ballots in one
-- transaction, so a reader can follow a participation to its pool but not
-- to its ballot. WITHOUT ROWID: no hidden insertion order.
CREATE TABLE budget_ballot_box (
    edition_id TEXT NOT NULL REFERENCES budget_editions(id),
    id TEXT NOT NULL,
    sealed TEXT NOT NULL,
    PRIMARY KEY (edition_id, id)
) WITHOUT ROWID;

-- How many paper ballots each clerk typed in an edition, for staff: one
-- counter per clerk, bumped in the entry's own transaction. No voter, no
-- ballot and no time is kept with it.
CREATE TABLE budget_paper_clerk_counts (
    edition_id TEXT NOT NULL REFERENCES budget_editions(id),
    clerk_id TEXT NOT NULL REFERENCES accounts(id),
    entries INTEGER NOT NULL,
    PRIMARY KEY (edition_id, clerk_id)
) WITHOUT ROWID;
