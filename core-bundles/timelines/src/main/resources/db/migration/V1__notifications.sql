-- Notifications: one row per (recipient, type, actor, source). The unique key makes an event
-- delivered twice (delivery is at least once) one notification. source_id is what caused it:
-- the mentioning/edited/favourited/poll status, the reblog, the follower, the new account or
-- the report. Dismissing only marks the row, so a late redelivery cannot bring it back;
-- NotificationPurgeTask removes dismissed rows after a week.
CREATE TABLE notifications (
    id               bigint      PRIMARY KEY,
    account_id       bigint      NOT NULL,
    type             text        NOT NULL,
    from_account_id  bigint      NOT NULL,
    source_id        bigint      NOT NULL,
    status_id        bigint,
    report_id        bigint,
    created_at       timestamptz NOT NULL,
    dismissed_at     timestamptz,
    CONSTRAINT notifications_once UNIQUE (account_id, type, from_account_id, source_id)
);
CREATE INDEX notifications_inbox ON notifications (account_id, id) WHERE dismissed_at IS NULL;
CREATE INDEX notifications_status ON notifications (status_id) WHERE status_id IS NOT NULL;
CREATE INDEX notifications_source ON notifications (source_id) WHERE type = 'reblog';
CREATE INDEX notifications_dismissed ON notifications (dismissed_at) WHERE dismissed_at IS NOT NULL;

-- Who reblogged what, learnt from status.created events: edits notify those who reblogged
-- (Mastodon's "update"), and no contract answers that question.
CREATE TABLE notification_reblogs (
    reblog_id   bigint PRIMARY KEY,
    account_id  bigint NOT NULL,
    status_id   bigint NOT NULL
);
CREATE INDEX notification_reblogs_of ON notification_reblogs (status_id);

-- Read positions (Mastodon's markers); version counts the updates.
CREATE TABLE markers (
    account_id    bigint      NOT NULL,
    timeline      text        NOT NULL CHECK (timeline IN ('home', 'notifications')),
    last_read_id  bigint      NOT NULL,
    version       integer     NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (account_id, timeline)
);

-- Direct messages by thread: each direct status, the thread (root status) it belongs to, and its
-- participants (author and mentioned accounts, remote ones too, for the "accounts" list).
CREATE TABLE conversation_statuses (
    status_id   bigint PRIMARY KEY,
    thread_id   bigint NOT NULL,
    account_id  bigint NOT NULL
);
CREATE INDEX conversation_statuses_thread ON conversation_statuses (thread_id, status_id);

CREATE TABLE conversation_participants (
    status_id   bigint NOT NULL REFERENCES conversation_statuses ON DELETE CASCADE,
    account_id  bigint NOT NULL,
    PRIMARY KEY (status_id, account_id)
);
CREATE INDEX conversation_participants_account ON conversation_participants (account_id, status_id);

-- A local participant's view of a thread: what /api/v1/conversations lists, newest last status first.
CREATE TABLE conversations (
    id              bigint      PRIMARY KEY,
    account_id      bigint      NOT NULL,
    thread_id       bigint      NOT NULL,
    last_status_id  bigint      NOT NULL,
    unread          boolean     NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT conversations_thread UNIQUE (account_id, thread_id)
);
CREATE INDEX conversations_latest ON conversations (account_id, last_status_id);
