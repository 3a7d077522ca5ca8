-- Platform foundation: tenants, accounts, roles, residency, sessions,
-- outbox, rate limits and the audit log.

CREATE TABLE oblasts (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE municipalities (
    id TEXT PRIMARY KEY,
    oblast_id TEXT NOT NULL REFERENCES oblasts(id),
    slug TEXT NOT NULL UNIQUE,
    name_uk TEXT NOT NULL,
    name_en TEXT NOT NULL,
    population BIGINT NOT NULL,
    area_km2 DOUBLE PRECISION NOT NULL,
    settings TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    email_confirmed_at BIGINT,
    is_platform_admin BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE TABLE role_grants (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    role TEXT NOT NULL,
    granted_by TEXT,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, account_id, role)
);
CREATE INDEX role_grants_by_account ON role_grants (account_id);

-- One person (identity hash) holds at most one verified account per
-- municipality; the unique index is the last line of defence under races.
CREATE TABLE residency_verifications (
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    identity_hash TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    method TEXT NOT NULL,
    verified_by TEXT,
    verified_at BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, account_id)
);
CREATE UNIQUE INDEX residency_one_person_per_city ON residency_verifications (municipality_id, identity_hash);

-- Refused second verifications, shown to staff.
CREATE TABLE residency_conflicts (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    existing_account_id TEXT NOT NULL REFERENCES accounts(id),
    method TEXT NOT NULL,
    attempted_by TEXT,
    attempted_at BIGINT NOT NULL
);
CREATE INDEX residency_conflicts_by_city ON residency_conflicts (municipality_id, attempted_at);

-- Browser sessions and API tokens. Only a keyed digest of the token is kept.
CREATE TABLE sessions (
    token_digest TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Single-use email links: confirmation and password reset.
CREATE TABLE email_tokens (
    token_digest TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    municipality_id TEXT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);

CREATE TABLE rate_limit_hits (
    rule TEXT NOT NULL,
    subject TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (rule, subject, window_start)
);

-- In-flight OIDC logins; kept in the database so any instance can finish them.
CREATE TABLE oidc_logins (
    state TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    nonce TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE platform_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Audit entries are appended in the transaction of the change; the sealer
-- later sets block_height when it chains them into a signed block.
CREATE TABLE audit_entries (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    municipality_id TEXT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL,
    occurred_at BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    block_height BIGINT
);
CREATE INDEX audit_entries_by_block ON audit_entries (block_height);
CREATE INDEX audit_entries_by_city ON audit_entries (municipality_id, seq);

CREATE TABLE audit_blocks (
    height BIGINT PRIMARY KEY,
    previous_hash TEXT NOT NULL,
    sealed_at BIGINT NOT NULL,
    entry_hashes TEXT NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL
);
