-- Edits, pins and polls. V1's status_edits keeps earlier versions; what they also need to show
-- in a history (the poll's options then, the media then) is added here.

-- The poll options and media ids of an earlier version; null when it had none.
ALTER TABLE status_edits ADD COLUMN poll_options text[];
ALTER TABLE status_edits ADD COLUMN media_ids bigint[];
ALTER TABLE status_edits ADD COLUMN language text;

-- Statuses an account pinned to its profile (its own only; the service checks).
CREATE TABLE status_pins (
    id          bigint      PRIMARY KEY,
    account_id  bigint      NOT NULL,
    status_id   bigint      NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    CONSTRAINT status_pins_pair UNIQUE (account_id, status_id)
);
CREATE INDEX status_pins_status ON status_pins (status_id);

-- One poll per status at most. Options are positional: a vote names option indexes.
CREATE TABLE polls (
    id           bigint      PRIMARY KEY,
    status_id    bigint      NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id   bigint      NOT NULL,
    options      text[]      NOT NULL CHECK (cardinality(options) >= 2),
    multiple     boolean     NOT NULL DEFAULT false,
    hide_totals  boolean     NOT NULL DEFAULT false,
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    CONSTRAINT polls_status UNIQUE (status_id)
);

-- One row per voter and poll, all of its choices in it: the primary key is what makes a second
-- vote (also a concurrent one) fail, and counting rows gives voters_count without a second table.
CREATE TABLE poll_votes (
    poll_id     bigint      NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    account_id  bigint      NOT NULL,
    choices     integer[]   NOT NULL CHECK (cardinality(choices) >= 1),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (poll_id, account_id)
);
CREATE INDEX poll_votes_account ON poll_votes (account_id, poll_id);
