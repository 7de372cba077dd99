-- Pre-authorisations are numbered PA-000001 … from a sequence, and carry the auditor's note.
CREATE SEQUENCE preauthorisation_number_seq;
ALTER TABLE preauthorisations ADD COLUMN note TEXT;
