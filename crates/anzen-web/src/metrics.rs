//! `/metrics`: the Prometheus text format (version 0.0.4), written by hand (no library: a
//! few counters, gauges and histograms). Off unless configured; then served on a separate
//! address, or on the main one behind a bearer token (see [`MetricsAccess`]).

use std::fmt::Write as _;
use std::sync::Arc;

use anzen_app::ops::{self, BUCKETS, HistogramSnapshot};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::observe::HttpMetrics;

/// Who may read the metrics.
#[derive(Clone, Default)]
pub struct MetricsAccess {
    /// Serve them on this address only (not on the main one).
    pub bind: Option<std::net::SocketAddr>,
    /// Ask for `Authorization: Bearer TOKEN`.
    pub token: Option<String>,
}

impl std::fmt::Debug for MetricsAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetricsAccess")
            .field("bind", &self.bind)
            .field("token", &self.token.as_ref().map(|_| "***"))
            .finish()
    }
}

/// The metrics a server keeps and who may read them.
#[derive(Debug)]
pub struct Metrics {
    pub http: Arc<HttpMetrics>,
    pub access: MetricsAccess,
}

/// GET /metrics.
pub async fn handler(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(metrics) = &state.metrics else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if let Some(token) = &metrics.access.token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        if !bool::from(given.as_bytes().ct_eq(token.as_bytes())) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "the metrics need the configured token (Authorization: Bearer …)\n",
            )
                .into_response();
        }
    }
    let text = render(&state, &metrics.http).await;
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// The whole exposition.
pub async fn render(state: &AppState, http: &HttpMetrics) -> String {
    let mut out = String::with_capacity(8192);
    let rows = http.rows();
    family(
        &mut out,
        "anzen_http_requests_total",
        "counter",
        "HTTP requests by route template, method and status.",
    );
    for r in &rows {
        for (status, n) in &r.statuses {
            let labels = format!(
                "method=\"{}\",route=\"{}\",status=\"{status}\"",
                r.method,
                escape(&r.route)
            );
            let _ = writeln!(out, "anzen_http_requests_total{{{labels}}} {n}");
        }
    }
    family(
        &mut out,
        "anzen_http_request_duration_seconds",
        "histogram",
        "HTTP request latency by route template and method.",
    );
    for r in &rows {
        let labels = format!("method=\"{}\",route=\"{}\"", r.method, escape(&r.route));
        histogram(
            &mut out,
            "anzen_http_request_duration_seconds",
            &labels,
            &r.latency,
        );
    }

    let pool = state.app.store().pool_use();
    family(
        &mut out,
        "anzen_db_pool_connections",
        "gauge",
        "Database connections of the pool, by state.",
    );
    let _ = writeln!(
        out,
        "anzen_db_pool_connections{{state=\"idle\"}} {}",
        pool.idle
    );
    let _ = writeln!(
        out,
        "anzen_db_pool_connections{{state=\"in_use\"}} {}",
        pool.open.saturating_sub(pool.idle)
    );
    gauge(
        &mut out,
        "anzen_db_pool_max_connections",
        "The most connections the pool opens.",
        pool.max,
    );
    family(
        &mut out,
        "anzen_db_acquire_wait_seconds",
        "histogram",
        "Time waited for a database connection (a write: for its turn and its connection).",
    );
    histogram(
        &mut out,
        "anzen_db_acquire_wait_seconds",
        "kind=\"read\"",
        &ops::DB_WAIT_READ.snapshot(),
    );
    histogram(
        &mut out,
        "anzen_db_acquire_wait_seconds",
        "kind=\"write\"",
        &ops::DB_WAIT_WRITE.snapshot(),
    );

    let (rendering, done, failed) = state.app.document_job_counts();
    family(
        &mut out,
        "anzen_document_jobs",
        "gauge",
        "Document jobs kept by this node, by state (rendering: the queue).",
    );
    let _ = writeln!(
        out,
        "anzen_document_jobs{{state=\"rendering\"}} {rendering}"
    );
    let _ = writeln!(out, "anzen_document_jobs{{state=\"done\"}} {done}");
    let _ = writeln!(out, "anzen_document_jobs{{state=\"failed\"}} {failed}");
    gauge(
        &mut out,
        "anzen_document_jobs_limit",
        "Document jobs that render at once on a node.",
        anzen_app::documents::JOBS_AT_ONCE,
    );
    counter(
        &mut out,
        "anzen_document_jobs_started_total",
        "Document jobs started.",
        ops::DOCUMENT_JOBS_STARTED.get(),
    );
    counter(
        &mut out,
        "anzen_document_jobs_failed_total",
        "Document jobs that issued nothing.",
        ops::DOCUMENT_JOBS_FAILED.get(),
    );

    counter(
        &mut out,
        "anzen_mails_sent_total",
        "Mails accepted by the mail server.",
        ops::MAILS_SENT.get(),
    );
    counter(
        &mut out,
        "anzen_mails_failed_total",
        "Mails that could not be sent (retried by the job queue).",
        ops::MAILS_FAILED.get(),
    );

    match state.app.store().audit_head_snapshot().await {
        Ok(s) => gauge(
            &mut out,
            "anzen_audit_chain_entries",
            "Entries in the audit chain.",
            s.newest_seq,
        ),
        Err(e) => tracing::warn!(error = %e, "metrics: cannot read the audit chain's length"),
    }
    if let Some(v) = ops::last_audit_verification() {
        gauge(
            &mut out,
            "anzen_audit_last_verification_timestamp_seconds",
            "When this process last verified the audit chain (Unix time).",
            v.at,
        );
        gauge(
            &mut out,
            "anzen_audit_last_verification_ok",
            "1 when that verification found the chain intact, 0 when not.",
            u8::from(v.intact),
        );
        gauge(
            &mut out,
            "anzen_audit_last_verification_entries",
            "The entries that verification covered.",
            v.entries,
        );
    }
    if let Some(t) = state.app.job_runner_last_beat() {
        gauge(
            &mut out,
            "anzen_job_runner_last_round_timestamp_seconds",
            "When the job runner last started a round (Unix time).",
            t,
        );
    }
    out
}

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

