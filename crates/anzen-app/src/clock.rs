//! The clock, injected so that use-case tests are deterministic.

use jiff::Timestamp;

/// Where the current time comes from.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> Timestamp;
}

/// The system clock, truncated to microseconds (the precision stored in the database).
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        truncate_to_micros(Timestamp::now())
    }
}

/// A clock that always gives the same instant (tests, demo data).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

/// Drops sub-microsecond digits so a timestamp survives a round trip through storage.
pub fn truncate_to_micros(ts: Timestamp) -> Timestamp {
    let micros = ts.as_microsecond();
    Timestamp::from_microsecond(micros).expect("a valid timestamp stays valid when truncated")
}
