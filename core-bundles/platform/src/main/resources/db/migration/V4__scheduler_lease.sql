-- The scheduler: periodic tasks run only on the node holding this lease. The holder renews it
-- every few seconds; when a node dies its lease runs out and another node takes it over, so the
-- scheduler runs on exactly one node at a time, with fail-over, whatever the nodes' roles.
CREATE TABLE herd_scheduler (
    id          smallint    PRIMARY KEY CHECK (id = 1),
    node        text        NOT NULL,
    expires_at  timestamptz NOT NULL
);
