-- 10: the program's calendar: its events (virtual mentoring sessions), each with its presenter,
-- its time, what it costs, what it asks first, and where the therapist stands with it.

-- An event is found again by its UID (iCalendar's), and a file updates it only with a higher
-- SEQUENCE. `starts_at` is the instant in UTC ('2025-03-11T16:30:00Z'); an all-day event's is
-- its date at midnight UTC. Costs are in hundredths of their ISO 4217 currency. `status` is NULL
-- until the therapist says where they stand: nothing is marked for them. An event attended is
-- logged as one entry (`entry_id`), at most once.
CREATE TABLE events (
    id                      INTEGER PRIMARY KEY,
    uid                     TEXT NOT NULL UNIQUE CHECK (uid <> ''),
    sequence                INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    title                   TEXT NOT NULL CHECK (title <> ''),
    presenter               TEXT NOT NULL DEFAULT '',
    presenter_credentials   TEXT NOT NULL DEFAULT '',
    starts_at               TEXT NOT NULL
        CHECK (starts_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    all_day                 INTEGER NOT NULL CHECK (all_day IN (0, 1)),
    time_zone               TEXT CHECK (time_zone <> ''),
    duration_minutes        INTEGER NOT NULL CHECK (duration_minutes >= 1),
    live                    INTEGER NOT NULL CHECK (live IN (0, 1)),
    recording               INTEGER NOT NULL CHECK (recording IN (0, 1)),
    cost_live               INTEGER,
    cost_live_currency      TEXT CHECK (cost_live_currency GLOB '[A-Z][A-Z][A-Z]'),
    cost_recording          INTEGER,
    cost_recording_currency TEXT CHECK (cost_recording_currency GLOB '[A-Z][A-Z][A-Z]'),
    prerequisite            TEXT NOT NULL DEFAULT '',
    registration_notes      TEXT NOT NULL DEFAULT '',
    link                    TEXT NOT NULL DEFAULT '',
    activity                TEXT NOT NULL,
    status                  TEXT CHECK (status IN ('interested', 'registered', 'attended_live', 'attended_recording', 'missed')),
    entry_id                INTEGER UNIQUE REFERENCES entries (id) ON DELETE SET NULL,
    CHECK ((cost_live IS NULL) = (cost_live_currency IS NULL)),
    CHECK ((cost_recording IS NULL) = (cost_recording_currency IS NULL))
) STRICT;
CREATE INDEX events_by_start ON events (starts_at, id);

-- Deleting the entry an attended event was logged as returns the event to "registered".
CREATE TRIGGER events_entry_deleted BEFORE DELETE ON entries
BEGIN
    UPDATE events SET status = 'registered', entry_id = NULL WHERE entry_id = OLD.id;
END;
