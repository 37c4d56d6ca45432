-- Statuses and what hangs off them. Ids come from the IdGenerator (time-sortable), so
-- "ORDER BY id DESC" is "newest first" and every list pages by a row id, as Mastodon does.
-- Accounts live in the accounts bundle: account ids here carry no foreign key on purpose
-- (no bundle reads or constrains another bundle's tables).

CREATE TABLE statuses (
    id                      bigint      PRIMARY KEY,
    account_id              bigint      NOT NULL,
    -- the text as written (Mastodon's "source"), and the rendered, safe HTML
    text                    text        NOT NULL DEFAULT '',
    content                 text        NOT NULL DEFAULT '',
    spoiler_text            text        NOT NULL DEFAULT '',
    sensitive               boolean     NOT NULL DEFAULT false,
    visibility              text        NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private', 'direct')),
    in_reply_to_id          bigint,
    in_reply_to_account_id  bigint,
    reblog_of_id            bigint      REFERENCES statuses (id),
    -- the reblogged status's author, so timelines can hide reblogs of muted accounts without a join
    reblog_of_account_id    bigint,
    language                text,
    -- true for posts of this server; remote posts arrive with federation
    local                   boolean     NOT NULL DEFAULT true,
    -- kept for a moderator's review by a moderation filter: only the author sees it meanwhile
    held                    boolean     NOT NULL DEFAULT false,
    -- media attached (the media bundle owns them); for only_media timelines
    with_media              boolean     NOT NULL DEFAULT false,
    created_at              timestamptz NOT NULL,
    edited_at               timestamptz,
    -- deleted statuses stay as tombstones so that ids and reply chains stay stable; nobody sees them
    deleted_at              timestamptz,
    replies_count           integer     NOT NULL DEFAULT 0,
    reblogs_count           integer     NOT NULL DEFAULT 0,
    favourites_count        integer     NOT NULL DEFAULT 0
);
-- an account's posts newest first: per-followee home timeline reads and profile pages
CREATE INDEX statuses_by_account ON statuses (account_id, id DESC) WHERE deleted_at IS NULL;
-- threads (context)
CREATE INDEX statuses_replies ON statuses (in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
-- the public timelines: only what they can show
CREATE INDEX statuses_public ON statuses (id DESC)
    WHERE visibility = 'public' AND deleted_at IS NULL AND NOT held AND reblog_of_id IS NULL;
-- one live reblog per account and status; a double-tap hits this (ON CONFLICT)
CREATE UNIQUE INDEX statuses_one_reblog ON statuses (account_id, reblog_of_id)
    WHERE reblog_of_id IS NOT NULL AND deleted_at IS NULL;
-- reblogged_by lists, newest first
CREATE INDEX statuses_reblogs ON statuses (reblog_of_id, id DESC) WHERE reblog_of_id IS NOT NULL AND deleted_at IS NULL;

-- Local accounts mentioned by a status: who may see private and direct posts.
CREATE TABLE status_mentions (
    status_id   bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id  bigint NOT NULL,
    PRIMARY KEY (status_id, account_id)
);
CREATE INDEX status_mentions_account ON status_mentions (account_id, status_id DESC);

-- Hashtags, matched case-insensitively by their lower-case name.
CREATE TABLE tags (
    id          bigint      PRIMARY KEY,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT tags_name UNIQUE (name),
    CHECK (name = lower(name))
);

CREATE TABLE status_tags (
    status_id   bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    tag_id      bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, status_id)
);
CREATE INDEX status_tags_status ON status_tags (status_id);

CREATE TABLE favourites (
    id          bigint      PRIMARY KEY,
    account_id  bigint      NOT NULL,
    status_id   bigint      NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    CONSTRAINT favourites_pair UNIQUE (account_id, status_id)
);
CREATE INDEX favourites_by_status ON favourites (status_id, id DESC);
CREATE INDEX favourites_by_account ON favourites (account_id, id DESC);

CREATE TABLE bookmarks (
    id          bigint      PRIMARY KEY,
    account_id  bigint      NOT NULL,
    status_id   bigint      NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    CONSTRAINT bookmarks_pair UNIQUE (account_id, status_id)
);
CREATE INDEX bookmarks_by_account ON bookmarks (account_id, id DESC);

-- Idempotency-Key of POST /api/v1/statuses: a repeat within an hour answers the same status.
-- The key row is written first in the posting transaction, so a concurrent repeat waits on it.
CREATE TABLE status_idempotency_keys (
    account_id  bigint      NOT NULL,
    key         text        NOT NULL,
    status_id   bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, key)
);
CREATE INDEX status_idempotency_keys_age ON status_idempotency_keys (created_at);

-- Earlier versions of edited statuses (Mastodon's status edit history).
CREATE TABLE status_edits (
    id            bigint      PRIMARY KEY,
    status_id     bigint      NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id    bigint      NOT NULL,
    text          text        NOT NULL,
    content       text        NOT NULL,
    spoiler_text  text        NOT NULL DEFAULT '',
    sensitive     boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL
);
CREATE INDEX status_edits_status ON status_edits (status_id, id);
