-- Uploaded media. A row is created by the upload and belongs to its account; status_id stays NULL
-- until a status attaches it (the statuses bundle calls MediaAttachments.attach). Unattached rows
-- older than a day are removed with their files by the hourly media.cleanup task.
-- account_id and status_id carry no foreign keys: those tables belong to other bundles.
CREATE TABLE media_attachments (
    id            bigint PRIMARY KEY,
    account_id    bigint NOT NULL,
    status_id     bigint,
    position      integer NOT NULL DEFAULT 0,
    type          text NOT NULL CHECK (type IN ('image', 'gifv', 'video', 'audio', 'unknown')),
    state         text NOT NULL CHECK (state IN ('processing', 'ready', 'failed')),
    -- storage keys: the raw upload while it waits for processing (never served), the processed
    -- original and the small preview
    incoming_key  text,
    file_key      text,
    small_key     text,
    content_type  text,
    file_size     bigint,
    width         integer,
    height        integer,
    small_width   integer,
    small_height  integer,
    focus_x       real NOT NULL DEFAULT 0 CHECK (focus_x BETWEEN -1 AND 1),
    focus_y       real NOT NULL DEFAULT 0 CHECK (focus_y BETWEEN -1 AND 1),
    description   text CHECK (char_length(description) <= 1500),
    blurhash      text,
    failure       text,
    created_at    timestamptz NOT NULL
);

CREATE INDEX media_attachments_status ON media_attachments (status_id, position) WHERE status_id IS NOT NULL;
CREATE INDEX media_attachments_account ON media_attachments (account_id);
-- what the cleanup scans
CREATE INDEX media_attachments_unattached ON media_attachments (created_at) WHERE status_id IS NULL;
