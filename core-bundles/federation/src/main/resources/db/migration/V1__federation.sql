-- Federation's own state: what it knows about other servers, which activities it has already
-- applied, and the domain policy moderators set. Accounts and posts from other servers live in
-- the accounts and statuses bundles' tables (written through their federation contracts).

-- Per remote host: which signature scheme it accepts (learned on a 401 and remembered), and the
-- failure streak behind the circuit breaker and the "unavailable after a week" rule.
CREATE TABLE federation_hosts (
    host              text        PRIMARY KEY,
    -- 'cavage' (default) or 'rfc9421'
    signature_scheme  text        NOT NULL DEFAULT 'cavage' CHECK (signature_scheme IN ('cavage', 'rfc9421')),
    failures          integer     NOT NULL DEFAULT 0,
    failing_since     timestamptz,
    unavailable_since timestamptz,
    last_success_at   timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Activities already applied, by id: deliveries are at least once, applying is exactly once.
CREATE TABLE federation_applied (
    activity_id  text        PRIMARY KEY,
    applied_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX federation_applied_age ON federation_applied (applied_at);

-- Instance-level domain policy (Mastodon's domain blocks): suspend refuses everything from and
-- to the domain; silence hides it from public timelines; reject_media drops its attachments.
CREATE TABLE federation_domain_blocks (
    domain          text        PRIMARY KEY,
    severity        text        NOT NULL DEFAULT 'suspend' CHECK (severity IN ('silence', 'suspend', 'noop')),
    reject_media    boolean     NOT NULL DEFAULT false,
    reject_reports  boolean     NOT NULL DEFAULT false,
    private_comment text,
    public_comment  text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
