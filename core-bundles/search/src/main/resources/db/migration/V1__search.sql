-- The PostgreSQL search engine's index of posts: one row per post, its text folded (lower case,
-- no accents) into a tsvector, with the facts the search operators filter on. Filled by the
-- indexer from status events through the job queue; visibility is decided at query time.
CREATE TABLE search_statuses (
    status_id   bigint      PRIMARY KEY,
    account_id  bigint      NOT NULL,
    visibility  text        NOT NULL,
    language    text,
    created_at  timestamptz NOT NULL,
    has_media   boolean     NOT NULL DEFAULT false,
    has_poll    boolean     NOT NULL DEFAULT false,
    is_reply    boolean     NOT NULL DEFAULT false,
    sensitive   boolean     NOT NULL DEFAULT false,
    document    tsvector    NOT NULL
);
CREATE INDEX search_statuses_document ON search_statuses USING gin (document);
CREATE INDEX search_statuses_account ON search_statuses (account_id, status_id DESC);
