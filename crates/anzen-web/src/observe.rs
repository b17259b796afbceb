//! One log line per request, and the request counts and latencies of the metrics.
//!
//! Each request carries an id: the caller's `x-request-id` when it is a plain token (letters,
//! digits, `-`, `_`, `.`, `:`; at most 128 characters), else a new one; it is echoed in the
//! response and names the span every log line of the request is written in. The line names
//! the route template (`/api/v1/risks/{id}`), never the path or query as sent, nor any
//! header: no id, token or cookie of the request reaches the log.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use anzen_app::ops::{Histogram, HistogramSnapshot};
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

pub const REQUEST_ID: &str = "x-request-id";

/// The route label of a request no route matched (bounded like every other label).
const UNMATCHED: &str = "(unmatched)";

/// The request's id: the caller's when it is a plain token, else a new one.
fn request_id(req: &Request) -> HeaderValue {
    let given = req
        .headers()
        .get(REQUEST_ID)
        .filter(|v| {
            let b = v.as_bytes();
            !b.is_empty()
                && b.len() <= 128
                && b.iter()
                    .all(|c| c.is_ascii_alphanumeric() || b"-_.:".contains(c))
        })
        .cloned();
    given.unwrap_or_else(|| {
        HeaderValue::from_str(&uuid::Uuid::now_v7().to_string())
            .unwrap_or_else(|_| HeaderValue::from_static("-"))
    })
}

/// Logs the request's line and, when `metrics` is set, counts it.
pub async fn observe(metrics: Option<Arc<HttpMetrics>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id(&req);
    let route: Arc<str> = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| Arc::from(UNMATCHED), |m| Arc::from(m.as_str()));
    let method = req.method().clone();
    let span = tracing::info_span!(
        "request",
        request_id = id.to_str().unwrap_or("-"),
        method = %method,
        route = &*route,
    );
    let mut res = next.run(req).instrument(span).await;
    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    let duration_ms = elapsed.as_secs_f64() * 1000.0;
    let request_id = id.to_str().unwrap_or("-");
    if status >= 500 {
        tracing::error!(request_id, %method, route = &*route, status, duration_ms, "request failed");
    } else {
        tracing::info!(request_id, %method, route = &*route, status, duration_ms, "request");
    }
    if let Some(m) = metrics {
        m.record(&method, &route, status, elapsed);
    }
    res.headers_mut().insert(REQUEST_ID, id);
    res
}

/// The requests of one route.
#[derive(Debug, Default)]
struct RouteStats {
    /// Per method: its latency histogram and its counts per status.
    methods: Mutex<Vec<MethodStats>>,
}

#[derive(Debug)]
struct MethodStats {
    method: Method,
    latency: Arc<Histogram>,
    statuses: Vec<(u16, u64)>,
}

/// Request counts and latencies per route template, method and status.
#[derive(Debug, Default)]
pub struct HttpMetrics {
    routes: RwLock<HashMap<Arc<str>, Arc<RouteStats>>>,
}

/// One row of the request metrics.
#[derive(Debug, Clone)]
pub struct RouteRow {
    pub method: String,
    pub route: String,
    pub statuses: Vec<(u16, u64)>,
    pub latency: HistogramSnapshot,
}

impl HttpMetrics {
    fn record(&self, method: &Method, route: &Arc<str>, status: u16, elapsed: std::time::Duration) {
        let known = self
            .routes
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(route)
            .cloned();
        let stats = known.unwrap_or_else(|| {
            self.routes
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .entry(route.clone())
                .or_default()
                .clone()
        });
        let latency = {
            let mut methods = stats
                .methods
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let i = match methods.iter().position(|m| m.method == method) {
                Some(i) => i,
                None => {
                    methods.push(MethodStats {
                        method: method.clone(),
                        latency: Arc::new(Histogram::new()),
                        statuses: Vec::new(),
                    });
                    methods.len() - 1
                }
            };
            let m = &mut methods[i];
            match m.statuses.iter_mut().find(|(s, _)| *s == status) {
                Some((_, n)) => *n += 1,
                None => m.statuses.push((status, 1)),
            }
            m.latency.clone()
        };
        latency.observe(elapsed);
    }

    /// Every route and method seen, sorted.
    pub fn rows(&self) -> Vec<RouteRow> {
        let routes = self
            .routes
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut rows = Vec::new();
        for (route, stats) in routes.iter() {
            let methods = stats
                .methods
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            for m in methods.iter() {
                let mut statuses = m.statuses.clone();
                statuses.sort_unstable();
                rows.push(RouteRow {
                    method: m.method.to_string(),
                    route: route.to_string(),
                    statuses,
                    latency: m.latency.snapshot(),
                });
            }
        }
        rows.sort_by(|a, b| (&a.route, &a.method).cmp(&(&b.route, &b.method)));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_id(id: &str) -> Request {
        Request::builder()
            .header(REQUEST_ID, id)
            .body(axum::body::Body::empty())
            .unwrap()
    }

    #[test]
    fn a_plain_request_id_is_kept_and_anything_else_replaced() {
        assert_eq!(request_id(&with_id("abc-123_x.y:z")), "abc-123_x.y:z");
        for bad in ["a b", "a\"b", "{\"x\":1}", &"x".repeat(129)] {
            let id = request_id(&with_id(bad));
            assert_ne!(id, bad);
            assert_eq!(id.len(), 36, "a new UUID");
        }
    }

    #[test]
    fn requests_are_counted_per_route_method_and_status() {
        let m = HttpMetrics::default();
        let route: Arc<str> = Arc::from("/api/v1/risks/{id}");
        let ms = std::time::Duration::from_millis(1);
        m.record(&Method::GET, &route, 200, ms);
        m.record(&Method::GET, &route, 200, ms);
        m.record(&Method::GET, &route, 404, ms);
        m.record(&Method::POST, &route, 201, ms);
        let rows = m.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].method, "GET");
        assert_eq!(rows[0].statuses, vec![(200, 2), (404, 1)]);
        assert_eq!(rows[0].latency.count, 3);
        assert_eq!(rows[1].statuses, vec![(201, 1)]);
    }
}
