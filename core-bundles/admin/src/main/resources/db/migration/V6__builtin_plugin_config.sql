-- The admin's configuration of plugins that were not uploaded (they ship with the server or sit in
-- deploy/), e.g. the server rules of rules-default: kept here so every node applies the same.
CREATE TABLE admin_builtin_plugin_config (
    id          text        PRIMARY KEY,
    config      text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
