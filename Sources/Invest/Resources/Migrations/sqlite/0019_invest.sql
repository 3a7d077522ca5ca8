-- The investment portal: sites a city offers and the figures of its
-- investment passport (and of its oblast's).
--
-- A site is kept whole as a JSON document (`definition`), with copies of
-- what the search filters and sorts on in columns of their own. Those are
-- whole numbers, so both databases compare them alike: areas in square
-- metres (a hectare to 4 decimals is a square metre), distances in metres,
-- the map marker in ten-millionths of a degree, money in kopiyky. A column
-- is NULL where the site's data does not say (no power figure).
CREATE TABLE invest_sites (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    right_offered TEXT NOT NULL,
    area_m2 BIGINT NOT NULL,
    power_kw BIGINT,
    gas INTEGER NOT NULL,
    water INTEGER NOT NULL,
    rail INTEGER NOT NULL,
    road_m BIGINT,
    price BIGINT,
    marker_lon_e7 BIGINT NOT NULL,
    marker_lat_e7 BIGINT NOT NULL,
    cadastral_number TEXT,
    -- The boundary as GeoJSON, written out as it is served.
    geometry TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX invest_sites_map ON invest_sites (municipality_id, marker_lon_e7, marker_lat_e7);
-- One plot is offered once in its city.
CREATE UNIQUE INDEX invest_sites_cadastral ON invest_sites (municipality_id, cadastral_number);

-- A passport's figures. `passport` is a city's id, or `oblast:` and the
-- oblast's id for an oblast's own figures (a city's id never holds a colon).
CREATE TABLE invest_indicators (
    passport TEXT NOT NULL,
    code TEXT NOT NULL,
    section TEXT NOT NULL,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL,
    unit TEXT NOT NULL,
    -- Where it stands in its section: the order it was first given in.
    position BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (passport, code)
);

-- One value of a figure for one year, with its source and when it was last checked.
CREATE TABLE invest_indicator_values (
    passport TEXT NOT NULL,
    code TEXT NOT NULL,
    year INTEGER NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    checked_on TEXT,
    PRIMARY KEY (passport, code, year),
    FOREIGN KEY (passport, code) REFERENCES invest_indicators (passport, code) ON DELETE CASCADE
);
