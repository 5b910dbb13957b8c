-- 5: clients, their intake, clearances and sessions; case studies; the training record.

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
