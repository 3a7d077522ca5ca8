-- A login in flight names the identity provider it went to (`oidc` or
-- `idgovua`), so a callback finishes only the logins its own provider began:
-- a state issued for one provider and brought back to another's callback is
-- refused, not exchanged at the wrong token endpoint. Logins begun before
-- this migration all went to the OIDC provider, the only one there was.
ALTER TABLE oidc_logins ADD COLUMN provider TEXT NOT NULL DEFAULT 'oidc';
