-- Relationships between accounts: follows, follow requests, blocks, mutes, private notes, and
-- domains a user has blocked. Ids come from the IdGenerator (time-sortable), so "ORDER BY id DESC"
-- is "newest relationship first", and the follow row's id is what followers/following pages by,
-- as Mastodon does.

CREATE TABLE follows (
    id                 bigint      PRIMARY KEY,
    account_id         bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    show_reblogs       boolean     NOT NULL DEFAULT true,
    notify             boolean     NOT NULL DEFAULT false,
    -- NULL: every language; otherwise ISO 639-1 codes the follower wants to see
    languages          text[],
    created_at         timestamptz NOT NULL DEFAULT now(),
    -- one follow per pair: a concurrent duplicate follow hits this and is ignored (ON CONFLICT)
    CONSTRAINT follows_pair UNIQUE (account_id, target_account_id),
    CHECK (account_id <> target_account_id)
);
-- followers of an account, newest first (the pair index serves "following" look-ups)
CREATE INDEX follows_followers ON follows (target_account_id, id DESC);
-- accounts an account follows, newest first
CREATE INDEX follows_following ON follows (account_id, id DESC);

-- A follow waiting for a locked account's approval; becomes a follow when authorised.
CREATE TABLE follow_requests (
    id                 bigint      PRIMARY KEY,
    account_id         bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    show_reblogs       boolean     NOT NULL DEFAULT true,
    notify             boolean     NOT NULL DEFAULT false,
    languages          text[],
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT follow_requests_pair UNIQUE (account_id, target_account_id),
    CHECK (account_id <> target_account_id)
);
-- pending requests to an account, newest first
CREATE INDEX follow_requests_incoming ON follow_requests (target_account_id, id DESC);

CREATE TABLE blocks (
    id                 bigint      PRIMARY KEY,
    account_id         bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT blocks_pair UNIQUE (account_id, target_account_id),
    CHECK (account_id <> target_account_id)
);
CREATE INDEX blocks_listing ON blocks (account_id, id DESC);

CREATE TABLE mutes (
    id                  bigint      PRIMARY KEY,
    account_id          bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id   bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- also hide notifications from the muted account (Mastodon's default)
    hide_notifications  boolean     NOT NULL DEFAULT true,
    -- NULL: until unmuted; an expired mute counts as no mute and is cleaned up later
    expires_at          timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mutes_pair UNIQUE (account_id, target_account_id),
    CHECK (account_id <> target_account_id)
);
CREATE INDEX mutes_listing ON mutes (account_id, id DESC);
CREATE INDEX mutes_expiry ON mutes (expires_at) WHERE expires_at IS NOT NULL;

-- A private note one account keeps about another (Relationship.note).
CREATE TABLE account_notes (
    id                 bigint      PRIMARY KEY,
    account_id         bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    comment            text        NOT NULL CHECK (comment <> ''),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_notes_pair UNIQUE (account_id, target_account_id)
);

-- A domain one user has blocked for themselves (not the admin's server-wide domain block).
CREATE TABLE account_domain_blocks (
    id          bigint      PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- lower case, no scheme or port
    domain      text        NOT NULL CHECK (domain <> '' AND domain = lower(domain)),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_domain_blocks_pair UNIQUE (account_id, domain)
);
CREATE INDEX account_domain_blocks_listing ON account_domain_blocks (account_id, id DESC);
