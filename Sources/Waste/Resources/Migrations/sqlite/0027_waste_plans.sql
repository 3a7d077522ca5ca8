-- The day's collection plan: at most one per city and day (a Kyiv date,
-- YYYY-MM-DD). Made each morning by the round on the lease holder, or by a
-- dispatcher on demand; planned again only while no crew has reported a
-- stop. `metres` is the plan as driven (depot, stops, transfer station,
-- depot); `fixed_metres` is the fixed schedule's route for the same day on
-- the same distances, for comparison (NULL when the city keeps none).
CREATE TABLE waste_plans (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    day TEXT NOT NULL,
    planned_at BIGINT NOT NULL,
    planned_by TEXT,
    distances TEXT NOT NULL,
    metres BIGINT NOT NULL,
    fixed_metres BIGINT,
    fixed_stops BIGINT NOT NULL,
    UNIQUE (municipality_id, day)
);

-- Each truck's day in a plan: as driven, with `trips` loads taken to the
-- transfer station; `litres` is all of them together.
CREATE TABLE waste_plan_routes (
    plan_id TEXT NOT NULL REFERENCES waste_plans(id),
    truck_id TEXT NOT NULL REFERENCES waste_trucks(id),
    metres BIGINT NOT NULL,
    seconds BIGINT NOT NULL,
    litres BIGINT NOT NULL,
    trips BIGINT NOT NULL,
    PRIMARY KEY (plan_id, truck_id)
);

-- The stops, in each truck's order (`position` from 1; `unloads_before` 1
-- when the truck unloads at the transfer station on the way to it). A must-go container
-- no truck could take stays in the plan with no truck, so the dispatcher
-- sees it. The crew reports each stop once: `outcome` 'emptied' or
-- 'skipped' (with `reason`, one of SkipReason, and a note); who and when.
CREATE TABLE waste_plan_stops (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES waste_plans(id),
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    truck_id TEXT REFERENCES waste_trucks(id),
    position BIGINT NOT NULL,
    container_id TEXT NOT NULL REFERENCES waste_containers(id),
    fill BIGINT NOT NULL,
    litres BIGINT NOT NULL,
    must_go INTEGER NOT NULL,
    unloads_before INTEGER NOT NULL,
    outcome TEXT,
    reason TEXT NOT NULL,
    note TEXT NOT NULL,
    decided_at BIGINT,
    decided_by TEXT
);
CREATE INDEX waste_plan_stops_plan ON waste_plan_stops (plan_id, truck_id, position);
CREATE INDEX waste_plan_stops_container ON waste_plan_stops (container_id, decided_at);
CREATE INDEX waste_plan_stops_city ON waste_plan_stops (municipality_id, decided_at);

-- The alert round reads a city's recent readings by time.
CREATE INDEX waste_readings_city_measured ON waste_readings (municipality_id, measured_at_ms);
