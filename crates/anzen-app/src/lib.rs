//! Use-cases of anzen and the storage ports they need.
//!
//! Every front door (CLI, JSON API, web UI) calls these use-cases; none touches storage
//! directly. Each use-case takes a [`Caller`] and checks what it may see or change before it
//! reads or writes anything.

pub mod caller;
pub mod catalogs;
pub mod clock;
pub mod contracts;
pub mod demo;
pub mod error;
pub mod offerings;
pub mod orgs;
pub mod ports;
pub mod supply;

use std::sync::Arc;

pub use caller::{Access, Caller};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AppError, StoreError};
pub use ports::Store;

/// The application: storage plus a clock, shared by every front door.
#[derive(Debug, Clone)]
pub struct App {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
}

impl App {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        Self { store, clock }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub(crate) fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }
}

/// A new time-ordered identifier (UUID v7).
pub(crate) fn new_uuid() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
