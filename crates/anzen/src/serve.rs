//! `anzen serve`: the web application and JSON API until SIGTERM or Ctrl-C, with graceful
//! shutdown and a worker for the database job queue (shared by every app node).

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use anzen_app::App;
use anzen_web::{Application, WebConfig};

use crate::config::Config;

pub async fn run(app: App, config: &Config) -> anyhow::Result<()> {
    let bind: SocketAddr = config.server.bind.parse().context("server.bind")?;
    config
        .server
        .check_exposure(bind)
        .map_err(crate::commands::bad_input)?;
    if config.server.proxied() && !config.server.public_url.starts_with("https://") {
        tracing::warn!(
            public_url = %config.server.public_url,
            "server.public_url is not https://: behind a TLS-ending proxy, set it to the proxy's \
             https:// address so that cookies are marked Secure and HSTS is sent"
        );
    }
    let mut web = WebConfig::new(bind, config.server.public_url.clone());
    web.metrics = config
        .metrics
        .access()
        .map_err(crate::commands::bad_input)?;
    web.trusted_proxies = config
        .server
        .trusted_proxy_ips()
        .map_err(crate::commands::bad_input)?;
    serve(app, web, |addr| {
        println!("anzen is listening on http://{addr}");
    })
    .await
}

/// Binds, reports the address, serves until a shutdown signal.
pub async fn serve(
    app: App,
    web: WebConfig,
    on_ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let server = Application::build(app.clone(), &web)
        .await
        .with_context(|| format!("cannot listen on {}", web.bind))?;
    // The recurring jobs are queued before the node says it is ready (once, however many
    // nodes start together: the queue's unique key decides).
    if let Err(e) = app.schedule_recurring_jobs().await {
        tracing::warn!(error = %e, "could not schedule the recurring jobs");
    }
    // The document engine's fonts and library are parsed before the first user asks for a PDF.
    tokio::task::spawn_blocking(anzen_render::warm_up);
    if let Some(addr) = server.metrics_addr() {
        println!("metrics: http://{addr}/metrics");
    }
    on_ready(server.local_addr()?);
    let cleaner = tokio::spawn(run_jobs(app.clone()));
    let verifier = tokio::spawn(verify_audit_regularly(app));
    let result = server
        .run_until(shutdown_signal())
        .await
        .context("the server stopped with an error");
    cleaner.abort();
    verifier.abort();
    tracing::info!("anzen stopped");
    result
}

/// Queues the recurring jobs and runs due ones, every 30 seconds. Every node does this;
/// the queue hands each job to one of them.
async fn run_jobs(app: App) {
    let worker = format!("{}-{}", std::process::id(), uuid_suffix());
    let mut tick = tokio::time::interval(Duration::from_secs(30));
    loop {
        tick.tick().await;
        app.mark_job_runner_alive();
        if let Err(e) = app.schedule_recurring_jobs().await {
            tracing::warn!(error = %e, "could not schedule the recurring jobs");
        }
        if let Err(e) = app.run_due_jobs(&worker).await {
            tracing::warn!(error = %e, "the job runner failed");
        }
    }
}

/// How often a node verifies the whole audit chain (the metrics report the last outcome).
const AUDIT_VERIFY_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Verifies the audit chain at start and then daily; a broken chain is logged as an error.
async fn verify_audit_regularly(app: App) {
    let mut tick = tokio::time::interval(AUDIT_VERIFY_EVERY);
    loop {
        tick.tick().await;
        match app.verify_audit().await {
            Ok(report) if report.is_intact() => {
                tracing::info!(entries = report.entries, "the audit chain verifies");
            }
            Ok(report) => tracing::error!(
                problems = %report.problems().join("; "),
                "the audit chain does not verify"
            ),
            Err(e) => tracing::warn!(error = %e, "could not verify the audit chain"),
        }
    }
}

fn uuid_suffix() -> String {
    anzen_app::accounts::secrets::random_token()
        .map(|t| t[..8].to_owned())
        .unwrap_or_default()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
