-- One row per answer. The id is the widget's UUID: the primary key is what makes a retry that
-- arrives twice (or two tabs, or two receivers, taking it together) store once.
CREATE TABLE feedback (
    id          TEXT    NOT NULL PRIMARY KEY,
    article     TEXT    NOT NULL,
    reference   TEXT,
    helpful     BOOLEAN NOT NULL,
    comment     TEXT,
    version     TEXT    NOT NULL,
    origin      TEXT    NOT NULL,
    -- When the person answered, exactly as the widget wrote it (ISO 8601 UTC, fixed width, so it
    -- sorts and compares as text).
    answered_at TEXT    NOT NULL,
    -- When the receiver stored it, in the same form.
    received_at TEXT    NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);

CREATE INDEX feedback_by_time ON feedback (answered_at);
CREATE INDEX feedback_by_article ON feedback (article, answered_at);
