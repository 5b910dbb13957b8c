-- 3: facts about the database itself, and files attached to records.

-- Key/value facts, e.g. which rules the stored counted minutes were computed with.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- A certificate, receipt or signed form the user attached to an entry, a submission or a course.
-- The file itself is copied into the data folder under `stored_name`; `file_name` is what the
-- user called it. Rows are removed with their owner, in the same transaction.
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
