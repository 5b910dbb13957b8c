-- Schema version 10 (the program's calendar: events, attended once as an entry), with sample
-- data. Everything of version 9 as it was, then the migration to 10 applied to it, and one event
-- attended and logged as entry 2 (its deletion returns the event to "registered"):
-- Schema version 9 (the mentor directory: roles, city and country, time zone, languages one by
-- one, the therapist's notes), with sample data. Everything of version 8 as it was, then the
-- migration to 9 applied to it (Karin Holm, certified and an examiner, gets both roles; "Malmö"
-- becomes her city; "Swedish, English" two languages):
-- Schema version 8 (a screen answered "no" by the old form needs review; consultations; a year
-- of birth and an age may be unknown), with sample data. Everything of version 7 as it was,
-- then the migration to 8 applied to it (C-001's intake, with a "no", is marked answers_preset):
-- Schema version 7 (the file carries Stillpoint's mark, PRAGMA application_id "STLP"), with
-- sample data. Everything of version 6 as it was:
-- Everything of version 5 as it was, and the totals as the triggers kept them: the stored counts
-- (C 60, B 180), which opening recounts.
-- Version 5 added clients, intake, clearances, sessions, case studies, courses, exams and
-- presentations.
-- Entry 1 was counted by other rules (60 min; these rules count 90): opening recounts it.
-- Submission 1 was sent and claims 45 min of entry 1 (sample data: nothing checks that claims
-- add up to its credits); the signed form is attached to it.
-- Client C-001 is flagged (head injury: yes; the other answers are missing, which counts as
-- unknown), cleared, with one session and one case study; course 1 has a certificate.
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

-- A client is printed only as `code`. The private name and contact are for the therapist's eyes:
-- no case study or portfolio prints them. `consent_portfolio_on` NULL: no consent to
-- de-identified use in a portfolio.
CREATE TABLE clients (
    id                   INTEGER PRIMARY KEY,
    code                 TEXT NOT NULL UNIQUE COLLATE NOCASE,
    private_name         TEXT NOT NULL DEFAULT '',
    private_contact      TEXT NOT NULL DEFAULT '',
    birth_year           INTEGER NOT NULL CHECK (birth_year BETWEEN 1900 AND 2999),
    gender               TEXT NOT NULL DEFAULT '',
    consent_treatment_on TEXT NOT NULL CHECK (consent_treatment_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    consent_portfolio_on TEXT CHECK (consent_portfolio_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;

-- The intake at the first consultation, one per client. `screen` is the id of the screen (a data
-- file) its answers were given to.
CREATE TABLE intakes (
    client_id   INTEGER PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
    taken_on    TEXT NOT NULL CHECK (taken_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    screen      TEXT NOT NULL,
    complaint   TEXT NOT NULL,
    history     TEXT NOT NULL DEFAULT '',
    medications TEXT NOT NULL DEFAULT ''
) STRICT;

-- One row per screen item rather than a JSON object: SQLite itself keeps every answer yes, no
-- or unknown, and an answer goes with its intake.
CREATE TABLE screen_answers (
    client_id INTEGER NOT NULL REFERENCES intakes (client_id) ON DELETE CASCADE,
    item      TEXT NOT NULL,
    answer    TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'unknown')),
    PRIMARY KEY (client_id, item)
) STRICT, WITHOUT ROWID;

-- A medical clearance for a flagged client: sessions on or after `cleared_on` may be saved.
CREATE TABLE clearances (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    cleared_on TEXT NOT NULL CHECK (cleared_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    cleared_by TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX clearances_by_client ON clearances (client_id, cleared_on);

-- A treatment session and its SOAP notes. `techniques` is a JSON array of keys of the techniques
-- data file; what the list lacks is typed in `techniques_other`. Scales are 0 to 10, or NULL.
CREATE TABLE sessions (
    id               INTEGER PRIMARY KEY,
    client_id        INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    date             TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    subjective       TEXT NOT NULL DEFAULT '',
    objective        TEXT NOT NULL DEFAULT '',
    assessment       TEXT NOT NULL DEFAULT '',
    plan             TEXT NOT NULL DEFAULT '',
    techniques       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(techniques)),
    techniques_other TEXT NOT NULL DEFAULT '',
    scale_before     INTEGER CHECK (scale_before BETWEEN 0 AND 10),
    scale_after      INTEGER CHECK (scale_after BETWEEN 0 AND 10),
    outcome          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_by_client ON sessions (client_id, date);

-- A case write-up for certification, drafted from one client's sessions and edited freely. A
-- client with case studies cannot be deleted by accident. `evaluations` is a JSON array of
-- {date, text}, one per session: part of the document, edited and printed as a whole.
CREATE TABLE case_studies (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    title             TEXT NOT NULL,
    last_treatment_on TEXT NOT NULL CHECK (last_treatment_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    client_age        INTEGER NOT NULL CHECK (client_age BETWEEN 0 AND 130),
    client_gender     TEXT NOT NULL DEFAULT '',
    symptoms          TEXT NOT NULL DEFAULT '',
    evaluations       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evaluations)),
    findings          TEXT NOT NULL DEFAULT '',
    techniques        TEXT NOT NULL DEFAULT '',
    treatment_count   INTEGER NOT NULL CHECK (treatment_count >= 0),
    outcome           TEXT NOT NULL DEFAULT '',
    discussion        TEXT NOT NULL DEFAULT '',
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX case_studies_by_client ON case_studies (client_id);

-- The training record: courses taken, or assisted as preceptor (whose hours are preceptorship
-- contact hours). `course` is a key of the certification data file's course list, or '' for
-- another course named by `title`. Certificates are attachments with owner_kind 'course'.
CREATE TABLE courses (
    id          INTEGER PRIMARY KEY,
    course      TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL DEFAULT 'participant' CHECK (role IN ('participant', 'preceptor')),
    started_on  TEXT NOT NULL CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    finished_on TEXT NOT NULL CHECK (finished_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    instructor  TEXT NOT NULL DEFAULT '',
    place       TEXT NOT NULL DEFAULT '',
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    CHECK (finished_on >= started_on),
    CHECK (course <> '' OR title <> '')
) STRICT;

-- Certification exams passed; `exam` is a key of the certification data file's exam list.
CREATE TABLE exams (
    id        INTEGER PRIMARY KEY,
    exam      TEXT NOT NULL,
    passed_on TEXT NOT NULL CHECK (passed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note      TEXT NOT NULL DEFAULT ''
) STRICT;

-- Presentations of CranioSacral Therapy given to an organised group.
CREATE TABLE presentations (
    id       INTEGER PRIMARY KEY,
    given_on TEXT NOT NULL CHECK (given_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title    TEXT NOT NULL,
    audience TEXT NOT NULL DEFAULT '',
    minutes  INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440)
) STRICT;
INSERT INTO clients (id, code, private_name, private_contact, birth_year, gender, consent_treatment_on, consent_portfolio_on)
VALUES (1, 'C-001', 'Ólafur Þórsson', 'olafur@example.is', 1981, 'male', '2025-01-10', '2025-01-10');
INSERT INTO intakes (client_id, taken_on, screen, complaint, history, medications)
VALUES (1, '2025-01-10', 'cst-intake', 'Tension headaches', 'Fell off a ladder in December.', '');
INSERT INTO screen_answers (client_id, item, answer) VALUES (1, 'head_injury', 'yes'), (1, 'skull_fracture', 'no');
INSERT INTO clearances (id, client_id, cleared_on, cleared_by, note) VALUES (1, 1, '2025-01-12', 'Dr Anna Berg, GP', 'Cleared for gentle work.');
INSERT INTO sessions (id, client_id, date, minutes, subjective, objective, assessment, plan, techniques, techniques_other,
                      scale_before, scale_after, outcome)
VALUES (1, 1, '2025-01-14', 60, 'Headache daily', 'Occiput restricted', 'Rhythm slow', 'Weekly', '["still_point","dural_tube"]', '',
        7, 4, 'Slept better');
INSERT INTO case_studies (id, client_id, title, last_treatment_on, client_age, client_gender, symptoms, evaluations, findings,
                          techniques, treatment_count, outcome, discussion, updated_at)
VALUES (1, 1, 'Headaches after a fall', '2025-01-14', 44, 'male', 'Tension headaches', '[{"date":"2025-01-14","text":"Rhythm slow"}]',
        'Occiput restricted', 'Still point induction', 1, 'Slept better', '', '2025-02-01T10:00:00Z');
INSERT INTO courses (id, course, title, role, started_on, finished_on, instructor, place, minutes)
VALUES (1, 'CS1', '', 'participant', '2025-03-13', '2025-03-16', 'Karin Holm', 'Malmö', 1650);
INSERT INTO exams (id, exam, passed_on, note) VALUES (1, 'techniques_essay', '2025-09-01', '');
INSERT INTO presentations (id, given_on, title, audience, minutes) VALUES (1, '2026-02-02', 'CST for midwives', 'Midwives, Bergen', 90);
INSERT INTO attachments VALUES (3, 'course', 1, 'Certificate CS1.pdf', '3-certificate.pdf', 2222, '2025-03-16');
CREATE TABLE counted_totals (
    category TEXT PRIMARY KEY CHECK (category IN ('A', 'B', 'C')),
    minutes  INTEGER NOT NULL CHECK (minutes >= 0)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER entries_add_to_totals AFTER INSERT ON entries BEGIN
    UPDATE counted_totals SET minutes = minutes + NEW.counted_minutes WHERE category = NEW.category;
END;
CREATE TRIGGER entries_take_from_totals AFTER DELETE ON entries BEGIN
    UPDATE counted_totals SET minutes = minutes - OLD.counted_minutes WHERE category = OLD.category;
END;
CREATE TRIGGER entries_move_in_totals AFTER UPDATE OF category, counted_minutes ON entries BEGIN
    UPDATE counted_totals SET minutes = minutes - OLD.counted_minutes WHERE category = OLD.category;
    UPDATE counted_totals SET minutes = minutes + NEW.counted_minutes WHERE category = NEW.category;
END;
INSERT INTO counted_totals (category, minutes) VALUES ('A', 0), ('B', 180), ('C', 60);
PRAGMA application_id = 1398033488;
-- (The store runs the migration with foreign keys off, as here.)
PRAGMA foreign_keys = OFF;
-- 8: nothing the therapist did not say is stored as if they had said it.

-- Until now the intake form opened with every screen answer set to "no", so a stored "no" may be
-- an answer nobody gave. Such an intake needs review: it counts as incomplete (the client is
-- flagged) until the therapist looks at each answer and saves it again. A clearance already
-- recorded still clears.
ALTER TABLE intakes ADD COLUMN answers_preset INTEGER NOT NULL DEFAULT 0 CHECK (answers_preset IN (0, 1));
UPDATE intakes SET answers_preset = 1
WHERE EXISTS (SELECT 1 FROM screen_answers a WHERE a.client_id = intakes.client_id AND a.answer = 'no');

-- A session is a treatment, or a consultation with no treatment given (allowed before a medical
-- clearance; it records no techniques).
ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'treatment' CHECK (kind IN ('treatment', 'consultation'));

-- The year of birth may be unknown (NULL) rather than made up; so may the age in a case study.
-- SQLite cannot drop a NOT NULL, so both tables are rebuilt (the store turns foreign keys off
-- around the migrations and checks them before committing).
CREATE TABLE clients_v8 (
    id                   INTEGER PRIMARY KEY,
    code                 TEXT NOT NULL UNIQUE COLLATE NOCASE,
    private_name         TEXT NOT NULL DEFAULT '',
    private_contact      TEXT NOT NULL DEFAULT '',
    birth_year           INTEGER CHECK (birth_year BETWEEN 1900 AND 2999),
    gender               TEXT NOT NULL DEFAULT '',
    consent_treatment_on TEXT NOT NULL CHECK (consent_treatment_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    consent_portfolio_on TEXT CHECK (consent_portfolio_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;
INSERT INTO clients_v8 (id, code, private_name, private_contact, birth_year, gender, consent_treatment_on, consent_portfolio_on)
SELECT id, code, private_name, private_contact, birth_year, gender, consent_treatment_on, consent_portfolio_on FROM clients;
DROP TABLE clients;
ALTER TABLE clients_v8 RENAME TO clients;

CREATE TABLE case_studies_v8 (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    title             TEXT NOT NULL,
    last_treatment_on TEXT NOT NULL CHECK (last_treatment_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    client_age        INTEGER CHECK (client_age BETWEEN 0 AND 130),
    client_gender     TEXT NOT NULL DEFAULT '',
    symptoms          TEXT NOT NULL DEFAULT '',
    evaluations       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evaluations)),
    findings          TEXT NOT NULL DEFAULT '',
    techniques        TEXT NOT NULL DEFAULT '',
    treatment_count   INTEGER NOT NULL CHECK (treatment_count >= 0),
    outcome           TEXT NOT NULL DEFAULT '',
    discussion        TEXT NOT NULL DEFAULT '',
    updated_at        TEXT NOT NULL
) STRICT;
INSERT INTO case_studies_v8 SELECT id, client_id, title, last_treatment_on, client_age, client_gender, symptoms,
    evaluations, findings, techniques, treatment_count, outcome, discussion, updated_at FROM case_studies;
DROP TABLE case_studies;
ALTER TABLE case_studies_v8 RENAME TO case_studies;
CREATE INDEX case_studies_by_client ON case_studies (client_id);
PRAGMA foreign_keys = ON;
-- (The store runs the migration with foreign keys off, as here.)
PRAGMA foreign_keys = OFF;
-- 9: the mentor directory the program describes: roles, where a mentor is (city, and the country
-- as an ISO 3166-1 alpha-2 code), their time zone (an IANA name), the languages they mentor in
-- one by one, and the therapist's own notes.

-- The table is rebuilt: the examiner flag becomes a role, the free-text location becomes the
-- city (nothing can tell which part of "Malmö, Sweden" is a country: the country starts unknown,
-- NULL, for the therapist to choose). Entries refer to mentors by id and keep the name and
-- credentials they were logged with, so a rebuilt, renamed or removed mentor never changes one.
CREATE TABLE mentors_v9 (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    credentials      TEXT NOT NULL DEFAULT '',
    certified_mentor INTEGER NOT NULL DEFAULT 0 CHECK (certified_mentor IN (0, 1)),
    email            TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL DEFAULT '',
    country          TEXT CHECK (country GLOB '[A-Z][A-Z]'),
    time_zone        TEXT CHECK (time_zone <> ''),
    in_person        INTEGER NOT NULL DEFAULT 0 CHECK (in_person IN (0, 1)),
    virtual          INTEGER NOT NULL DEFAULT 0 CHECK (virtual IN (0, 1)),
    cost_notes       TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO mentors_v9 (id, name, credentials, certified_mentor, email, phone, city, in_person, virtual, cost_notes)
SELECT id, name, credentials, certified_mentor, email, phone, trim(location), in_person, virtual, cost_notes FROM mentors;

-- What a mentor does for the program. A certified mentor has the mentor role (the store keeps
-- that true); someone with no role is a practitioner the therapist receives treatment from.
CREATE TABLE mentor_roles (
    mentor_id INTEGER NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('mentor', 'examiner', 'instructor', 'teaching_assistant')),
    PRIMARY KEY (mentor_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX mentor_roles_by_role ON mentor_roles (role, mentor_id);

-- The languages a mentor mentors in, in the order given (`position` from 1).
CREATE TABLE mentor_languages (
    mentor_id INTEGER NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 1),
    language  TEXT NOT NULL CHECK (language <> ''),
    PRIMARY KEY (mentor_id, position)
) STRICT, WITHOUT ROWID;

INSERT INTO mentor_roles (mentor_id, role) SELECT id, 'mentor' FROM mentors WHERE certified_mentor = 1;
INSERT INTO mentor_roles (mentor_id, role) SELECT id, 'examiner' FROM mentors WHERE examiner = 1;

-- The old free text ("Swedish, English"; also split at ';', '/' and line breaks), one row per
-- language, a language given twice (in any case) kept once, where it came first.
WITH RECURSIVE split (mentor_id, n, part, rest) AS (
    SELECT id, 0, '', replace(replace(replace(replace(languages, ';', ','), '/', ','), char(13), ','), char(10), ',') || ','
    FROM mentors
    UNION ALL
    SELECT mentor_id, n + 1, trim(substr(rest, 1, instr(rest, ',') - 1)), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest <> ''
),
firsts (mentor_id, n, part) AS (
    SELECT mentor_id, min(n), part FROM split WHERE part <> '' GROUP BY mentor_id, lower(part)
)
INSERT INTO mentor_languages (mentor_id, position, language)
SELECT mentor_id, row_number() OVER (PARTITION BY mentor_id ORDER BY n), part FROM firsts;

DROP TABLE mentors;
ALTER TABLE mentors_v9 RENAME TO mentors;
PRAGMA foreign_keys = ON;

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

INSERT INTO events (id, uid, sequence, title, presenter, presenter_credentials, starts_at, all_day,
                    time_zone, duration_minutes, live, recording, cost_live, cost_live_currency,
                    cost_recording, cost_recording_currency, prerequisite, registration_notes, link,
                    activity, status, entry_id)
VALUES (1, 'cs1-review@example.org', 2, 'CS1 review — Ébauche', 'Ana Núñez', 'CST-D',
        '2025-03-11T23:30:00Z', 0, 'America/New_York', 90, 1, 1, 4500, 'USD', 2500, 'USD', 'CS1',
        'Write to mentoring@example.org for the password.', 'https://example.org/cs1', 'large_group',
        'attended_live', 2);
PRAGMA user_version = 10;
