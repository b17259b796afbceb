//! `anzen serve`: the web application and JSON API until SIGTERM or Ctrl-C, with graceful
//! shutdown and a periodic clean-up of expired sessions (idempotent, so several app nodes
//! sharing one database may all run it).

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use anzen_app::App;
use anzen_web::{Application, WebConfig};

use crate::config::Config;

pub async fn run(app: App, config: &Config) -> anyhow::Result<()> {
    let bind: SocketAddr = config.server.bind.parse().context("server.bind")?;
    let web = WebConfig {
        bind,
        public_url: config.server.public_url.clone(),
    };
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
    on_ready(server.local_addr()?);
    let cleaner = tokio::spawn(clean_sessions(app));
    let result = server
        .run_until(shutdown_signal())
        .await
        .context("the server stopped with an error");
    cleaner.abort();
    tracing::info!("anzen stopped");
    result
}

async fn clean_sessions(app: App) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        let now = app.now();
        let idle_before = now.checked_sub(app.settings().session_idle).unwrap_or(now);
        match app.store().delete_expired_sessions(now, idle_before).await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "removed expired sessions"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
    }
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
