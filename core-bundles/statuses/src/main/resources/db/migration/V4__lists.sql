-- Lists (Mastodon's /api/v1/lists): an account's named groups of accounts it follows, each with its
-- own timeline. Members must be followed when added; an unfollow removes them (the lists
-- subscriber hears account.unfollowed), as Mastodon ties list membership to the follow.
CREATE TABLE lists (
    id              bigint      PRIMARY KEY,
    account_id      bigint      NOT NULL,
    title           text        NOT NULL CHECK (title <> ''),
    -- which replies the list timeline shows: to anyone followed, to list members, or none
    replies_policy  text        NOT NULL DEFAULT 'list' CHECK (replies_policy IN ('followed', 'list', 'none')),
    -- members' posts show in this list only, not in the home timeline
    exclusive       boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL
);
CREATE INDEX lists_by_account ON lists (account_id, id);

CREATE TABLE list_accounts (
    list_id     bigint      NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    account_id  bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (list_id, account_id)
);
-- "which lists contain this account": fan-out to exclusive lists, GET /api/v1/accounts/:id/lists
CREATE INDEX list_accounts_account ON list_accounts (account_id);
