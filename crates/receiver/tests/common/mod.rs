//! The integration tests' harness: a real receiver serving on 127.0.0.1 (an ephemeral port) over
//! a real database, driven by a real HTTP client. The database is a new SQLite file, or, when
//! `RECEIVER_TEST_DATABASE=postgres` (scripts/receiver-test.sh sets it), a new database on the
//! PostgreSQL server at `RECEIVER_TEST_POSTGRES_URL`; asked for PostgreSQL and given none, the
//! tests fail rather than skip.
#![allow(dead_code)]

use nhs_login_help_receiver::config::{Config, Database};
use nhs_login_help_receiver::db::Db;
use nhs_login_help_receiver::Receiver;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The explorer token the tests configure.
pub const TOKEN: &str = "test-token-0123456789abcdef";

/// The partner origin the tests allow.
pub const PARTNER: &str = "https://partner.example";

/// Where the tests keep their answers: a new, empty database each time.
pub struct TestDatabase {
    pub database: Database,
    /// Keeps an SQLite file's directory until the test ends.
    _dir: Option<tempfile::TempDir>,
}

/// Which backend this run tests: `postgres` only when the test script says so.
pub fn backend() -> &'static str {
    match std::env::var("RECEIVER_TEST_DATABASE").as_deref() {
        Ok("postgres") => "postgres",
        Ok("sqlite") | Err(_) => "sqlite",
        Ok(other) => panic!("RECEIVER_TEST_DATABASE={other:?}: use sqlite or postgres"),
    }
}

/// A new, empty database of this run's backend.
pub async fn new_database() -> TestDatabase {
    if backend() == "sqlite" {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite:{}", dir.path().join("feedback.sqlite3").display());
        return TestDatabase { database: Database::Sqlite(url), _dir: Some(dir) };
    }
    let server = std::env::var("RECEIVER_TEST_POSTGRES_URL").expect(
        "RECEIVER_TEST_DATABASE=postgres needs RECEIVER_TEST_POSTGRES_URL (scripts/receiver-test.sh starts one)",
    );
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = format!("receiver_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let admin = sqlx::PgPool::connect(&server).await.expect("the test PostgreSQL answers");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.expect("a new database");
    admin.close().await;
    let mut url = reqwest::Url::parse(&server).expect("a URL");
    url.set_path(&format!("/{name}"));
    TestDatabase { database: Database::Postgres(url.to_string()), _dir: None }
}

/// Settings for a test receiver: explorer open, one partner, generous rate limits, changed by
/// `vars` (the environment's names).
pub fn config(database: &TestDatabase, vars: &[(&str, &str)]) -> Config {
    let mut all: HashMap<String, String> = [
        ("LISTEN", "127.0.0.1:0"),
        ("ALLOWED_ORIGINS", PARTNER),
        ("EXPLORER_TOKEN", TOKEN),
        ("GALLERY_URL", "https://widget.example/gallery.html"),
        ("RATE_LIMIT_PER_MINUTE", "0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (name, value) in vars {
        all.insert(name.to_string(), value.to_string());
    }
    let mut config = Config::from_vars(|name| all.get(name).cloned()).expect("a valid test configuration");
    config.database = database.database.clone();
    config
}

/// A receiver serving in this process.
pub struct TestServer {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    pub client: reqwest::Client,
    /// The receiver's database, to count what it stored.
    pub db: Db,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    pub async fn start(config: Config) -> Self {
        let receiver = Receiver::connect(config).await.expect("the receiver connects");
        let db = receiver.db().clone();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("an address"));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(receiver.serve(listener, async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
        TestServer { base, client, db, stop: Some(stop), task: Some(task) }
    }

    /// A receiver on a new database of this run's backend, with `vars` changed.
    pub async fn with(vars: &[(&str, &str)]) -> (Self, TestDatabase) {
        let database = new_database().await;
        let server = Self::start(config(&database, vars)).await;
        (server, database)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `POST /feedback` with a JSON body.
    pub async fn post(&self, body: &Value) -> reqwest::Response {
        self.client.post(self.url("/feedback")).json(body).send().await.expect("a response")
    }

    /// How many answers are stored.
    pub async fn stored(&self) -> i64 {
        self.db.count().await.expect("the database counts")
    }

    /// Stops serving and waits until requests in flight are done.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("the server task").expect("the server stopped cleanly");
        }
    }
}

/// A valid answer, as the widget sends it, with the id `n` picks.
pub fn answer(n: u64) -> Value {
    json!({
        "id": id(n),
        "article": "cannot-connect-to-gp-system",
        "reference": "CID7023",
        "helpful": false,
        "comment": "The link to my GP failed",
        "version": "0.1.0",
        "origin": PARTNER,
        "timestamp": "2026-11-25T09:30:00.000Z",
    })
}

/// A version 4 UUID made from `n`.
pub fn id(n: u64) -> String {
    let hex = format!("{n:012x}");
    format!("5a5a5a5a-5a5a-4a5a-9a5a-{}", &hex[hex.len() - 12..])
}

/// A response's problem body, checked to be RFC 9457 JSON.
pub async fn problem(response: reqwest::Response) -> Value {
    let status = response.status().as_u16();
    let content_type =
        response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert_eq!(content_type, "application/problem+json", "status {status}");
    let body: Value = response.json().await.expect("a JSON problem");
    assert_eq!(body["status"], status, "{body}");
    assert!(body["type"].as_str().is_some_and(|t| t.starts_with("urn:nhs-login-help:receiver:")), "{body}");
    assert!(body["title"].is_string() && body["detail"].is_string(), "{body}");
    body
}
