-- The signed head of the audit chain: every append signs the head it moves to (Ed25519 over
-- "anzen/audit-head/v1\n{last_seq}\n{last_hash}"), in the same transaction. A database
-- from before this migration has no signature until `anzen migrate` (or any start that
-- applies this migration) signs its head.
ALTER TABLE audit_head ADD COLUMN signature TEXT;
ALTER TABLE audit_head ADD COLUMN key_id TEXT;
