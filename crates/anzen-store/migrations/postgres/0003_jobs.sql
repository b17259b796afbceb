-- The background job queue shared by every app node: a job is claimed by one worker for a
-- lease; an unfinished job whose lease ran out is claimed again.

CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    run_after     TEXT NOT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    last_error    TEXT,
    claimed_by    TEXT,
    claimed_until TEXT,
    created_at    TEXT NOT NULL,
    done_at       TEXT
);
CREATE INDEX jobs_due ON jobs (done_at, run_after);
CREATE INDEX jobs_kind ON jobs (kind, done_at);
