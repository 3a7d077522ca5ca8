-- Alerts: a rule (AlertRules) that fired for a container. `value` and
-- `unit` are the figure that crossed the line (AlertEvidence). An alert is
-- standing while its condition holds (`cleared_at` NULL) and at most one
-- alert of a kind stands per container, so a rule firing again every round
-- adds nothing, and an alert staff closed while its condition still holds
-- is not raised again until the condition has cleared. Staff acknowledge
-- and close alerts; who did is in the audit log too.
CREATE TABLE waste_alerts (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    container_id TEXT NOT NULL REFERENCES waste_containers(id),
    kind TEXT NOT NULL,
    value BIGINT NOT NULL,
    unit TEXT NOT NULL,
    observed_at BIGINT NOT NULL,
    raised_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    cleared_at BIGINT,
    acknowledged_at BIGINT,
    acknowledged_by TEXT,
    closed_at BIGINT,
    closed_by TEXT,
    note TEXT NOT NULL
);
CREATE UNIQUE INDEX waste_alerts_standing ON waste_alerts (container_id, kind) WHERE cleared_at IS NULL;
CREATE INDEX waste_alerts_city ON waste_alerts (municipality_id, raised_at);
CREATE INDEX waste_alerts_container ON waste_alerts (container_id, raised_at);
