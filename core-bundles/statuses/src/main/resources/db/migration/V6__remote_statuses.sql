-- Posts, boosts and polls from other servers (federation writes them through FederatedStatuses).
-- Remote statuses are rows like local ones with local = false; what only they have is added here.

-- The ActivityPub id of a remote post (or of the Announce of a remote boost). Local statuses keep
-- NULL: their id is computed from the public URL, which may change. Unique, so that an activity
-- delivered twice (also concurrently) stores one row; a deleted post keeps its uri as a tombstone,
-- so that a Create arriving after its Delete does not bring it back.
ALTER TABLE statuses ADD COLUMN uri text;
CREATE UNIQUE INDEX statuses_uri ON statuses (uri) WHERE uri IS NOT NULL;
-- where people read a remote post (its HTML page); null: the uri
ALTER TABLE statuses ADD COLUMN url text;
-- a remote post's attachments, shown from their remote URLs (the media bundle is not involved):
-- a JSON array of {url, type, media_type, description, blurhash, width, height}
ALTER TABLE statuses ADD COLUMN remote_media jsonb;
-- a remote post's custom emojis: a JSON object, shortcode to image URL
ALTER TABLE statuses ADD COLUMN emojis jsonb;

-- the media of an earlier version of a remote post (status_edits.media_ids holds local media only)
ALTER TABLE status_edits ADD COLUMN remote_media jsonb;

-- A remote poll's counts as its server last reported them. Votes of local accounts are stored in
-- poll_votes like any vote (voted, own_votes); those cast after counted_at are not in the remote
-- counts yet, so they are added on top until the next report.
ALTER TABLE polls ADD COLUMN remote_votes integer[];
ALTER TABLE polls ADD COLUMN remote_voters integer;
ALTER TABLE polls ADD COLUMN remote_counted_at timestamptz;
-- a remote poll may have no end
ALTER TABLE polls ALTER COLUMN expires_at DROP NOT NULL;

