-- One row per answer. The id is the widget's UUID: the primary key is what makes a retry that
-- arrives twice (or two tabs sending together) store once.
CREATE TABLE feedback (
    id          TEXT    NOT NULL PRIMARY KEY,
    article     TEXT    NOT NULL,
    reference   TEXT,
    helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment     TEXT,
    version     TEXT    NOT NULL,
    origin      TEXT    NOT NULL,
    -- When the person answered, exactly as the widget wrote it (ISO 8601 UTC, fixed width, so it
    -- sorts and compares as text).
    answered_at TEXT    NOT NULL,
    -- When the receiver stored it, in the same form.
    received_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX feedback_by_time ON feedback (answered_at);
CREATE INDEX feedback_by_article ON feedback (article, answered_at);
