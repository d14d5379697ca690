-- ID number exposure (docs/decisions/0010-id-number-exposure.md): masks keep far fewer
-- characters. A citizen ID (18 characters) kept its first 6 and last 4 (371302********528X) and
-- now keeps its first 3 (371***************); other numbers kept their first 2 and last 2 and now
-- keep their first and last; shorter ones stay fully masked. Every new mask is a part of the old
-- one, so stored masks are rewritten here and no database keeps serving the old form.
-- (substr/length/|| behave alike on SQLite and PostgreSQL; SQLite has no repeat().)
UPDATE people SET id_masked = substr(id_masked, 1, 3) || '***************'
WHERE id_masked IS NOT NULL AND length(id_masked) = 18;
UPDATE people SET id_masked = substr(id_masked, 1, 1)
    || substr('******************************', 1, length(id_masked) - 2)
    || substr(id_masked, length(id_masked), 1)
WHERE id_masked IS NOT NULL AND length(id_masked) >= 5 AND length(id_masked) <> 18;

-- Visitors' masks (the column exists, nothing writes it yet) follow the same rule.
UPDATE visitors SET id_masked = substr(id_masked, 1, 3) || '***************'
WHERE length(id_masked) = 18;
UPDATE visitors SET id_masked = substr(id_masked, 1, 1)
    || substr('******************************', 1, length(id_masked) - 2)
    || substr(id_masked, length(id_masked), 1)
WHERE length(id_masked) >= 5 AND length(id_masked) <> 18;

-- Conflicts of ID numbers are limited per account and hour, counted from the audit log.
CREATE INDEX audit_log_actor_action ON audit_log(actor_id, action, at);
