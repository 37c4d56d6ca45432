-- Moderators work on reports: one takes it (assigned), resolves it (action taken, by whom), may reopen it.
ALTER TABLE reports
    ADD COLUMN assigned_account_id        bigint,
    ADD COLUMN action_taken_by_account_id bigint,
    ADD COLUMN updated_at                 timestamptz;
UPDATE reports SET updated_at = created_at;
ALTER TABLE reports ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now();
