-- The console's claim search by claim number prefix (LIKE 'CLM-12%') uses an index whatever the collation.
CREATE INDEX claims_number_prefix_idx ON claims (claim_number text_pattern_ops);
