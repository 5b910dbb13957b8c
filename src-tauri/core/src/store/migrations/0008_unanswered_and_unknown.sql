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
