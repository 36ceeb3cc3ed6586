//! The NHS login help widget's feedback receiver: takes "Was this helpful?" answers (`POST
//! /feedback`), checks them with the widget's own rules, stores each once in SQLite or PostgreSQL,
//! and serves the feedback explorer for content designers (`/explorer`).
//!
//! Layers, from the outside in: [`config`] (the environment), [`layers`] (limits, CORS, timeouts,
//! tracing), [`routes`] and [`explorer`] (thin handlers), [`problem`] (every error as RFC 9457),
//! [`db`] (named queries). `widget` is the one place the widget's crate is named.

pub mod config;
pub mod db;
pub mod explorer;
pub mod layers;
pub mod problem;
pub mod routes;
mod widget;

use config::Config;
use db::Db;
use layers::ClientLimits;
use routes::AppState;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// How often the rate limiter forgets clients that have been quiet.
const FORGET_IDLE_EVERY: Duration = Duration::from_secs(60);

/// A receiver connected to its database, ready to serve.
pub struct Receiver {
    db: Db,
    config: Arc<Config>,
}

impl Receiver {
    /// Connects to the configured database and brings its schema up to date.
    pub async fn connect(config: Config) -> Result<Self, sqlx::Error> {
        let db = Db::connect(&config.database, config.database_max_connections).await?;
        Ok(Self { db, config: Arc::new(config) })
    }

    /// The database, for tests and tools that check what was stored.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Serves on `listener` until `shutdown` completes, then stops accepting, lets requests in
    /// flight finish and closes the database.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let limits = self
            .config
            .rate_limit
            .map(|limit| Arc::new(ClientLimits::new(limit, self.config.client_ip_header.clone())));
        if let Some(limits) = limits.clone() {
            tokio::spawn(async move {
                let mut every = tokio::time::interval(FORGET_IDLE_EVERY);
                loop {
                    every.tick().await;
                    limits.forget_idle();
                }
            });
        }
        let state = AppState { db: self.db.clone(), config: self.config.clone() };
        let app = routes::router(state, limits);
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await?;
        self.db.close().await;
        Ok(())
    }
}
