-- Residents a project's author names as co-authors (співавтори).
CREATE TABLE budget_coauthors (
    project_id TEXT NOT NULL REFERENCES budget_projects(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, account_id)
);
CREATE INDEX budget_coauthors_by_account ON budget_coauthors (account_id);
