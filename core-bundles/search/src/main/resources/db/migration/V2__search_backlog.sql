-- Index work waiting for the search engine. Status events only add rows here (in PostgreSQL,
-- always available); the index worker writes them to the engine and deletes them. While the
-- engine (OpenSearch) is down the rows wait, so nothing is missed however long the outage; the
-- oldest row's age is the indexing lag reported by readiness and /metrics.
--   kind 's': index (or remove, when gone) post target_id
--   kind 'a': remove every document of account target_id (deleted or suspended)
--   kind 'u': index every post of account target_id again (suspension lifted)
CREATE TABLE search_backlog (
    kind       char(1)     NOT NULL CHECK (kind IN ('s', 'a', 'u')),
    target_id  bigint      NOT NULL,
    queued_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, target_id)
);
CREATE INDEX search_backlog_age ON search_backlog (queued_at);
