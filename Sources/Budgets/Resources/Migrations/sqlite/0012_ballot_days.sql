-- Issue 13: a ballot carries no day it was cast. budget_ballots.day is now
-- the day its row was written (its pool's Kyiv day); ballots stored before
-- carry their cast day, which pairs a quiet day's ballot with its
-- participation. They take the day of this migration (UTC) instead.
UPDATE budget_ballots SET day = date('now');
