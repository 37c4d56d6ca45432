-- OAuth 2 applications, authorization codes and access tokens. Secrets, codes and tokens are
-- high-entropy random strings, stored only as their SHA-256 (hex): a KDF would add nothing but
-- latency to every authenticated request.

CREATE TABLE oauth_applications (
    id                  bigint      PRIMARY KEY,
    name                text        NOT NULL,
    website             text,
    redirect_uris       text[]      NOT NULL CHECK (cardinality(redirect_uris) >= 1),
    scopes              text        NOT NULL,
    client_id           text        NOT NULL UNIQUE,
    client_secret_hash  text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);

-- Authorization codes (RFC 6749 section 4.1), single use, valid for minutes.
CREATE TABLE oauth_access_grants (
    id                     bigint      PRIMARY KEY,
    code_hash              text        NOT NULL UNIQUE,
    application_id         bigint      NOT NULL REFERENCES oauth_applications (id) ON DELETE CASCADE,
    user_id                bigint      NOT NULL,
    redirect_uri           text        NOT NULL,
    scopes                 text        NOT NULL,
    code_challenge         text,
    code_challenge_method  text        CHECK (code_challenge_method IN ('S256', 'plain')),
    created_at             timestamptz NOT NULL DEFAULT now(),
    expires_at             timestamptz NOT NULL,
    used_at                timestamptz,
    revoked_at             timestamptz
);
CREATE INDEX oauth_access_grants_user ON oauth_access_grants (user_id) WHERE used_at IS NULL AND revoked_at IS NULL;

-- Access tokens; user_id is NULL for application-only tokens (client_credentials). grant_id
-- links a token to the code it was exchanged for, so a replayed code revokes it (RFC 6749 4.1.2).
CREATE TABLE oauth_access_tokens (
    id              bigint      PRIMARY KEY,
    token_hash      text        NOT NULL UNIQUE,
    application_id  bigint      NOT NULL REFERENCES oauth_applications (id) ON DELETE CASCADE,
    user_id         bigint,
    grant_id        bigint      REFERENCES oauth_access_grants (id) ON DELETE SET NULL,
    scopes          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    last_used_at    timestamptz
);
CREATE INDEX oauth_access_tokens_user ON oauth_access_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX oauth_access_tokens_grant ON oauth_access_tokens (grant_id) WHERE grant_id IS NOT NULL;

-- Server-side keys of this bundle, shared by every node (e.g. the key signing the CSRF tokens
-- of the authorization form, so that a form served by one node can be posted to another).
CREATE TABLE oauth_keys (
    name        text        PRIMARY KEY,
    value       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
