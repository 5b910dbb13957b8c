-- 1: the practitioner's profile, a single row.
CREATE TABLE profile (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    credentials TEXT NOT NULL DEFAULT '',
    member_id   TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
) STRICT;
