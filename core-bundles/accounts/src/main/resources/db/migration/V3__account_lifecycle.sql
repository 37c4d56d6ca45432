-- Account lifecycle: sign-ups held by moderation, and self-serve deletion with a grace period.
-- users.deleted_at / users.delete_after already exist (V1); this adds what moderators read and
-- the index the hourly purge scans.

-- Why a moderation filter held this sign-up (for moderators; never shown to the person).
-- Kept apart from approval_reason, which is what the person wrote.
ALTER TABLE users ADD COLUMN moderation_note text;

-- The purge looks for users whose grace period has ended.
CREATE INDEX users_delete_after ON users (delete_after) WHERE delete_after IS NOT NULL;
