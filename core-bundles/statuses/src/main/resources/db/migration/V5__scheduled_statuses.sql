-- Statuses to be posted later (Mastodon's scheduled_statuses). params holds the post request as
-- JSON; media attached to it point at this row's id (status_id in the media bundle's table), which
-- keeps them from the cleanup of unattached media until the status is posted or the schedule
-- deleted. A delayed job per schedule posts it when due.
CREATE TABLE scheduled_statuses (
    id            bigint      PRIMARY KEY,
    account_id    bigint      NOT NULL,
    scheduled_at  timestamptz NOT NULL,
    params        text        NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX scheduled_statuses_account ON scheduled_statuses (account_id, id DESC);
-- the per-day limit counts an account's schedules by day
CREATE INDEX scheduled_statuses_account_time ON scheduled_statuses (account_id, scheduled_at);
