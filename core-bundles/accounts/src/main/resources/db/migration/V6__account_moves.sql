-- Account migration started here (POST /api/v1/accounts/alias and /move, GoToSocial's shapes):
-- the other names an account answers to, and the moves it made.

-- alsoKnownAs of a local account: actor ids of accounts that may move to it. A server receiving
-- a Move to this account checks the old account is listed here, so nobody can take followers
-- without the target's consent.
CREATE TABLE account_aliases (
    account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    uri         text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, uri)
);

-- Each move a local account made (the latest is accounts.moved_to_account_id); the history keeps
-- the cool-down between moves, as Mastodon's account_migrations does.
CREATE TABLE account_migrations (
    id                 bigint      PRIMARY KEY,
    account_id         bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id  bigint      REFERENCES accounts (id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL
);

CREATE INDEX account_migrations_account ON account_migrations (account_id, created_at DESC);
