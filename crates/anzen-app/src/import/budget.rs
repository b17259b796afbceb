//! What keeps reading a file bounded while it runs: the time budget (a deadline and a
//! cancellation flag that the reader checks cooperatively) and the readers that enforce it
//! and count bytes as they really come out of a decompressor.

use std::io::{self, Read, Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::limits::{ImportLimits, Limit, LimitExceeded};

/// The time one import may take: a deadline, and a flag the waiting side sets when it stops
/// waiting. Clones share the flag.
#[derive(Debug, Clone)]
pub struct Budget {
    deadline: Option<Instant>,
    cancelled: Arc<AtomicBool>,
    refusal: LimitExceeded,
}

impl Budget {
    /// A budget of `limits.time`, starting now.
    pub fn new(limits: &ImportLimits) -> Self {
        Self {
            deadline: Instant::now().checked_add(limits.time),
            cancelled: Arc::new(AtomicBool::new(false)),
            refusal: limits.exceeded(Limit::Time),
        }
    }

    /// Stops the reading at its next check.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the time is up (deadline passed or cancelled).
    pub fn is_over(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed) || self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// `Err` naming the time limit once the time is up.
    pub fn check(&self) -> Result<(), LimitExceeded> {
        if self.is_over() {
            Err(self.refusal.clone())
        } else {
            Ok(())
        }
    }

    /// The refusal this budget gives when it runs out.
    pub fn refusal(&self) -> &LimitExceeded {
        &self.refusal
    }
}

/// The error a [`BudgetReader`] gives once the time is up.
#[derive(Debug)]
struct TimeUp;

impl std::fmt::Display for TimeUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the time limit of the import is reached")
    }
}

impl std::error::Error for TimeUp {}

/// A reader (and seeker) that fails once the budget is over, checked at every read: wrapped
/// around the bytes a third-party parser reads (e.g. the ZIP archive calamine decompresses
/// from), it stops that parser at its next read, without its cooperation.
#[derive(Debug)]
pub struct BudgetReader<R> {
    inner: R,
    budget: Budget,
}

impl<R> BudgetReader<R> {
    pub fn new(inner: R, budget: Budget) -> Self {
        Self { inner, budget }
    }
}

impl<R: Read> Read for BudgetReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.budget.is_over() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, TimeUp));
        }
        self.inner.read(buf)
    }
}

impl<R: Seek> Seek for BudgetReader<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        if self.budget.is_over() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, TimeUp));
        }
        self.inner.seek(pos)
    }
}

/// The error a [`LimitedReader`] gives past its cap.
#[derive(Debug)]
struct OverCap(u64);

impl std::fmt::Display for OverCap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "more than {} bytes", self.0)
    }
}

impl std::error::Error for OverCap {}

/// Reads at most `cap` bytes from `inner`, counting the bytes that really come out (not the
/// size anything declares). Getting one byte more is an error, and [`LimitedReader::exceeded`]
/// says so afterwards, whatever a parser on top made of the error.
#[derive(Debug)]
pub struct LimitedReader<R> {
    inner: R,
    count: u64,
    cap: u64,
}

impl<R> LimitedReader<R> {
    pub fn new(inner: R, cap: u64) -> Self {
        Self {
            inner,
            count: 0,
            cap,
        }
    }

    /// The bytes read so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Whether more than the cap was offered.
    pub fn exceeded(&self) -> bool {
        self.count > self.cap
    }
}

impl<R: Read> Read for LimitedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.exceeded() {
            return Err(io::Error::other(OverCap(self.cap)));
        }
        if buf.is_empty() {
            return Ok(0);
        }
        // Ask for at most one byte past the cap: enough to tell "exactly the cap" from "more".
        let room = (self.cap - self.count).saturating_add(1);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.count += n as u64;
        if self.exceeded() {
            return Err(io::Error::other(OverCap(self.cap)));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;
    use std::time::Duration;

    use super::*;

    fn drain<R: Read>(r: &mut R) -> io::Result<u64> {
        let mut buf = [0u8; 7];
        let mut total = 0;
        loop {
            match r.read(&mut buf)? {
                0 => return Ok(total),
                n => total += n as u64,
            }
        }
    }

    #[test]
    fn the_limited_reader_passes_up_to_its_cap() {
        for len in [0u64, 1, 99, 100] {
            let mut r = LimitedReader::new(io::repeat(b'a').take(len), 100);
            assert_eq!(drain(&mut r).unwrap(), len, "{len}");
            assert_eq!(r.count(), len);
            assert!(!r.exceeded());
        }
    }

    #[test]
    fn the_limited_reader_refuses_one_byte_more() {
        let mut r = LimitedReader::new(io::repeat(b'a').take(101), 100);
        let e = drain(&mut r).unwrap_err();
        assert!(e.to_string().contains("more than 100 bytes"), "{e}");
        assert!(r.exceeded());
        assert_eq!(r.count(), 101, "it reads one byte past the cap, no more");
        // And keeps refusing.
        assert!(r.read(&mut [0u8; 4]).is_err());
    }

    #[test]
    fn the_limited_reader_counts_what_comes_out_of_an_endless_source() {
        // A source that never ends (as a decompressor of a bomb seems to): the reader stops
        // at the cap, whatever the source claims.
        let mut r = LimitedReader::new(io::repeat(0), 1_000_000);
        assert!(drain(&mut r).is_err());
        assert_eq!(r.count(), 1_000_001);
        let mut r = LimitedReader::new(io::repeat(0), 0);
        assert!(drain(&mut r).is_err());
        assert_eq!(r.count(), 1);
        // A large read buffer does not read further than one byte past the cap.
        let mut r = LimitedReader::new(io::repeat(0), 10);
        let mut big = vec![0u8; 4096];
        assert_eq!(r.read(&mut big).unwrap_err().kind(), io::ErrorKind::Other);
        assert_eq!(r.count(), 11);
    }

    #[test]
    fn the_budget_reader_stops_when_the_budget_is_over() {
        let limits = ImportLimits::default();
        let budget = Budget::new(&limits);
        let mut r = BudgetReader::new(Cursor::new(vec![1u8; 64]), budget.clone());
        let mut buf = [0u8; 8];
        assert_eq!(r.read(&mut buf).unwrap(), 8);
        budget.cancel();
        let e = r.read(&mut buf).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(r.seek(SeekFrom::Start(0)).is_err());
        assert_eq!(budget.check().unwrap_err().limit, Limit::Time);
    }

    #[test]
    fn a_budget_runs_out_at_its_deadline() {
        let mut limits = ImportLimits::default();
        limits.time = Duration::ZERO;
        let budget = Budget::new(&limits);
        let refusal = budget.check().unwrap_err();
        assert_eq!((refusal.limit, refusal.value), (Limit::Time, 0));
        let mut limits = ImportLimits::default();
        limits.time = Duration::from_secs(3600);
        assert!(Budget::new(&limits).check().is_ok());
        // A time too large for the clock means no deadline rather than an overflow.
        limits.time = Duration::MAX;
        assert!(Budget::new(&limits).check().is_ok());
    }
}
