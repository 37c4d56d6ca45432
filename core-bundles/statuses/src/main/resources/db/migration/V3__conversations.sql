-- The thread a status belongs to (its root's id), as Mastodon's conversation_id: muting a
-- conversation, direct-message conversations and notifications work per thread, not per reply.
ALTER TABLE statuses ADD COLUMN conversation_id bigint;
WITH RECURSIVE thread (id, root) AS (
    SELECT id, id FROM statuses WHERE in_reply_to_id IS NULL
  UNION ALL
    SELECT s.id, t.root FROM statuses s JOIN thread t ON s.in_reply_to_id = t.id
)
UPDATE statuses s SET conversation_id = t.root FROM thread t WHERE s.id = t.id;
UPDATE statuses SET conversation_id = id WHERE conversation_id IS NULL;
CREATE INDEX statuses_conversation ON statuses (conversation_id, id);

-- Conversations an account muted: no notifications from replies in them.
CREATE TABLE conversation_mutes (
    account_id       bigint NOT NULL,
    conversation_id  bigint NOT NULL,
    PRIMARY KEY (account_id, conversation_id)
);
