-- E-auctions of municipal property. Objects and lots are JSON documents
-- the domain changes whole; the columns beside them are what queries
-- filter and sort on.
CREATE TABLE property_objects (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX property_objects_by_city ON property_objects (municipality_id, kind);

CREATE TABLE lots (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    object_id TEXT NOT NULL REFERENCES property_objects(id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL,
    definition TEXT NOT NULL,
    auction_start BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (municipality_id, number)
);
CREATE INDEX lots_by_status ON lots (municipality_id, status, auction_start);

-- Bidders: the closed bid, editable until the bidding deadline, one per
-- account and lot; the organiser records the guarantee and the fee as paid
-- (with the payment's reference). Times in milliseconds: equal bids are
-- ordered by when they were entered.
CREATE TABLE lot_bidders (
    lot_id TEXT NOT NULL REFERENCES lots(id),
    bidder_id TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    legal_entity_code TEXT,
    amount BIGINT NOT NULL,
    submitted_at_ms BIGINT NOT NULL,
    guarantee_reference TEXT,
    fee_reference TEXT,
    PRIMARY KEY (lot_id, bidder_id),
    UNIQUE (lot_id, account_id)
);

-- The live auction's moves, one per turn: the primary key decides two bids
-- racing for the same turn, on either database, the same way.
CREATE TABLE auction_moves (
    lot_id TEXT NOT NULL REFERENCES lots(id),
    round INTEGER NOT NULL,
    position INTEGER NOT NULL,
    bidder_id TEXT NOT NULL,
    move TEXT NOT NULL,
    amount BIGINT,
    made_at_ms BIGINT NOT NULL,
    PRIMARY KEY (lot_id, round, position)
);
