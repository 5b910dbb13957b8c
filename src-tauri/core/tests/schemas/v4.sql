-- Schema version 4 (submissions and claims), with sample data.
-- Entry 1 was counted by other rules (60 min; these rules count 90): opening recounts it.
-- Submission 1 was sent and claims 45 min of entry 1 (sample data: nothing checks that claims
-- add up to its credits); the signed form is attached to it.
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
INSERT INTO profile VALUES (1, 'Zoë Ångström', 'LMT, CST', 'M-1', 'Rua 1', 'zoe@example.org', '+351 21 000 0000', '2025-01-02T03:04:05Z');
INSERT INTO mentors (id, name, credentials, certified_mentor, examiner, email, phone, location, languages, in_person, virtual, cost_notes)
VALUES (1, 'Karin Holm', 'PT, CST-D', 1, 1, 'karin@example.se', '', 'Malmö', 'Swedish, English', 1, 1, '900 SEK / h');
INSERT INTO entries (id, date, activity, category, format, minutes, days, mentor_id, provider, provider_credentials,
                     certified_mentor, endorsed, notes, counted_minutes, reasons)
VALUES (1, '2025-02-03', 'one_to_one', 'C', 'virtual', 90, NULL, 1, 'Karin Holm', 'PT, CST-D', 1, 1, 'Ten-step review', 60, '[]'),
       (2, '2025-02-10', 'precepting_advanced', 'B', 'in_person', NULL, 2, NULL, 'Advanced 1, Palm Beach', '', 1, 1, '', 180, '[]');
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    owner_kind  TEXT NOT NULL CHECK (owner_kind IN ('entry', 'submission', 'course')),
    owner_id    INTEGER NOT NULL,
    file_name   TEXT NOT NULL,
    stored_name TEXT NOT NULL UNIQUE,
    bytes       INTEGER NOT NULL CHECK (bytes >= 0),
    added_on    TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_by_owner ON attachments (owner_kind, owner_id);
INSERT INTO meta VALUES ('rules', 'iahe-mentorship-2014:0000000000000000');
INSERT INTO attachments VALUES (1, 'entry', 1, 'Zertifikat Müller.pdf', '1-zertifikat.pdf', 1234, '2025-02-03');
CREATE TABLE submissions (
    id               INTEGER PRIMARY KEY,
    rule_set         TEXT NOT NULL,
    credits          INTEGER NOT NULL CHECK (credits >= 1),
    created_on       TEXT NOT NULL CHECK (created_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    state            TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sent', 'credited')),
    sent_on          TEXT CHECK (sent_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    fee_hundredths   INTEGER CHECK (fee_hundredths >= 0),
    fee_currency     TEXT CHECK (fee_currency GLOB '[A-Z][A-Z][A-Z]'),
    paid_by          TEXT NOT NULL DEFAULT '',
    credited_on      TEXT CHECK (credited_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CHECK ((fee_hundredths IS NULL) = (fee_currency IS NULL)),
    CHECK ((state = 'draft') = (sent_on IS NULL)),
    CHECK (state = 'draft' OR fee_hundredths IS NOT NULL),
    CHECK ((state = 'credited') = (credited_on IS NOT NULL))
) STRICT;
CREATE TABLE claims (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE RESTRICT,
    minutes       INTEGER NOT NULL CHECK (minutes > 0),
    PRIMARY KEY (submission_id, entry_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX claims_by_entry ON claims (entry_id, minutes);
INSERT INTO submissions (id, rule_set, credits, created_on, state, sent_on, fee_hundredths, fee_currency, paid_by, credited_on)
VALUES (1, 'iahe-mentorship-2014', 1, '2025-03-01', 'sent', '2025-03-03', 2500, 'USD', 'Karte', NULL);
INSERT INTO claims (submission_id, entry_id, minutes) VALUES (1, 1, 45);
INSERT INTO attachments VALUES (2, 'submission', 1, 'Formular unterschrieben.pdf', '2-formular.pdf', 4321, '2025-03-03');
PRAGMA user_version = 4;
