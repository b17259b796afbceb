//! `/healthz` (the process answers and reaches its database) and `/readyz` (this node can
//! serve: the database answers, every migration of this build is applied, the job runner
//! runs). Neither needs a sign-in nor waits in the queue of reads (`admission`).

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::AppState;

/// How long a check may take before it counts as failed.
const CHECK_TIMEOUT: Duration = Duration::from_secs(3);
/// The job runner starts a round every 30 s; one not seen for this long is stuck or gone.
pub const JOB_RUNNER_STALE_AFTER_SECS: i64 = 300;

pub async fn healthz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(CHECK_TIMEOUT, state.app.store().ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ok\n").into_response(),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response(),
    }
}

/// 200 `{"status":"ready","checks":{…}}` when every check passes; else 503 with
/// `"status":"not_ready"` and `not_ready` naming the checks that failed.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let store = state.app.store();
    let mut checks = Map::new();
    let database = match tokio::time::timeout(CHECK_TIMEOUT, store.ping()).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: the database does not answer");
            Err("unreachable".to_owned())
        }
        Err(_) => Err(format!("no answer within {} s", CHECK_TIMEOUT.as_secs())),
    };
    let migrations = match &database {
        Err(_) => Err("unknown: the database does not answer".to_owned()),
        Ok(()) => match tokio::time::timeout(CHECK_TIMEOUT, store.unapplied_migrations()).await {
            Ok(Ok(pending)) if pending.is_empty() => Ok(()),
            Ok(Ok(pending)) => Err(format!(
                "{} not applied ({}); run `anzen migrate`",
                pending.len(),
                pending
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "readiness: cannot read the applied migrations");
                Err("cannot be read".to_owned())
            }
            Err(_) => Err(format!("no answer within {} s", CHECK_TIMEOUT.as_secs())),
        },
    };
    let job_runner = match state.app.job_runner_last_beat() {
        None => Err("not started".to_owned()),
        Some(t) => {
            let ago = anzen_app::ops::unix_now() - t;
            if ago > JOB_RUNNER_STALE_AFTER_SECS {
                Err(format!("no round for {ago} s"))
            } else {
                Ok(())
            }
        }
    };
    let mut not_ready = Vec::new();
    for (name, result) in [
        ("database", database),
        ("migrations", migrations),
        ("job_runner", job_runner),
    ] {
        match result {
            Ok(()) => {
                checks.insert(name.to_owned(), json!("ok"));
            }
            Err(why) => {
                checks.insert(name.to_owned(), json!(why));
                not_ready.push(name);
            }
        }
    }
    if not_ready.is_empty() {
        (
            StatusCode::OK,
            Json(json!({"status": "ready", "checks": Value::Object(checks)})),
        )
            .into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({
                "status": "not_ready",
                "not_ready": not_ready,
                "checks": Value::Object(checks),
            })),
        )
            .into_response()
    }
}
