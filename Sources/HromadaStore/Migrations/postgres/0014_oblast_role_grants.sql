-- Oblast-level staff: who holds which oblast role (`oblast_admin`) or
-- single oblast capability (`oblast.edit_passport`) in which oblast, by
-- name as in role_grants. Apart from role_grants, so a city's grant can
-- never be read as an oblast's or the other way round. Granted by platform
-- admins only; the primary key makes a repeated grant one row.
CREATE TABLE oblast_role_grants (
    oblast_id TEXT NOT NULL REFERENCES oblasts(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    role TEXT NOT NULL,
    granted_by TEXT,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (oblast_id, account_id, role)
);
CREATE INDEX oblast_role_grants_by_account ON oblast_role_grants (account_id);
