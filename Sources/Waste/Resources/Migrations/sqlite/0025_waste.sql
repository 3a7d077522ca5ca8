-- Smart waste: the register (collection sites, depots and transfer
-- stations, containers, sensors, trucks), the readings the sensors send,
-- and what could not be read.
--
-- Positions are ten-millionths of a degree and decimals of a reading are
-- tenths, so both databases keep and compare whole numbers alike. Times
-- are seconds since 1970, but a reading's time is in milliseconds: a
-- sensor may send twice in one second.

CREATE TABLE waste_sites (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    lon_e7 BIGINT NOT NULL,
    lat_e7 BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX waste_sites_city ON waste_sites (municipality_id, name);

-- Depots (where trucks start and end) and transfer stations (where they unload).
CREATE TABLE waste_facilities (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    lon_e7 BIGINT NOT NULL,
    lat_e7 BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX waste_facilities_city ON waste_facilities (municipality_id, kind);

-- A sensor and the hash of its key (the key itself is shown once and kept
-- nowhere). A network server names a device by its DevEUI, unique in its city.
CREATE TABLE waste_sensors (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    device_id TEXT NOT NULL,
    model TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    battery_mah BIGINT,
    solar_panel_w BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX waste_sensors_device ON waste_sensors (municipality_id, device_id);
CREATE UNIQUE INDEX waste_sensors_key ON waste_sensors (key_hash);

-- A container at a site, with the sensor bound to it now (one container per sensor).
CREATE TABLE waste_containers (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    site_id TEXT NOT NULL REFERENCES waste_sites(id),
    fraction TEXT NOT NULL,
    volume_litres BIGINT NOT NULL,
    placement TEXT NOT NULL,
    maker TEXT NOT NULL,
    installed_on TEXT,
    empty_distance_mm BIGINT NOT NULL,
    full_distance_mm BIGINT NOT NULL,
    sensor_id TEXT REFERENCES waste_sensors(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX waste_containers_site ON waste_containers (municipality_id, site_id);
CREATE UNIQUE INDEX waste_containers_sensor ON waste_containers (sensor_id);

CREATE TABLE waste_trucks (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    depot_id TEXT NOT NULL REFERENCES waste_facilities(id),
    capacity_litres BIGINT NOT NULL,
    capacity_kg BIGINT,
    shift_minutes BIGINT NOT NULL,
    crew BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX waste_trucks_city ON waste_trucks (municipality_id, name);

-- A sensor's readings. `identity` is the frame counter or the measured
-- time (Reading.identity): a network server that retries sends the same
-- one, and the primary key turns the retry into nothing. `container_id`
-- is the container the sensor was bound to when the reading arrived, so
-- a sensor moved to another container does not mix their histories.
-- `alarms` is the sensor's own flags (ReadingAlarms: 1 full, 2 fire, 4
-- tilted, 8 low battery). Kept for the city's retention period; the
-- hourly aggregates below are kept for ever.
CREATE TABLE waste_readings (
    sensor_id TEXT NOT NULL REFERENCES waste_sensors(id),
    identity TEXT NOT NULL,
    municipality_id TEXT NOT NULL,
    container_id TEXT,
    measured_at_ms BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    door TEXT NOT NULL,
    counter BIGINT,
    fill_percent BIGINT,
    distance_mm BIGINT,
    temperature_dc BIGINT,
    tilt_dd BIGINT,
    lid_open INTEGER,
    battery_mv BIGINT,
    battery_percent BIGINT,
    solar_mv BIGINT,
    rssi BIGINT,
    snr_db10 BIGINT,
    alarms BIGINT NOT NULL,
    PRIMARY KEY (sensor_id, identity)
);
CREATE INDEX waste_readings_container ON waste_readings (container_id, measured_at_ms);
CREATE INDEX waste_readings_received ON waste_readings (municipality_id, received_at);

-- What came in authenticated but could not be read: kept for staff to see
-- (never silently dropped), the body cut to 16 KiB, newest first.
CREATE TABLE waste_dead_letters (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    door TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    problem TEXT NOT NULL,
    detail TEXT NOT NULL,
    device_id TEXT,
    body TEXT NOT NULL
);
CREATE INDEX waste_dead_letters_city ON waste_dead_letters (municipality_id, received_at);

-- The hash of each city's secret for its network servers' webhooks.
CREATE TABLE waste_webhook_secrets (
    municipality_id TEXT PRIMARY KEY REFERENCES municipalities(id),
    secret_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Each container's hour, made from its raw readings before they age out
-- and kept for ever: how many readings, the fill's lowest, highest and
-- last, the hottest temperature, the lowest battery, the best solar
-- charge, and every alarm flag of the hour. `hour` is hours since 1970.
CREATE TABLE waste_reading_hours (
    container_id TEXT NOT NULL,
    hour BIGINT NOT NULL,
    municipality_id TEXT NOT NULL,
    readings BIGINT NOT NULL,
    fill_min BIGINT,
    fill_max BIGINT,
    fill_last BIGINT,
    temperature_max_dc BIGINT,
    battery_min_mv BIGINT,
    solar_max_mv BIGINT,
    alarms BIGINT NOT NULL,
    PRIMARY KEY (container_id, hour)
);
CREATE INDEX waste_reading_hours_city ON waste_reading_hours (municipality_id, hour);

-- How far each city's readings have been made into hours: every reading
-- received before `aggregated_until` (seconds) is in `waste_reading_hours`,
-- so only those may age out.
CREATE TABLE waste_upkeep (
    municipality_id TEXT PRIMARY KEY REFERENCES municipalities(id),
    aggregated_until BIGINT NOT NULL
);
