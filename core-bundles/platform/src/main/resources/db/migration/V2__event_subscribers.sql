-- Every event subscriber that has registered on any node, with the event types it takes. An event
-- dispatched while a subscriber is not (yet) registered on the dispatching node — a node still
-- starting after a crash, or a subscriber living on other nodes only — gets a delivery job of its
-- own for that subscriber instead of being lost to it.
CREATE TABLE event_subscribers (
    name      text        PRIMARY KEY,
    types     text[]      NOT NULL,
    seen_at   timestamptz NOT NULL DEFAULT now()
);
