//! What an operator watches, kept by the process for its metrics endpoint: mails sent and
//! failed, document jobs started and failed, how long requests wait for a database
//! connection, the last verification of the audit chain. Plain atomics: recording costs a
//! few nanoseconds, and nothing is written anywhere until a scrape reads them.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A count that only grows.
#[derive(Debug)]
pub struct Counter(AtomicU64);

impl Counter {
    pub const fn new() -> Self {
        Self(AtomicU64::new(0))
    }

    pub fn inc(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

impl Default for Counter {
    fn default() -> Self {
        Self::new()
    }
}

/// The upper bounds (seconds) of the buckets of every duration histogram: 100 µs to 30 s.
pub const BUCKETS: [f64; 14] = [
    0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0, 30.0,
];

/// A histogram of durations over [`BUCKETS`].
#[derive(Debug)]
pub struct Histogram {
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_nanos: AtomicU64,
}

/// What a histogram holds at one moment: cumulative bucket counts, as Prometheus wants them.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramSnapshot {
    pub cumulative: [u64; BUCKETS.len()],
    pub count: u64,
    pub sum_seconds: f64,
}

impl Histogram {
    pub const fn new() -> Self {
        Self {
            buckets: [const { AtomicU64::new(0) }; BUCKETS.len()],
            count: AtomicU64::new(0),
            sum_nanos: AtomicU64::new(0),
        }
    }

    pub fn observe(&self, d: Duration) {
        let secs = d.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|b| secs <= *b) {
            self.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.sum_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> HistogramSnapshot {
        let mut cumulative = [0; BUCKETS.len()];
        let mut running = 0;
        for (i, b) in self.buckets.iter().enumerate() {
            running += b.load(Ordering::Relaxed);
            cumulative[i] = running;
        }
        HistogramSnapshot {
            cumulative,
            count: self.count.load(Ordering::Relaxed),
            sum_seconds: self.sum_nanos.load(Ordering::Relaxed) as f64 / 1e9,
        }
    }
}

impl Default for Histogram {
    fn default() -> Self {
        Self::new()
    }
}

/// Mails handed to the mail server, and those it refused or that could not be sent.
pub static MAILS_SENT: Counter = Counter::new();
pub static MAILS_FAILED: Counter = Counter::new();
/// Document jobs started, and those that ended without issuing their document.
pub static DOCUMENT_JOBS_STARTED: Counter = Counter::new();
pub static DOCUMENT_JOBS_FAILED: Counter = Counter::new();
/// How long a read waited for a pooled connection, and a write for its turn and connection.
pub static DB_WAIT_READ: Histogram = Histogram::new();
pub static DB_WAIT_WRITE: Histogram = Histogram::new();

/// The outcome of the last verification of the audit chain in this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditVerification {
    /// When it finished (Unix seconds).
    pub at: i64,
    pub intact: bool,
    /// The entries verified.
    pub entries: i64,
}

static LAST_AUDIT_VERIFICATION: Mutex<Option<AuditVerification>> = Mutex::new(None);

pub fn record_audit_verification(v: AuditVerification) {
    *LAST_AUDIT_VERIFICATION
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(v);
}

pub fn last_audit_verification() -> Option<AuditVerification> {
    *LAST_AUDIT_VERIFICATION
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Seconds since the Unix epoch, by the system's clock (not the app's: a heartbeat is about
/// real time).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_counts_cumulatively_and_sums() {
        let h = Histogram::new();
        h.observe(Duration::from_micros(50));
        h.observe(Duration::from_millis(3));
        h.observe(Duration::from_secs(60));
        let s = h.snapshot();
        assert_eq!(s.count, 3);
        assert_eq!(s.cumulative[0], 1, "50 µs is under 100 µs");
        assert_eq!(s.cumulative[4], 2, "3 ms is under 5 ms");
        assert_eq!(s.cumulative[BUCKETS.len() - 1], 2, "60 s is only in +Inf");
        assert!((s.sum_seconds - 60.00305).abs() < 1e-9, "{}", s.sum_seconds);
    }
}
