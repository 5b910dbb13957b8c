-- 2: the mentor directory and the mentorship entries.
CREATE TABLE mentors (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    credentials      TEXT NOT NULL DEFAULT '',
    certified_mentor INTEGER NOT NULL DEFAULT 0 CHECK (certified_mentor IN (0, 1)),
    examiner         INTEGER NOT NULL DEFAULT 0 CHECK (examiner IN (0, 1)),
    email            TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    location         TEXT NOT NULL DEFAULT '',
    languages        TEXT NOT NULL DEFAULT '',
    in_person        INTEGER NOT NULL DEFAULT 1 CHECK (in_person IN (0, 1)),
    virtual          INTEGER NOT NULL DEFAULT 1 CHECK (virtual IN (0, 1)),
    cost_notes       TEXT NOT NULL DEFAULT ''
) STRICT;

-- Logged time is kept as logged (minutes, or days for per-day activities); what the rule set
-- counts of it is stored beside it, with the reasons, and recomputed when the rules change.
CREATE TABLE entries (
    id                   INTEGER PRIMARY KEY,
    date                 TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    activity             TEXT NOT NULL,
    category             TEXT NOT NULL CHECK (category IN ('A', 'B', 'C')),
    format               TEXT NOT NULL CHECK (format IN ('in_person', 'virtual')),
    minutes              INTEGER CHECK (minutes BETWEEN 1 AND 1440),
    days                 INTEGER CHECK (days BETWEEN 1 AND 31),
    mentor_id            INTEGER REFERENCES mentors (id) ON DELETE SET NULL,
    provider             TEXT NOT NULL DEFAULT '',
    provider_credentials TEXT NOT NULL DEFAULT '',
    certified_mentor     INTEGER NOT NULL CHECK (certified_mentor IN (0, 1)),
    endorsed             INTEGER NOT NULL CHECK (endorsed IN (0, 1)),
    notes                TEXT NOT NULL DEFAULT '',
    counted_minutes      INTEGER NOT NULL CHECK (counted_minutes >= 0),
    reasons              TEXT NOT NULL DEFAULT '[]',
    CHECK ((minutes IS NULL) <> (days IS NULL))
) STRICT;
CREATE INDEX entries_by_date ON entries (date, id);
CREATE INDEX entries_by_category ON entries (category, counted_minutes);
CREATE INDEX entries_by_mentor ON entries (mentor_id);
