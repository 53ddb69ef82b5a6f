-- A person's review of a critical penalty is a ledger entry of its own (kind 'review',
-- naming the penalty in `reviews`): from then on the penalty fades.
ALTER TABLE ledger DROP CONSTRAINT ledger_kind_check;
ALTER TABLE ledger ADD CONSTRAINT ledger_kind_check CHECK (kind IN ('penalty', 'credit', 'reversal', 'review'));
ALTER TABLE ledger ADD COLUMN reviews text REFERENCES ledger (id);
