-- What moderation filters decided against (reject, hold, rewrite) and where they failed (error,
-- timeout), for moderators to see which filter did what and why. Accepts are not recorded: that
-- would be a row per post per filter.
CREATE TABLE moderation_decisions (
    id          bigint      PRIMARY KEY,
    context     text        NOT NULL CHECK (context IN ('local_post', 'edit', 'incoming', 'sign_up')),
    filter      text        NOT NULL,
    decision    text        NOT NULL CHECK (decision IN ('reject', 'hold', 'rewrite', 'error', 'timeout', 'overloaded')),
    reason      text        NOT NULL DEFAULT '',
    rewrites    text        NOT NULL DEFAULT '',
    -- who or what was judged, in words ("@alice", "Create by https://...", "sign-up newbie")
    subject     text        NOT NULL,
    account_id  bigint,
    -- the start of a public or unlisted post's text; never private posts' text or e-mail addresses
    excerpt     text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL
);
CREATE INDEX moderation_decisions_by_filter ON moderation_decisions (filter, id DESC);
