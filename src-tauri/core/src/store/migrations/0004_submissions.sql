-- 4: submissions of the tracking form, and the minutes each one claims.

-- One tracking form: draft, then sent (with the processing fee), then credited. The fee is exact:
-- hundredths of the currency's unit (2500 with 'USD' is 25.00 USD), never a float. `rule_set`
-- names the rules the claim was made under.
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

-- The minutes a submission claims from each entry. Claimed minutes are never counted again,
-- whatever the submission's state; an entry on a submission cannot be deleted.
CREATE TABLE claims (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE RESTRICT,
    minutes       INTEGER NOT NULL CHECK (minutes > 0),
    PRIMARY KEY (submission_id, entry_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX claims_by_entry ON claims (entry_id, minutes);
