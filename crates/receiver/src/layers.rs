//! The rules every request meets, in one place: tracing, security headers, the request timeout,
//! the answer's body limit, CORS for partner origins and per-client rate limits. `routes` applies
//! them; this file is where to read what the service promises.

use crate::config::{Config, RateLimit};
use crate::problem::Problem;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{CONTENT_TYPE, REFERRER_POLICY, RETRY_AFTER, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Largest body an answer may have. A real one is under 1 kB; a 500-character comment written
/// entirely as JSON `\u` escapes of surrogate pairs is about 6 kB.
pub const MAX_ANSWER_BYTES: usize = 16 * 1024;

/// Largest body of the explorer's sign-in form.
pub const MAX_FORM_BYTES: usize = 4 * 1024;

/// How long a request may take, reading its body included: more than any query needs, less than
/// a client waits.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a browser may reuse a preflight's answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(60 * 60);

/// One log line per request (method, path, status, latency), never a body or a query's values.
pub fn trace() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, impl Fn(&Request) -> tracing::Span + Clone> {
    TraceLayer::new_for_http()
        .make_span_with(|request: &Request| {
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        })
        .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Micros))
}

/// Headers every response carries: no MIME sniffing, no referrer.
pub fn security_headers() -> (SetResponseHeaderLayer<HeaderValue>, SetResponseHeaderLayer<HeaderValue>) {
    (
        SetResponseHeaderLayer::overriding(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        SetResponseHeaderLayer::overriding(REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
    )
}

/// Answers a request that took longer than [`REQUEST_TIMEOUT`] (tower's `Timeout` fails it).
pub async fn timed_out(_: tower::BoxError) -> Problem {
    Problem::Timeout
}

/// CORS for `POST /feedback` from the configured partner origins: the preflight a JSON POST needs
/// (method POST, header Content-Type), no credentials (the widget sends none), and `Retry-After`
/// readable by the page, so a widget can honour a 429's wait.
pub fn cors(config: &Config) -> CorsLayer {
    let origins: Vec<HeaderValue> =
        config.allowed_origins.iter().filter_map(|origin| HeaderValue::from_str(origin).ok()).collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST])
        .allow_headers([CONTENT_TYPE])
        .expose_headers([RETRY_AFTER])
        .max_age(PREFLIGHT_MAX_AGE)
}

/// Per-client rate limits: each client address has its own allowance (GCRA, as a token bucket
/// that refills steadily). Held in memory by each receiver; behind a load balancer each instance
/// limits what reaches it.
pub struct ClientLimits {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    /// Where a load balancer writes the client's address, if the operator said so.
    header: Option<HeaderName>,
}

impl ClientLimits {
    pub fn new(limit: RateLimit, header: Option<HeaderName>) -> Self {
        let quota = Quota::per_minute(limit.per_minute).allow_burst(limit.burst);
        Self { limiter: RateLimiter::keyed(quota), header }
    }

    /// The client's address: the last one in the configured header (the one the load balancer
    /// added), else the connection's peer.
    fn client(&self, request: &Request, peer: IpAddr) -> IpAddr {
        self.header
            .as_ref()
            .and_then(|name| request.headers().get(name))
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.rsplit(',').next())
            .and_then(|last| last.trim().parse().ok())
            .unwrap_or(peer)
    }

    /// Takes one request from the client's allowance, or says how many seconds until it has one.
    pub fn check(&self, client: IpAddr) -> Result<(), u64> {
        self.limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }

    /// Forgets clients whose allowance is full again, so memory follows the active clients.
    pub fn forget_idle(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// The rate-limit middleware: 429 with `Retry-After` once a client's allowance is spent.
pub async fn rate_limit(
    State(limits): State<Arc<ClientLimits>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let client = limits.client(&request, peer.ip());
    match limits.check(client) {
        Ok(()) => next.run(request).await,
        Err(retry_after_secs) => {
            tracing::info!(%client, retry_after_secs, "rate limited");
            Problem::TooManyRequests { retry_after_secs }.into_response()
        }
    }
}
