//! anzen's HTTP front door: the JSON API under `/api/v1` and the server-rendered UI.
//! Every handler calls the use-cases of `anzen-app`; none touches storage.

mod admission;
pub mod api;
mod assets;
mod cookies;
mod csrf;
pub mod dates;
mod error;
mod extract;
mod health;
pub mod i18n;
pub mod metrics;
pub mod observe;
mod security;
pub mod ui;
pub mod upload;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anzen_app::App;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::{ApiError, PageError};
pub use metrics::MetricsAccess;

/// How the web front door is set up.
#[derive(Debug, Clone)]
pub struct WebConfig {
    pub bind: SocketAddr,
    /// The address users reach anzen at; `https://` turns on Secure cookies and HSTS.
    pub public_url: String,
    /// `/metrics`: off when `None`.
    pub metrics: Option<MetricsAccess>,
    /// The reverse proxies whose `X-Forwarded-For` names the client (sign-in throttling).
    pub trusted_proxies: Vec<IpAddr>,
}

impl WebConfig {
    /// Listens on `bind` for `public_url`, without metrics or trusted proxies.
    pub fn new(bind: SocketAddr, public_url: impl Into<String>) -> Self {
        Self {
            bind,
            public_url: public_url.into(),
            metrics: None,
            trusted_proxies: Vec::new(),
        }
    }
}

impl WebConfig {
    pub fn secure(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    pub app: App,
    /// Mark cookies Secure and send HSTS (anzen is reached over TLS).
    pub secure: bool,
    /// The metrics kept and who reads them; `None`: off.
    pub metrics: Option<Arc<metrics::Metrics>>,
    /// Peers whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Arc<[IpAddr]>,
}

/// Builds the whole router: UI pages, JSON API, assets, health and readiness checks (and the
/// metrics when they are served on the main address), with the security headers, a body
/// limit, a timeout, panic catching and a log line per request.
pub fn build_router(state: AppState) -> Router {
    let secure = state.secure;
    let turns = admission::ReadTurns::new(admission::READ_TURNS);
    let limit_state = state.clone();
    let http_metrics = state.metrics.as_ref().map(|m| m.http.clone());
    let mut router = Router::new()
        .merge(ui::guarded(ui::routes(), state.clone()))
        .nest("/api/v1", api::routes())
        .merge(assets::routes())
        .route("/healthz", axum::routing::get(health::healthz))
        .route("/readyz", axum::routing::get(health::readyz));
    if state
        .metrics
        .as_ref()
        .is_some_and(|m| m.access.bind.is_none())
    {
        router = router.route("/metrics", axum::routing::get(metrics::handler));
    }
    router
        .fallback(ui::not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn(move |req, next| {
            admission::take_turns(turns.clone(), req, next)
        }))
        .layer(axum::middleware::from_fn(move |req, next| {
            security::headers(secure, req, next)
        }))
        .layer(axum::middleware::from_fn_with_state(
            limit_state,
            upload::body_limit,
        ))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(axum::middleware::from_fn(move |req, next| {
            observe::observe(http_metrics.clone(), req, next)
        }))
}

/// The router of the metrics' own address: `/metrics` alone.
fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", axum::routing::get(metrics::handler))
        .with_state(state)
}

/// The server: a bound listener and the router. Binding first lets tests use port 0 and
/// read the port back.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    router: Router,
    /// The metrics' own address and router, when they have one.
    metrics: Option<(TcpListener, Router)>,
}

impl Application {
    pub async fn build(app: App, config: &WebConfig) -> std::io::Result<Self> {
        let listener = TcpListener::bind(config.bind).await?;
        let state = AppState {
            app,
            secure: config.secure(),
            metrics: config.metrics.clone().map(|access| {
                Arc::new(metrics::Metrics {
                    http: Arc::default(),
                    access,
                })
            }),
            trusted_proxies: config.trusted_proxies.clone().into(),
        };
        let metrics = match config.metrics.as_ref().and_then(|m| m.bind) {
            Some(bind) => Some((
                TcpListener::bind(bind).await?,
                metrics_router(state.clone()),
            )),
            None => None,
        };
        let router = build_router(state);
        Ok(Self {
            listener,
            router,
            metrics,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The metrics' own address, when they have one.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|(l, _)| l.local_addr().ok())
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let metrics = self.metrics.map(|(listener, router)| {
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, router).await {
                    tracing::error!(error = %e, "the metrics server stopped");
                }
            })
        });
        let result = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        if let Some(task) = metrics {
            task.abort();
        }
        result
    }
}
