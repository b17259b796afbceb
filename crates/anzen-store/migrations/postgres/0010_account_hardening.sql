-- Recovery codes, one row per unused code: a code is used by deleting its row, which one
-- request only can do, whatever the concurrency. They move here from the JSON list in
-- users.recovery_codes (SHA-256 hashes, one-way; they stay hashed).
CREATE TABLE recovery_codes (
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);
INSERT INTO recovery_codes (user_id, code_hash)
    SELECT DISTINCT u.id, j.value
    FROM users u, json_array_elements_text(u.recovery_codes::json) j;
ALTER TABLE users DROP COLUMN recovery_codes;
