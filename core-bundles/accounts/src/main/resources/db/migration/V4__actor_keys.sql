-- RSA key pairs for federation (social.herd.api.federation.ActorKeys): one per local account,
-- created with the account (or on first use for accounts older than this table), and one for the
-- instance actor. A key pair never changes once written: remote servers cache the public key.

-- Both keys as PEM text: the public key is served as it is stored (SubjectPublicKeyInfo), the
-- private key is PKCS#8. Remote accounts never get a row; the row goes with its account.
CREATE TABLE account_keys (
    account_id       bigint      PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    public_key_pem   text        NOT NULL,
    private_key_pem  text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- The instance actor's key pair: a single row (id is always 1), so concurrent first uses on
-- several nodes agree on one key through ON CONFLICT DO NOTHING.
CREATE TABLE instance_keys (
    id               smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    public_key_pem   text        NOT NULL,
    private_key_pem  text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
