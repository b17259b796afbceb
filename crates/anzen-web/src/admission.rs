//! Reads take turns so that writes are not starved. A write holds the database's write turn
//! (SQLite) or the audit chain's head (PostgreSQL) for its whole transaction, a few statements
//! long; when every core is busy serving reads, each of those statements waits behind them and
//! a write that costs 1 ms alone takes 5–10 ms, and every other writer queues behind it. So at
//! most a few reads run at once (a fair queue for the rest), while writes, the health and
//! readiness checks and the metrics never wait here. Measured with `scripts/load-mixed` (README).

use std::sync::Arc;

use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Semaphore;

/// The reads that may run at once. With 64 clients of mixed traffic on 2 cores
/// (`scripts/load-mixed`, SQLite): no limit gave p99 71 ms (writes 95 ms), 8 gave 53 ms
/// (writes 76 ms) at the same throughput, 4 starved the reads (p99 76 ms).
pub const READ_TURNS: usize = 8;

/// The probes a load balancer or a monitor polls: they never wait behind the reads (an
/// overloaded node still says how it is).
pub const UNQUEUED: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

/// A fair queue of turns for reads.
#[derive(Debug, Clone)]
pub struct ReadTurns(Arc<Semaphore>);

impl ReadTurns {
    pub fn new(permits: usize) -> Self {
        Self(Arc::new(Semaphore::new(permits.max(1))))
    }
}

/// Lets a read (GET or HEAD) through when it is its turn; everything else at once.
pub async fn take_turns(turns: ReadTurns, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let read = matches!(*req.method(), Method::GET | Method::HEAD)
        && !UNQUEUED.contains(&path)
        && !path.starts_with("/assets/");
    if !read {
        return next.run(req).await;
    }
    // The semaphore is never closed, so acquiring cannot fail.
    let _turn = turns.0.acquire().await.ok();
    next.run(req).await
}
