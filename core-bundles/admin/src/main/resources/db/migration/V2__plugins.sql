-- Plugins uploaded by admins. The jar itself is kept here so that every node of a cluster installs
-- the same set (no shared volume needed); each node reconciles its framework with this table.
CREATE TABLE admin_plugins (
    -- the jar's Bundle-SymbolicName
    id           text        PRIMARY KEY,
    version      text        NOT NULL,
    name         text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('filter', 'rules', 'favicon', 'theme')),
    jar          bytea       NOT NULL,
    sha256       text        NOT NULL,
    enabled      boolean     NOT NULL DEFAULT true,
    -- the admin's settings for the plugin's configuration (JSON object of key -> value)
    config       text        NOT NULL DEFAULT '{}',
    uploaded_by  bigint,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
