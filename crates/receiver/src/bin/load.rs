//! `nhs-login-help-receiver-load`: the receiver's load generator. Sends answers shaped like the
//! widget's from many concurrent clients over kept-alive HTTP/1.1 connections, a share of them
//! repeating an id already sent, then reports throughput, latency percentiles, the statuses, and
//! (given the database) the rows stored against the unique ids sent. A benchmark, not a test.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use nhs_login_help_receiver::config::Config;
use nhs_login_help_receiver::db::Db;
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const USAGE: &str = "\
usage: nhs-login-help-receiver-load [--url URL] [--requests N] [--concurrency C] [--duplicates F]
                                    [--origin ORIGIN] [--database-url URL] [--tsv]
  --url          the receiver's endpoint (default http://127.0.0.1:8787/feedback)
  --requests     answers to send (default 100000)
  --concurrency  clients sending at once, each on its own connection (default 100)
  --duplicates   the share of answers that repeat an id sent before (default 0.1)
  --origin       the answers' origin, which the receiver must allow (default https://partner.example)
  --database-url the receiver's DATABASE_URL, to count the rows it stored afterwards
  --tsv          print one tab-separated line of results instead of text";

/// Articles the answers are about (ids of the widget's articles).
const ARTICLES: [&str; 6] = [
    "cannot-connect-to-gp-system",
    "cannot-connect-login-to-gp",
    "nhs-number-problem",
    "security-code-email",
    "nhsmail-login",
    "login-disabled",
];

struct Options {
    url: String,
    requests: u64,
    concurrency: u64,
    duplicates: f64,
    origin: String,
    database_url: Option<String>,
    tsv: bool,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        url: "http://127.0.0.1:8787/feedback".into(),
        requests: 100_000,
        concurrency: 100,
        duplicates: 0.1,
        origin: "https://partner.example".into(),
        database_url: None,
        tsv: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--url" => options.url = value()?,
            "--requests" => options.requests = value()?.parse().map_err(|_| "--requests: a whole number")?,
            "--concurrency" => options.concurrency = value()?.parse().map_err(|_| "--concurrency: a whole number")?,
            "--duplicates" => {
                options.duplicates = value()?.parse().map_err(|_| "--duplicates: a number from 0 to 1")?
            }
            "--origin" => options.origin = value()?,
            "--database-url" => options.database_url = Some(value()?),
            "--tsv" => options.tsv = true,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if options.concurrency == 0 || !(0.0..1.0).contains(&options.duplicates) {
        return Err("--concurrency must be at least 1 and --duplicates from 0 to below 1".into());
    }
    Ok(options)
}

