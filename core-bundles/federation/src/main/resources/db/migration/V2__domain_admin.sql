-- The admin API addresses domain blocks by id (Mastodon's shape), may obfuscate a blocked domain in
-- the public list, and keeps limited federation's allow-list here too (besides configuration).
ALTER TABLE federation_domain_blocks
    ADD COLUMN id bigserial UNIQUE,
    ADD COLUMN obfuscate boolean NOT NULL DEFAULT false,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE federation_domain_allows (
    id         bigserial   PRIMARY KEY,
    domain     text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
