//! The receiver's paths and which of `layers`' rules each gets: `/feedback` (CORS, rate limit,
//! body limit), `/explorer…` (rate limit), `/healthz` and `/readyz` (neither, for load balancers).

mod feedback;
mod health;

use crate::config::Config;
use crate::db::Db;
use crate::layers::{self, ClientLimits, MAX_ANSWER_BYTES, REQUEST_TIMEOUT};
use crate::problem::Problem;
use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;
use tower::ServiceBuilder;

pub use feedback::read_answer;

/// What every handler can reach: the database and the settings. Nothing else: a receiver keeps
/// no state of its own, so any number can serve one PostgreSQL.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
}

/// The whole service.
pub fn router(state: AppState, limits: Option<Arc<ClientLimits>>) -> Router {
    let limited = |router: Router<AppState>| match &limits {
        Some(limits) => router.layer(from_fn_with_state(limits.clone(), layers::rate_limit)),
        None => router,
    };
    let feedback = Router::new()
        .route(
            "/feedback",
            post(feedback::receive).fallback(|| async { Problem::MethodNotAllowed { allow: "POST, OPTIONS" } }),
        )
        .layer(DefaultBodyLimit::max(MAX_ANSWER_BYTES));
    // CORS outside the rate limit, so a 429 reaches the page with its Retry-After readable.
    let feedback = limited(feedback).layer(layers::cors(&state.config));
    let explorer = limited(crate::explorer::router());
    let get_only = || async { Problem::MethodNotAllowed { allow: "GET" } };
    Router::new()
        .merge(feedback)
        .merge(explorer)
        .route("/healthz", get(health::healthz).fallback(get_only))
        .route("/readyz", get(health::readyz).fallback(get_only))
        .fallback(|| async { Problem::NotFound })
        .layer(
            ServiceBuilder::new()
                .layer(layers::trace())
                .layer(layers::security_headers())
                .layer(HandleErrorLayer::new(layers::timed_out))
                .timeout(REQUEST_TIMEOUT),
        )
        .with_state(state)
}
