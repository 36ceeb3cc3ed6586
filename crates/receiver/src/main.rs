//! `nhs-login-help-receiver`: reads its configuration from the environment, starts logging,
//! connects to the database and serves until SIGTERM or Ctrl-C, finishing requests in flight.

use nhs_login_help_receiver::config::{Config, LogFormat, HELP};
use nhs_login_help_receiver::Receiver;
use std::process::ExitCode;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    if let Some(flag) = std::env::args().nth(1) {
        match flag.as_str() {
            "--help" | "-h" => print!("{HELP}"),
            "--version" | "-V" => println!("nhs-login-help-receiver {}", env!("CARGO_PKG_VERSION")),
            other => {
                eprintln!("error: unknown argument {other:?}; configuration is by environment variable\n\n{HELP}");
                return ExitCode::from(2);
            }
        }
        return ExitCode::SUCCESS;
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}\n(see nhs-login-help-receiver --help)");
            return ExitCode::from(2);
        }
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    match config.log_format {
        LogFormat::Text => tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
            .init(),
        LogFormat::Json => tracing_subscriber::fmt().json().with_env_filter(filter).init(),
    }
    let listener = match TcpListener::bind(config.listen).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(listen = %config.listen, %error, "cannot listen (LISTEN)");
            return ExitCode::FAILURE;
        }
    };
    let receiver = match Receiver::connect(config.clone()).await {
        Ok(receiver) => receiver,
        Err(error) => {
            tracing::error!(%error, "cannot open the database (DATABASE_URL)");
            return ExitCode::FAILURE;
        }
    };
    if config.allowed_origins.is_empty() {
        tracing::warn!("ALLOWED_ORIGINS is empty: browsers on partner pages cannot send feedback here");
    }
    let address = listener.local_addr().map(|address| address.to_string()).unwrap_or_default();
    tracing::info!(
        %address,
        database = receiver.db().backend(),
        explorer = config.explorer_token.is_some(),
        origins = config.allowed_origins.len(),
        "listening on http://{address}"
    );
    match receiver.serve(listener, shutdown_signal()).await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!(%error, "server failed");
            ExitCode::FAILURE
        }
    }
}

/// Completes on SIGTERM (how orchestrators stop a service) or Ctrl-C.
async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
