//! The receiver as operators run it, the binary itself: a wrong setting stops it with a message
//! naming the variable; SIGTERM lets a request in flight finish, then it exits cleanly.

mod common;

use nhs_login_help_receiver::config::Database;
use nhs_login_help_receiver::db::Db;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BINARY: &str = env!("CARGO_BIN_EXE_nhs-login-help-receiver");

#[test]
fn a_wrong_setting_stops_it_with_a_message_that_names_the_variable() {
    for (name, value, expected) in [
        ("LISTEN", "localhost", "LISTEN=\"localhost\" is not usable: expected an IP address and port"),
        ("ALLOWED_ORIGINS", "https://partner.example/", "ALLOWED_ORIGINS=\"https://partner.example/\" is not usable"),
        (
            "EXPLORER_TOKEN",
            "secret",
            "EXPLORER_TOKEN=\"(6 characters, not shown)\" is not usable: expected at least 16",
        ),
        ("DATABASE_URL", "mysql://db/feedback", "DATABASE_URL=\"mysql://db/feedback\" is not usable: expected sqlite:"),
    ] {
        let output = Command::new(BINARY).env_clear().env(name, value).output().expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(!stderr.contains("secret"), "the token is never echoed");
    }
    let help = Command::new(BINARY).arg("--help").output().expect("the binary runs");
    assert!(String::from_utf8_lossy(&help.stdout).contains("EXPLORER_TOKEN"));
}

/// Starts the binary on a free port of 127.0.0.1; returns it and its address once it listens.
fn start(database_url: &str) -> (Child, String) {
    let mut child = Command::new(BINARY)
        .env_clear()
        .env("LISTEN", "127.0.0.1:0")
        .env("DATABASE_URL", database_url)
        .env("ALLOWED_ORIGINS", common::PARTNER)
        .env("RATE_LIMIT_PER_MINUTE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("its output");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("a log line before it listens").expect("text");
        if let Some((_, after)) = line.split_once("listening on http://") {
            break after.split_whitespace().next().expect("an address").to_string();
        }
    };
    // Keep reading its log so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, address)
}

#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish_then_it_exits() {
    let database = common::new_database().await;
    let (Database::Sqlite(url) | Database::Postgres(url)) = database.database.clone();
    let (mut child, address) = tokio::task::spawn_blocking(move || start(&url)).await.expect("started");
    let body = common::answer(1).to_string();
    let (head, tail) = body.split_at(body.len() / 2);
    // Half a request, as a slow client sends it; then SIGTERM; then the rest.
    let mut stream = TcpStream::connect(&address).expect("it listens");
    write!(stream, "POST /feedback HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{head}", body.len())
        .expect("the first half");
    std::thread::sleep(Duration::from_millis(300));
    let terminated = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().expect("kill runs");
    assert!(terminated.success());
    std::thread::sleep(Duration::from_millis(300));
    assert!(TcpStream::connect(&address).is_err(), "no new connections once shutting down");
    stream.write_all(tail.as_bytes()).expect("the second half");
    let mut response = String::new();
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("a timeout");
    let _ = stream.read_to_string(&mut response);
    assert!(response.starts_with("HTTP/1.1 201"), "the request in flight finished: {response:?}");
    let status = child.wait().expect("it exits");
    assert!(status.success(), "{status:?}");

    // What it acknowledged is in the database.
    let db = Db::connect(&database.database, 2).await.expect("the database");
    assert_eq!(db.count().await.expect("a count"), 1);
    db.close().await;
}
