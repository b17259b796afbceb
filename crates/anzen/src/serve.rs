//! `anzen serve`: the web application and JSON API until SIGTERM or Ctrl-C, with graceful
//! shutdown (bounded by [`SHUTDOWN_GRACE`]) and a worker for the database job queue (shared by
//! every app node).

use std::net::SocketAddr;
use std::time::Duration;

use tokio::sync::watch;

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

/// How long a stopping server waits for the requests in flight, the running document jobs
/// and the queue job it runs before it gives up on them (the systemd unit's `TimeoutStopSec`
/// is longer). A queue job cut short is claimed again by a node once its lease ends.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(25);

/// Binds, reports the address, serves until a shutdown signal (SIGTERM or SIGINT). Then it
/// stops accepting connections, lets the requests in flight, the document jobs rendering and
/// the queue job running finish (within [`SHUTDOWN_GRACE`]) and returns: `Ok` when all of
/// them finished, an error naming what was left otherwise. A second signal stops at once.
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
    let mut signals = Signals::new()?;
    if let Some(addr) = server.metrics_addr() {
        println!("metrics: http://{addr}/metrics");
    }
    on_ready(server.local_addr()?);
    let verifier = tokio::spawn(verify_audit_regularly(app.clone()));
    let (stop, stopping) = watch::channel(false);
    let mut worker = tokio::spawn(run_jobs(app.clone(), stopping.clone()));
    let mut server = tokio::spawn(server.run_until(stopped(stopping)));
    tokio::select! {
        result = &mut server => {
            // The server ended without being asked to: an error of the listener.
            stop.send_replace(true);
            worker.abort();
            verifier.abort();
            return match result {
                Ok(r) => r.context("the server stopped with an error"),
                Err(e) => Err(anyhow::anyhow!("the server stopped: {e}")),
            };
        }
        () = signals.recv() => {}
    }
    stop.send_replace(true);
    verifier.abort();
    tracing::info!(
        "shutting down: no new connections; finishing the requests in flight, the document \
         jobs rendering and the queue job running (at most {} s)",
        SHUTDOWN_GRACE.as_secs()
    );
    let drain = async {
        let (served, _) = tokio::join!(&mut server, &mut worker);
        // A request finished above may have started a document job.
        let rendering = app.document_jobs_rendering();
        if rendering > 0 {
            tracing::info!(
                "requests finished; waiting for {rendering} document job(s) still rendering"
            );
        }
        app.wait_for_document_jobs().await;
        served
    };
    tokio::select! {
        served = tokio::time::timeout(SHUTDOWN_GRACE, drain) => match served {
            Ok(served) => {
                tracing::info!("anzen stopped");
                match served {
                    Ok(r) => r.context("the server stopped with an error"),
                    Err(e) => Err(anyhow::anyhow!("the server stopped: {e}")),
                }
            }
            Err(_) => Err(anyhow::anyhow!(
                "stopped after {} s with work unfinished: {}",
                SHUTDOWN_GRACE.as_secs(),
                unfinished(&app, &server, &worker)
            )),
        },
        () = signals.recv() => Err(anyhow::anyhow!(
            "stopped at a second signal with work unfinished: {}",
            unfinished(&app, &server, &worker)
        )),
    }
}

/// What a stop left unfinished, for its message.
fn unfinished(
    app: &App,
    server: &tokio::task::JoinHandle<std::io::Result<()>>,
    worker: &tokio::task::JoinHandle<()>,
) -> String {
    let mut left = Vec::new();
    if !server.is_finished() {
        left.push("requests in flight".to_owned());
    }
    let rendering = app.document_jobs_rendering();
    if rendering > 0 {
        left.push(format!(
            "{rendering} document job(s) rendering (nothing issued)"
        ));
    }
    if !worker.is_finished() {
        left.push("a queue job (another node claims it again when its lease ends)".to_owned());
    }
    left.join(", ")
}

/// Resolves once the server is told to stop.
async fn stopped(mut stopping: watch::Receiver<bool>) {
    let _ = stopping.wait_for(|s| *s).await;
}

/// Queues the recurring jobs and runs due ones, every 30 seconds, until told to stop: a job
/// running then is finished, and no other is claimed. Every node does this; the queue hands
/// each job to one of them.
async fn run_jobs(app: App, mut stopping: watch::Receiver<bool>) {
    let worker = format!("{}-{}", std::process::id(), uuid_suffix());
    let mut tick = tokio::time::interval(Duration::from_secs(30));
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stopping.wait_for(|s| *s) => return,
        }
        app.mark_job_runner_alive();
        if let Err(e) = app.schedule_recurring_jobs().await {
            tracing::warn!(error = %e, "could not schedule the recurring jobs");
        }
        let keep_going = || !*stopping.borrow();
        if let Err(e) = app.run_due_jobs_while(&worker, &keep_going).await {
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

/// SIGTERM and SIGINT (Ctrl-C), listened for from creation: a signal that arrives while the
/// server starts is not lost (nor does it kill the process before its stop can be graceful).
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> anyhow::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                term: signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?,
                int: signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    /// The next signal.
    async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.term.recv() => {},
            _ = self.int.recv() => {},
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
