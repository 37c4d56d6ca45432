-- What admins set about the server through the API (title, descriptions, contact, registration
-- mode, policies, thumbnail), over the configuration file, shared by every node.
CREATE TABLE admin_settings (
    key        text        PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
