-- The durable job queue. A row lives until its job is done (then deleted) or dead (kept).
-- state: ready (waiting for run_at), running (claimed; lease until locked_until), dead.
CREATE TABLE herd_jobs (
    id            bigint      PRIMARY KEY,
    queue         text        NOT NULL,
    type          text        NOT NULL,
    payload       text        NOT NULL,
    state         text        NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'running', 'dead')),
    attempt       integer     NOT NULL DEFAULT 0,
    max_attempts  integer     NOT NULL CHECK (max_attempts >= 1),
    run_at        timestamptz NOT NULL DEFAULT now(),
    locked_by     text,
    locked_until  timestamptz,
    last_error    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    dead_at       timestamptz
);

-- Claiming looks for due ready jobs and for running jobs whose lease ran out, per queue.
CREATE INDEX herd_jobs_ready ON herd_jobs (queue, run_at) WHERE state = 'ready';
CREATE INDEX herd_jobs_leased ON herd_jobs (queue, locked_until) WHERE state = 'running';

-- Wake idle workers as soon as a due job is committed (NOTIFY is delivered on commit only, so a
-- rolled-back enqueue wakes nobody). Identical notifications in one transaction are merged.
CREATE FUNCTION herd_jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.run_at <= now() THEN
        PERFORM pg_notify('herd_jobs', NEW.queue);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER herd_jobs_notify AFTER INSERT ON herd_jobs
    FOR EACH ROW EXECUTE FUNCTION herd_jobs_notify();

-- Cluster-wide schedule of periodic tasks: a node runs a task only after it moved next_run_at
-- forward itself (UPDATE ... WHERE next_run_at <= now() RETURNING).
CREATE TABLE herd_periodic_tasks (
    name         text        PRIMARY KEY,
    next_run_at  timestamptz NOT NULL,
    last_run_at  timestamptz,
    last_node    text
);
