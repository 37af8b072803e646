-- Messages between server nodes go by PostgreSQL NOTIFY (io.hotline.cluster.ClusterLink). NOTIFY payloads
-- are limited to 8000 bytes; a larger message (a screen pop with a long IVR path) is stored here and the
-- NOTIFY carries its id. Rows are deleted after a few minutes.
CREATE TABLE cluster_messages (
    id          bigserial   PRIMARY KEY,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cluster_messages_created ON cluster_messages (created_at);
