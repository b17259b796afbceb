-- Recurring jobs are queued once however many app nodes start together: a pending recurring
-- job holds a unique key (its kind), released when it completes, so a second node's insert
-- of the same kind does nothing (INSERT ... ON CONFLICT DO NOTHING; NULL keys never clash).
-- Duplicates left by earlier versions are removed first (the oldest pending one stays).

ALTER TABLE jobs ADD COLUMN unique_key TEXT;

DELETE FROM jobs
WHERE done_at IS NULL
  AND kind IN ('purge_sessions', 'review_reminders')
  AND id NOT IN (
      SELECT MIN(id) FROM jobs
      WHERE done_at IS NULL AND kind IN ('purge_sessions', 'review_reminders')
      GROUP BY kind
  );

UPDATE jobs SET unique_key = 'recurring:' || kind
WHERE done_at IS NULL AND kind IN ('purge_sessions', 'review_reminders');

CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key);

-- One overdue-review reminder per risk per Japanese calendar day, however many runs happen
-- (GL 5.1.5 (3), FAQ 5.2): a run claims (risk, day) before it mails.
CREATE TABLE review_reminders_sent (
    risk_id TEXT NOT NULL,
    day     TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (risk_id, day)
);
