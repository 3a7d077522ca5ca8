-- Business support (docs/business.md): the city's SME programmes' calls,
-- applications and their review, agreements, payouts and reported
-- results; the directory of organisations; trainings and events. Times are
-- seconds since the epoch, money kopiyky. A call, an application and an
-- event are kept whole as their documents (`definition`, JSON), with what
-- queries sort, count and lock on in columns.

-- `committed` and `paid` are the sums of the call's agreements and
-- payouts, moved by the statement that records one and only while they
-- stay within `fund`: two payouts at once cannot both pass the check.
CREATE TABLE business_calls (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    published_at BIGINT,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    decided_at BIGINT,
    fund BIGINT NOT NULL,
    committed BIGINT NOT NULL DEFAULT 0,
    paid BIGINT NOT NULL DEFAULT 0,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX business_calls_by_city ON business_calls (municipality_id, opens_at);

-- One application per person per call (`account_id`), and per applicant
-- (`applicant_key`: the keyed digest of their ЄДРПОУ or РНОКПП, set at
-- submission), so two representatives of one company cannot both apply.
-- `version` counts the application's steps: of two changes made from the
-- same version, one is written.
CREATE TABLE business_applications (
    id TEXT PRIMARY KEY,
    call_id TEXT NOT NULL REFERENCES business_calls(id),
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    state TEXT NOT NULL,
    applicant_key TEXT,
    submitted_at BIGINT,
    version BIGINT NOT NULL,
    definition TEXT NOT NULL,
    -- What the applicant typed, step by step, kept as typed (a draft, or a
    -- form refused for a field): nothing they wrote is lost.
    form TEXT NOT NULL,
    -- The list's verdict once published: place, verdict, total in hundredths.
    rank INTEGER,
    verdict TEXT,
    total_hundredths BIGINT,
    UNIQUE (call_id, account_id),
    UNIQUE (call_id, applicant_key)
);
CREATE INDEX business_applications_by_call ON business_applications (call_id, state);
CREATE INDEX business_applications_by_account ON business_applications (account_id);

-- Personal data, apart: a sole proprietor's РНОКПП and the applicant's
-- contacts, read only by the call's staff and never published.
CREATE TABLE business_applicant_private (
    application_id TEXT PRIMARY KEY REFERENCES business_applications(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL
);

-- Which attachment (attachments, owner kind `business_application`) is
-- which of the call's required documents.
CREATE TABLE business_application_documents (
    application_id TEXT NOT NULL REFERENCES business_applications(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    attachment_id TEXT NOT NULL REFERENCES attachments(id),
    PRIMARY KEY (application_id, document_id)
);

-- A committee member who declared a conflict of interest never sees the
-- application again, and scores nothing of it.
CREATE TABLE business_conflicts (
    application_id TEXT NOT NULL REFERENCES business_applications(id),
    member_id TEXT NOT NULL REFERENCES accounts(id),
    declared_at BIGINT NOT NULL,
    PRIMARY KEY (application_id, member_id)
);

-- A member's sheet: every criterion's points and comment, as JSON.
CREATE TABLE business_scores (
    application_id TEXT NOT NULL REFERENCES business_applications(id),
    member_id TEXT NOT NULL REFERENCES accounts(id),
    sheet TEXT NOT NULL,
    scored_at BIGINT NOT NULL,
    PRIMARY KEY (application_id, member_id)
);

CREATE TABLE business_agreements (
    id TEXT PRIMARY KEY,
    call_id TEXT NOT NULL REFERENCES business_calls(id),
    application_id TEXT NOT NULL UNIQUE REFERENCES business_applications(id),
    amount BIGINT NOT NULL,
    paid BIGINT NOT NULL DEFAULT 0,
    reference TEXT NOT NULL,
    signed_at BIGINT NOT NULL
);

CREATE TABLE business_payouts (
    id TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES business_agreements(id),
    call_id TEXT NOT NULL REFERENCES business_calls(id),
    amount BIGINT NOT NULL,
    reference TEXT NOT NULL,
    paid_at BIGINT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES accounts(id)
);
CREATE INDEX business_payouts_by_agreement ON business_payouts (agreement_id, paid_at);

-- A recipient's results at each due date the call set; `filed_at` empty until they report.
CREATE TABLE business_reports (
    agreement_id TEXT NOT NULL REFERENCES business_agreements(id),
    due_at BIGINT NOT NULL,
    filed_at BIGINT,
    jobs_created INTEGER,
    turnover BIGINT,
    investment BIGINT,
    note TEXT,
    reminded_at BIGINT,
    PRIMARY KEY (agreement_id, due_at)
);
CREATE INDEX business_reports_due ON business_reports (filed_at, due_at);

CREATE TABLE business_organisations (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX business_organisations_by_city ON business_organisations (municipality_id, kind, name);

-- People in organisations: a request, a member (with the business they
-- bring, shown on a cluster's page), an admin.
CREATE TABLE business_memberships (
    organisation_id TEXT NOT NULL REFERENCES business_organisations(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    state TEXT NOT NULL,
    business_name TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    decided_at BIGINT,
    PRIMARY KEY (organisation_id, account_id)
);

-- An organisation's news, and a social enterprise's reports of its impact (`kind`).
CREATE TABLE business_posts (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES business_organisations(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    posted_by TEXT NOT NULL REFERENCES accounts(id),
    posted_at BIGINT NOT NULL
);
CREATE INDEX business_posts_by_organisation ON business_posts (organisation_id, posted_at);

CREATE TABLE business_events (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    starts_at BIGINT NOT NULL,
    capacity INTEGER NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX business_events_by_city ON business_events (municipality_id, starts_at);

-- One row per person per event. `position` orders the waiting list (and
-- keeps the order people came in); `ticket` is the code at the door.
CREATE TABLE business_registrations (
    event_id TEXT NOT NULL REFERENCES business_events(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    state TEXT NOT NULL,
    position BIGINT NOT NULL,
    ticket TEXT NOT NULL UNIQUE,
    registered_at BIGINT NOT NULL,
    checked_in_at BIGINT,
    reminded_at BIGINT,
    rating INTEGER,
    comment TEXT,
    PRIMARY KEY (event_id, account_id)
);
CREATE INDEX business_registrations_waiting ON business_registrations (event_id, state, position);
