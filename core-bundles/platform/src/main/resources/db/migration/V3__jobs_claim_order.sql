-- Claiming takes the oldest due jobs of a queue in (run_at, id) order. With run_at alone in the
-- index, the hundreds of jobs one transaction enqueues (same run_at) had to be sorted on every
-- claim; with id in it, a claim reads just the rows it takes.
CREATE INDEX herd_jobs_ready_order ON herd_jobs (queue, run_at, id) WHERE state = 'ready';
DROP INDEX herd_jobs_ready;
