-- Remote actors as accounts (social.herd.api.federation.RemoteAccounts), the Follow activity behind
-- incoming follows (FederatedGraph), and sign-in times for Users.usage (NodeInfo).

-- What the Mastodon Account entity shows of a remote actor. All NULL for local accounts, whose
-- url, uri and images are derived from the server's public address.
ALTER TABLE accounts
    -- the ActivityPub id of the actor; unique, it is how federation names the account
    ADD COLUMN uri                  text,
    -- the profile page as the remote server published it (Account.url); NULL: fall back to uri
    ADD COLUMN url                  text,
    ADD COLUMN avatar_remote_url    text,
    ADD COLUMN header_remote_url    text,
    -- ActivityStreams type: Person, Service, Application, Group, Organization
    ADD COLUMN actor_type           text,
    -- a verified Move: the account now lives there (Account.moved)
    ADD COLUMN moved_to_account_id  bigint REFERENCES accounts (id) ON DELETE SET NULL,
    ADD CHECK (moved_to_account_id IS NULL OR moved_to_account_id <> id);

CREATE UNIQUE INDEX accounts_uri ON accounts (uri) WHERE uri IS NOT NULL;

-- The parts of a remote actor document only federation reads: where to deliver, its collections
-- and its public key. One row per remote account; it goes with the account.
CREATE TABLE remote_actors (
    account_id      bigint      PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    inbox           text,
    shared_inbox    text,
    outbox          text,
    followers       text,
    following       text,
    featured        text,
    -- publicKey.id, e.g. https://host/users/bob#main-key; NULL once the actor is deleted
    key_id          text,
    public_key_pem  text,
    -- movedTo as the actor document published it (the verified move is accounts.moved_to_account_id)
    moved_to_uri    text,
    -- when the actor was deleted on its server (the account is suspended then); a re-created actor
    -- with the same username@domain but a new uri lifts that suspension, never a moderator's
    deleted_at      timestamptz,
    fetched_at      timestamptz NOT NULL
);

-- Signature checks find the signer by key id; one key belongs to one actor.
CREATE UNIQUE INDEX remote_actors_key_id ON remote_actors (key_id) WHERE key_id IS NOT NULL;

-- The id of the Follow activity behind a follow or request from a remote account, so the Accept
-- or Reject we send can embed it; NULL for follows made here.
ALTER TABLE follows ADD COLUMN uri text;
ALTER TABLE follow_requests ADD COLUMN uri text;

-- Deliveries page through an account's remote followers by follower id.
CREATE INDEX follows_target_follower ON follows (target_account_id, account_id);

-- Last successful password sign-in, for the active-user figures of NodeInfo.
ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz;
