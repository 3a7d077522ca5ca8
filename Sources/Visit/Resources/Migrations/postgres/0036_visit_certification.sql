-- «Вінницький стандарт гостинності» (docs/visit-standard.md): the checklist's
-- versions, each place's certification (its cycle kept whole as its
-- document, with what the desk sorts on in columns, and `revision` that
-- every change moves by compare-and-set), the certificates the door's QR
-- code verifies, the assessment slots staff offer, and visitors' ratings
-- and reports. One certification per place and city: its primary use is
-- that 200 identical applications at once leave one. Times are seconds
-- since the epoch.
CREATE TABLE visit_cert_checklists (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    version BIGINT NOT NULL,
    definition TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, version)
);

CREATE TABLE visit_certifications (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    place_id TEXT NOT NULL,
    applicant_id TEXT NOT NULL REFERENCES accounts(id),
    state TEXT NOT NULL,
    revision BIGINT NOT NULL,
    flagged_at BIGINT,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (municipality_id, place_id)
);
CREATE INDEX visit_certifications_by_state ON visit_certifications (municipality_id, state);
CREATE INDEX visit_certifications_by_applicant ON visit_certifications (applicant_id);

CREATE TABLE visit_certificates (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    certification_id TEXT NOT NULL REFERENCES visit_certifications(id),
    round BIGINT NOT NULL,
    place_id TEXT NOT NULL,
    level TEXT NOT NULL,
    score_met BIGINT NOT NULL,
    score_applicable BIGINT NOT NULL,
    checklist_version BIGINT NOT NULL,
    issued_at BIGINT NOT NULL,
    valid_until BIGINT NOT NULL,
    withdrawn_at BIGINT,
    withdrawn_reason TEXT,
    replaced_by TEXT,
    expired_at BIGINT,
    reminded_90_at BIGINT,
    reminded_30_at BIGINT,
    UNIQUE (certification_id, round)
);
CREATE INDEX visit_certificates_by_city ON visit_certificates (municipality_id, valid_until);

CREATE TABLE visit_cert_slots (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    starts_at BIGINT NOT NULL,
    assessor_id TEXT NOT NULL REFERENCES accounts(id),
    certification_id TEXT REFERENCES visit_certifications(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX visit_cert_slots_by_city ON visit_cert_slots (municipality_id, starts_at);

CREATE TABLE visit_cert_ratings (
    certification_id TEXT NOT NULL REFERENCES visit_certifications(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    rated_at BIGINT NOT NULL,
    stars BIGINT NOT NULL,
    PRIMARY KEY (certification_id, account_id, rated_at)
);
CREATE INDEX visit_cert_ratings_newest ON visit_cert_ratings (certification_id, rated_at);

CREATE TABLE visit_cert_reports (
    id TEXT PRIMARY KEY,
    certification_id TEXT NOT NULL REFERENCES visit_certifications(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX visit_cert_reports_by_certification ON visit_cert_reports (certification_id, created_at);
