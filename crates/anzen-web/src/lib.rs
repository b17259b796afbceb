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
pub mod i18n;
mod security;
pub mod ui;
pub mod upload;

use std::net::SocketAddr;
use std::time::Duration;

use anzen_app::App;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::{ApiError, PageError};

/// How the web front door is set up.
#[derive(Debug, Clone)]
pub struct WebConfig {
    pub bind: SocketAddr,
    /// The address users reach anzen at; `https://` turns on Secure cookies and HSTS.
    pub public_url: String,
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
}

/// Builds the whole router: UI pages, JSON API, assets and health check, with the security
/// headers, a body limit, a timeout and panic catching.
pub fn build_router(state: AppState) -> Router {
    let secure = state.secure;
    let turns = admission::ReadTurns::new(admission::READ_TURNS);
    let limit_state = state.clone();
    Router::new()
        .merge(ui::guarded(ui::routes(), state.clone()))
        .nest("/api/v1", api::routes())
        .merge(assets::routes())
        .route("/healthz", axum::routing::get(healthz))
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
        .layer(TraceLayer::new_for_http())
}

async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match state.app.store().ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: the database does not answer");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable\n",
            )
                .into_response()
        }
    }
}

/// The server: a bound listener and the router. Binding first lets tests use port 0 and
/// read the port back.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    router: Router,
}

impl Application {
    pub async fn build(app: App, config: &WebConfig) -> std::io::Result<Self> {
        let listener = TcpListener::bind(config.bind).await?;
        let router = build_router(AppState {
            app,
            secure: config.secure(),
        });
        Ok(Self { listener, router })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    }
}
