-- Moderation of accounts through the admin API: silence (limit) and sensitize flags, a record of
-- every moderator action, and the sign-up blocks by e-mail domain and by IP range.
ALTER TABLE accounts
    ADD COLUMN silenced_at   timestamptz,
    ADD COLUMN sensitized_at timestamptz;

CREATE TABLE account_warnings (
    id          bigint      PRIMARY KEY,
    account_id  bigint      NOT NULL,
    action      text        NOT NULL,
    text        text        NOT NULL DEFAULT '',
    report_id   bigint,
    created_by  bigint      NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX account_warnings_by_account ON account_warnings (account_id, id DESC);

CREATE TABLE email_domain_blocks (
    id          bigserial   PRIMARY KEY,
    domain      text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ip_blocks (
    id          bigserial   PRIMARY KEY,
    ip          cidr        NOT NULL,
    severity    text        NOT NULL CHECK (severity IN ('sign_up_requires_approval', 'sign_up_block', 'no_access')),
    comment     text        NOT NULL DEFAULT '',
    expires_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
