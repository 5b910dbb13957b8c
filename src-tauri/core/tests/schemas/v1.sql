-- Schema version 1 (released with Stillpoint 0.1.0), with sample data.
-- A snapshot: never edit it. The upgrade test opens it with the current build.
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
INSERT INTO profile VALUES (1, 'Zoë Ångström', 'LMT, CST', 'M-1', 'Rua 1', 'zoe@example.org', '+351 21 000 0000', '2025-01-02T03:04:05Z');
PRAGMA user_version = 1;
