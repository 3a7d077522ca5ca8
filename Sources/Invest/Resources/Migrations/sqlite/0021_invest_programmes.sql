-- A city's programmes to attract investment, each kept whole as its
-- document (the decision, the years, the measures with their money,
-- status and sites); a city lists them newest first.
CREATE TABLE invest_programmes (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    first_year INTEGER NOT NULL,
    definition TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX invest_programmes_city ON invest_programmes (municipality_id, first_year);
