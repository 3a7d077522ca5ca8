-- The visitor guide (docs/visit.md): a city's places, its themed
-- routes and its marketing campaigns. Each is kept whole as its document (`definition`, JSON: names and
-- texts in both languages, hours, price, accessibility, contacts; a route's
-- stops and track), with what the guide filters and sorts on in columns.
-- Times are seconds since the epoch.
CREATE TABLE visit_places (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL,
    published INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX visit_places_by_city ON visit_places (municipality_id, kind);

CREATE TABLE visit_routes (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    published INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX visit_routes_by_city ON visit_routes (municipality_id);

-- A campaign with its reach reports, kept whole (`definition`); `starts_on`
-- (ISO date) orders the list.
CREATE TABLE visit_campaigns (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    starts_on TEXT NOT NULL,
    published INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX visit_campaigns_by_city ON visit_campaigns (municipality_id, starts_on);