/// splitmix64: a fast, seeded generator, so a run's ids are random but the tool needs no crate.
fn mix(state: u64) -> u64 {
    let mut z = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The version 4 UUID of unique answer `n` of this run (`seed` makes runs differ).
fn uuid(seed: u64, n: u64) -> String {
    let (a, b) = (mix(seed ^ n.wrapping_mul(2)), mix(seed ^ n.wrapping_mul(2).wrapping_add(1)));
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// The JSON of unique answer `n`: the widget's fields, a comment on a third of them.
fn body(seed: u64, n: u64, origin: &str) -> String {
    let r = mix(seed.wrapping_add(n));
    let article = ARTICLES[(r % ARTICLES.len() as u64) as usize];
    let comment = if r.is_multiple_of(3) {
        format!(
            "\"The help did not say what to do when the page {} (answer {n}).\"",
            ["froze", "timed out", "looped"][(r >> 8) as usize % 3]
        )
    } else {
        "null".into()
    };
    let day = 1 + (r >> 16) % 28;
    let (hour, minute) = ((r >> 24) % 24, (r >> 32) % 60);
    format!(
        "{{\"id\":\"{}\",\"article\":\"{article}\",\"reference\":null,\"helpful\":{},\"comment\":{comment},\
         \"version\":\"0.1.0\",\"origin\":\"{origin}\",\"timestamp\":\"2026-11-{day:02}T{hour:02}:{minute:02}:00.000Z\"}}",
        uuid(seed, n),
        !r.is_multiple_of(4),
    )
}

/// What one client measured.
#[derive(Default)]
struct Measured {
    latencies_us: Vec<u32>,
    statuses: BTreeMap<u16, u64>,
    errors: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{}{USAGE}", if message.is_empty() { String::new() } else { format!("error: {message}\n") });
            return ExitCode::from(2);
        }
    };
    let seed =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(7);
    let every = if options.duplicates > 0.0 { (1.0 / options.duplicates).round() as u64 } else { u64::MAX };
    // Request i repeats an earlier id when i % every == every - 1; the others are new, numbered in order.
    let unique = move |i: u64| i - i / every;
    let total_unique = unique(options.requests);

    let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
    connector.set_nodelay(true);
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(options.concurrency as usize)
        .pool_idle_timeout(Duration::from_secs(30))
        .build(connector);
    let next = Arc::new(AtomicU64::new(0));
    let options = Arc::new(options);
    let started = Instant::now();
    let clients: Vec<_> = (0..options.concurrency)
        .map(|_| {
            let (client, next, options) = (client.clone(), next.clone(), options.clone());
            tokio::spawn(async move {
                let mut measured = Measured::default();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= options.requests {
                        break measured;
                    }
                    let n = if i % every == every - 1 { mix(seed ^ i) % unique(i).max(1) } else { unique(i) };
                    let request = Request::builder()
                        .method(Method::POST)
                        .uri(&options.url)
                        .header("content-type", "application/json")
                        .body(Full::new(Bytes::from(body(seed, n, &options.origin))));
                    let Ok(request) = request else {
                        measured.errors += 1;
                        continue;
                    };
                    let sent = Instant::now();
                    match client.request(request).await {
                        Ok(response) => {
                            let status = response.status();
                            let _ = response.into_body().collect().await;
                            measured.latencies_us.push(sent.elapsed().as_micros().min(u32::MAX as u128) as u32);
                            *measured.statuses.entry(status.as_u16()).or_default() += 1;
                        }
                        Err(_) => measured.errors += 1,
                    }
                }
            })
        })
        .collect();
    let mut all = Measured::default();
    for client in clients {
        if let Ok(measured) = client.await {
            all.latencies_us.extend(measured.latencies_us);
            all.errors += measured.errors;
            for (status, count) in measured.statuses {
                *all.statuses.entry(status).or_default() += count;
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.latencies_us.sort_unstable();
    let percentile = |p: usize| {
        all.latencies_us.get((all.latencies_us.len() * p / 100).min(all.latencies_us.len().saturating_sub(1))).copied()
    };
    let ms = |us: Option<u32>| us.map_or("-".into(), |us| format!("{:.2}", f64::from(us) / 1000.0));
    let created = all.statuses.get(&StatusCode::CREATED.as_u16()).copied().unwrap_or(0);
    let repeated = all.statuses.get(&StatusCode::OK.as_u16()).copied().unwrap_or(0);
    let other: u64 = all.statuses.iter().filter(|(s, _)| !matches!(**s, 200 | 201)).map(|(_, c)| c).sum();
    let rows = match &options.database_url {
        None => None,
        Some(url) => match count_rows(url).await {
            Ok(rows) => Some(rows),
            Err(error) => {
                eprintln!("error: cannot count the rows: {error}");
                return ExitCode::FAILURE;
            }
        },
    };
    let throughput = options.requests as f64 / elapsed;
    if options.tsv {
        println!(
            "{}\t{}\t{}\t{}\t{:.0}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.1}",
            options.requests,
            options.concurrency,
            total_unique,
            options.requests - total_unique,
            throughput,
            ms(percentile(50)),
            ms(percentile(99)),
            created,
            repeated,
            other + all.errors,
            rows.map_or("-".into(), |rows| rows.to_string()),
            if rows == Some(total_unique as i64) { "yes" } else { "no" },
            elapsed,
        );
    } else {
        println!(
            "sent {} answers from {} clients in {elapsed:.1} s: {throughput:.0} answers/s",
            options.requests, options.concurrency
        );
        println!(
            "latency p50 {} ms, p99 {} ms, max {} ms",
            ms(percentile(50)),
            ms(percentile(99)),
            ms(all.latencies_us.last().copied())
        );
        println!("unique ids sent {total_unique}, repeats sent {}", options.requests - total_unique);
        println!(
            "201 (stored) {created}, 200 (already stored) {repeated}, other statuses {other}, no response {}",
            all.errors
        );
        if let Some(rows) = rows {
            println!(
                "rows stored {rows}: {}",
                if rows == total_unique as i64 {
                    "equal to the unique ids sent"
                } else {
                    "NOT equal to the unique ids sent"
                }
            );
        }
    }
    if rows.is_some_and(|rows| rows != total_unique as i64) || other + all.errors > 0 {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The rows in the receiver's database, read through the receiver's own queries.
async fn count_rows(url: &str) -> Result<i64, String> {
    let config =
        Config::from_vars(|name| (name == "DATABASE_URL").then(|| url.to_string())).map_err(|e| e.to_string())?;
    let db = Db::connect(&config.database, 1).await.map_err(|e| e.to_string())?;
    let rows = db.count().await.map_err(|e| e.to_string());
    db.close().await;
    rows
}
