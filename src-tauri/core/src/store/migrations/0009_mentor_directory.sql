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
