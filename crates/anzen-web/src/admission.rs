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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use axum::Router;
    use axum::body::Body;
    use axum::http::StatusCode;
    use tower::ServiceExt;

    use super::*;

    #[tokio::test]
    async fn the_probes_answer_while_every_read_turn_is_taken() {
        let turns = ReadTurns::new(1);
        let held = turns.0.clone().acquire_owned().await.unwrap();
        let t = turns.clone();
        let app = Router::new()
            .fallback(|| async { "ok" })
            .layer(axum::middleware::from_fn(move |req, next| {
                take_turns(t.clone(), req, next)
            }));
        let get = |path: &str| {
            let req = Request::builder().uri(path).body(Body::empty()).unwrap();
            tokio::time::timeout(Duration::from_millis(500), app.clone().oneshot(req))
        };
        for probe in UNQUEUED {
            let res = get(probe).await.expect(probe).unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{probe}");
        }
        assert!(
            get("/risks").await.is_err(),
            "an ordinary read waits its turn"
        );
        drop(held);
        assert_eq!(
            get("/risks").await.unwrap().unwrap().status(),
            StatusCode::OK
        );
    }
}
