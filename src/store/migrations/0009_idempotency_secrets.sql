-- Responses that carry a secret (a revealed ID number, a new API token, a family link) are not
-- kept for idempotent replay: the row keeps only a marker, and a replay is refused and audited.
-- Rows written before this migration may hold such secrets in `body`: drop them.
ALTER TABLE idempotency_keys ADD COLUMN secret INTEGER NOT NULL DEFAULT 0;

DELETE FROM idempotency_keys
WHERE path LIKE '/api/people/%/reveal-id' OR path = '/api/tokens'
   OR path LIKE '/api/people/%/family-link' OR path LIKE '/api/classes/%/family-letters';
