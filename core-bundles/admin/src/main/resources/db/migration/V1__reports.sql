-- Reports: a user tells the moderators about an account (and some of its posts). Account and
-- status ids carry no foreign keys: those tables belong to other bundles.
CREATE TABLE reports (
    id                 bigint      PRIMARY KEY,
    account_id         bigint      NOT NULL,
    target_account_id  bigint      NOT NULL,
    -- JSON arrays of ids (text, so no array type handler is needed)
    status_ids         text        NOT NULL DEFAULT '[]',
    rule_ids           text        NOT NULL DEFAULT '[]',
    comment            text        NOT NULL DEFAULT '',
    category           text        NOT NULL CHECK (category IN ('spam', 'legal', 'violation', 'other')),
    forwarded          boolean     NOT NULL DEFAULT false,
    action_taken_at    timestamptz,
    created_at         timestamptz NOT NULL
);
CREATE INDEX reports_open ON reports (id DESC) WHERE action_taken_at IS NULL;
CREATE INDEX reports_by_target ON reports (target_account_id, id DESC);
