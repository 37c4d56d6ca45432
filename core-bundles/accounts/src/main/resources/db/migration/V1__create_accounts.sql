-- Accounts (local and, later, remote), the users behind local accounts, and invites.
-- Ids come from the IdGenerator (time-sortable), never from a sequence.

CREATE TABLE accounts (
    id               bigint      PRIMARY KEY,
    username         text        NOT NULL,
    -- NULL for local accounts; the remote server's domain otherwise
    domain           text,
    display_name     text        NOT NULL DEFAULT '',
    -- what the user typed, and the safe HTML rendered from it when it was saved
    note             text        NOT NULL DEFAULT '',
    note_html        text        NOT NULL DEFAULT '',
    locked           boolean     NOT NULL DEFAULT false,
    bot              boolean     NOT NULL DEFAULT false,
    discoverable     boolean     NOT NULL DEFAULT false,
    indexable        boolean     NOT NULL DEFAULT false,
    -- profile metadata: [{"name": "...", "value": "..."}], at most four
    fields           jsonb       NOT NULL DEFAULT '[]'
                     CHECK (jsonb_typeof(fields) = 'array' AND jsonb_array_length(fields) <= 4),
    -- paths relative to the data directory's media folder, NULL for the default image
    avatar_path      text,
    header_path      text,
    followers_count  integer     NOT NULL DEFAULT 0,
    following_count  integer     NOT NULL DEFAULT 0,
    statuses_count   integer     NOT NULL DEFAULT 0,
    last_status_at   timestamptz,
    suspended_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (username <> '')
);

-- Usernames are unique case-insensitively: among local accounts, and per remote domain.
CREATE UNIQUE INDEX accounts_local_username ON accounts (lower(username)) WHERE domain IS NULL;
CREATE UNIQUE INDEX accounts_remote_username ON accounts (lower(username), lower(domain)) WHERE domain IS NOT NULL;
-- Prefix search on username and display name (accounts/search).
CREATE INDEX accounts_username_prefix ON accounts (lower(username) text_pattern_ops);
CREATE INDEX accounts_display_name_prefix ON accounts (lower(display_name) text_pattern_ops);

CREATE TABLE invites (
    id          bigint      PRIMARY KEY,
    code        text        NOT NULL UNIQUE,
    -- the inviting user; NULL for invites made by an operator
    user_id     bigint,
    max_uses    integer     CHECK (max_uses IS NULL OR max_uses > 0),
    uses        integer     NOT NULL DEFAULT 0,
    expires_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id                      bigint      PRIMARY KEY,
    account_id              bigint      NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    email                   text        NOT NULL,
    -- argon2id PHC string
    password_hash           text        NOT NULL,
    role                    text        NOT NULL DEFAULT 'user'
                            CHECK (role IN ('owner', 'admin', 'moderator', 'user')),
    confirmed_at            timestamptz,
    -- tokens are stored as SHA-256 hex of the secret sent by mail, never the secret itself
    confirmation_token_hash text        UNIQUE,
    confirmation_sent_at    timestamptz,
    reset_token_hash        text        UNIQUE,
    reset_sent_at           timestamptz,
    approved                boolean     NOT NULL DEFAULT true,
    approval_reason         text,
    invite_id               bigint      REFERENCES invites (id),
    agreement_at            timestamptz,
    locale                  text        NOT NULL DEFAULT 'en',
    default_privacy         text        NOT NULL DEFAULT 'public'
                            CHECK (default_privacy IN ('public', 'unlisted', 'private', 'direct')),
    default_sensitive       boolean     NOT NULL DEFAULT false,
    default_language        text,
    disabled                boolean     NOT NULL DEFAULT false,
    deleted_at              timestamptz,
    delete_after            timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

-- One user per address, whatever its case.
CREATE UNIQUE INDEX users_email ON users (lower(email));

ALTER TABLE invites ADD CONSTRAINT invites_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
