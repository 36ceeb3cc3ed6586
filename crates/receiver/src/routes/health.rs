//! Liveness and readiness, for load balancers and orchestrators: `/healthz` says the process
//! answers; `/readyz` says the database does too.

use super::AppState;
use crate::problem::Problem;
use axum::extract::State;
use std::time::Duration;

/// How long readiness waits for the database.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// The process is up and serving.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// The database answers `SELECT 1` in time: send answers here.
pub async fn readyz(State(state): State<AppState>) -> Result<&'static str, Problem> {
    match tokio::time::timeout(READY_TIMEOUT, state.db.ping()).await {
        Ok(Ok(())) => Ok("ready\n"),
        Ok(Err(error)) => {
            tracing::warn!(%error, "not ready");
            Err(Problem::Unavailable)
        }
        Err(_) => {
            tracing::warn!("not ready: the database did not answer in time");
            Err(Problem::Unavailable)
        }
    }
}
