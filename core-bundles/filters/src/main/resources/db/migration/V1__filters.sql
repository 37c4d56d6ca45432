-- Mastodon's filters v2: a filter (title, contexts, action, expiry) groups keywords and statuses.
-- Names follow Mastodon's tables so that operators find what they know. No foreign key to
-- statuses: that table belongs to the statuses bundle, whose migrations may run after these.

CREATE TABLE custom_filters (
    id          bigint      PRIMARY KEY,
    account_id  bigint      NOT NULL,
    title       text        NOT NULL CHECK (title <> ''),
    -- home, notifications, public, thread, account; the service checks the names
    context     text[]      NOT NULL CHECK (cardinality(context) >= 1),
    action      text        NOT NULL DEFAULT 'warn' CHECK (action IN ('warn', 'hide', 'blur')),
    -- null: never expires; an expired filter is kept (and listed) but never matches
    expires_at  timestamptz,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX custom_filters_account ON custom_filters (account_id, id);

CREATE TABLE custom_filter_keywords (
    id          bigint      PRIMARY KEY,
    filter_id   bigint      NOT NULL REFERENCES custom_filters (id) ON DELETE CASCADE,
    keyword     text        NOT NULL CHECK (keyword <> ''),
    whole_word  boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX custom_filter_keywords_filter ON custom_filter_keywords (filter_id, id);

CREATE TABLE custom_filter_statuses (
    id          bigint      PRIMARY KEY,
    filter_id   bigint      NOT NULL REFERENCES custom_filters (id) ON DELETE CASCADE,
    status_id   bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT custom_filter_statuses_pair UNIQUE (filter_id, status_id)
);