fn gauge(out: &mut String, name: &str, help: &str, value: impl std::fmt::Display) {
    family(out, name, "gauge", help);
    let _ = writeln!(out, "{name} {value}");
}

fn counter(out: &mut String, name: &str, help: &str, value: u64) {
    family(out, name, "counter", help);
    let _ = writeln!(out, "{name} {value}");
}

fn histogram(out: &mut String, name: &str, labels: &str, h: &HistogramSnapshot) {
    for (bound, n) in BUCKETS.iter().zip(h.cumulative) {
        let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {n}");
    }
    let _ = writeln!(out, "{name}_bucket{{{labels},le=\"+Inf\"}} {}", h.count);
    let _ = writeln!(out, "{name}_sum{{{labels}}} {}", h.sum_seconds);
    let _ = writeln!(out, "{name}_count{{{labels}}} {}", h.count);
}

/// A label value: backslash, double quote and line feed escaped.
fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }

    #[test]
    fn a_histogram_ends_with_inf_sum_and_count() {
        let h = anzen_app::ops::Histogram::new();
        h.observe(std::time::Duration::from_millis(2));
        let mut out = String::new();
        histogram(&mut out, "x_seconds", "k=\"v\"", &h.snapshot());
        assert!(
            out.contains("x_seconds_bucket{k=\"v\",le=\"0.001\"} 0\n"),
            "{out}"
        );
        assert!(
            out.contains("x_seconds_bucket{k=\"v\",le=\"0.0025\"} 1\n"),
            "{out}"
        );
        assert!(
            out.contains("x_seconds_bucket{k=\"v\",le=\"+Inf\"} 1\n"),
            "{out}"
        );
        assert!(out.contains("x_seconds_count{k=\"v\"} 1\n"), "{out}");
    }
}
