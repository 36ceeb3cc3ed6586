//! `POST /feedback` against a real receiver and database: an answer stored exactly once, however
//! many times and however concurrently it arrives; every kind of bad or hostile input refused with
//! a 4xx problem naming the field (never a 5xx, never a stored script); CORS; rate limits; health.

mod common;

use common::{answer, id, problem, TestServer, PARTNER, TOKEN};
use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn an_answer_is_stored_once_and_every_repeat_is_a_2xx_that_changes_nothing() {
    let (server, _db) = TestServer::with(&[]).await;
    assert_eq!(server.db.backend(), common::backend(), "the database this run asked for");
    let first = server.post(&answer(1)).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let mut changed = answer(1);
    changed["helpful"] = json!(true);
    changed["comment"] = json!("a different comment");
    for body in [answer(1), changed] {
        assert_eq!(server.post(&body).await.status(), StatusCode::OK);
    }
    assert_eq!(server.stored().await, 1);
    let csv = export(&server, "").await;
    assert!(csv.contains("The link to my GP failed") && !csv.contains("a different comment"), "{csv}");
    server.stop().await;
}

#[tokio::test]
async fn concurrent_duplicates_store_exactly_one_row_even_across_two_receivers() {
    let database = common::new_database().await;
    let one = TestServer::start(common::config(&database, &[])).await;
    let two = TestServer::start(common::config(&database, &[])).await;
    for n in 0..5 {
        let body = answer(100 + n);
        let requests = (0..40).map(|i| if i % 2 == 0 { one.post(&body) } else { two.post(&body) });
        let statuses: Vec<StatusCode> = join_all(requests).await.iter().map(|r| r.status()).collect();
        let created = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
        let repeated = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        assert_eq!((created, repeated), (1, 39), "{statuses:?}");
    }
    assert_eq!(one.stored().await, 5);
    one.stop().await;
    two.stop().await;
}

#[tokio::test]
async fn the_comment_is_scrubbed_again_and_kept_as_text() {
    let (server, _db) = TestServer::with(&[]).await;
    let mut body = answer(2);
    body["comment"] =
        json!("  Email jo@example.com, call 07700 900123\u{0} <script>alert(1)</script>'); DROP TABLE feedback;-- ");
    assert_eq!(server.post(&body).await.status(), StatusCode::CREATED);
    let csv = export(&server, "").await;
    assert!(
        csv.contains(",\"Email [removed], call [removed] <script>alert(1)</script>'); DROP TABLE feedback;--\","),
        "{csv}"
    );
    let page = explorer(&server, "").await;
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{page}");
    assert!(!page.contains("<script"), "no script reaches the page");
    assert_eq!(server.stored().await, 1);
    server.stop().await;
}

/// A request that must be refused, what status it gets and which field or header it names.
struct Refused {
    what: String,
    method: &'static str,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    status: u16,
    field: Option<&'static str>,
}

fn refused(what: impl Into<String>, body: impl Into<Vec<u8>>, status: u16, field: Option<&'static str>) -> Refused {
    Refused {
        what: what.into(),
        method: "POST",
        content_type: Some("application/json"),
        body: body.into(),
        status,
        field,
    }
}

fn with_field(field: &'static str, value: Value) -> Vec<u8> {
    let mut body = answer(7);
    body[field] = value;
    body.to_string().into_bytes()
}

/// Every kind of bad request the issue lists, and hostile text in every field.
fn battery() -> Vec<Refused> {
    let good = answer(7).to_string();
    let mut cases = vec![
        Refused { method: "GET", ..refused("GET", "", 405, None) },
        Refused { method: "PUT", ..refused("PUT", good.clone(), 405, None) },
        Refused { method: "DELETE", ..refused("DELETE", "", 405, None) },
        Refused { content_type: None, ..refused("no Content-Type", good.clone(), 415, None) },
        Refused { content_type: Some("text/plain"), ..refused("text/plain", good.clone(), 415, None) },
        Refused {
            content_type: Some("application/x-www-form-urlencoded"),
            ..refused("a form", good.clone(), 415, None)
        },
        Refused {
            content_type: Some("application/json; charset=iso-8859-1"),
            ..refused("Latin-1 JSON", good.clone(), 415, None)
        },
        refused("empty body", "", 400, None),
        refused("not JSON", "id=1&helpful=true", 400, None),
        refused("cut-off JSON", &good[..good.len() / 2], 400, None),
        refused("two JSON values", format!("{good}{good}"), 400, None),
        refused("invalid UTF-8", [b"{\"id\":\"".as_slice(), &[0xff, 0xfe], b"\"}"].concat(), 400, None),
        refused("a lone surrogate", good.replace("The link", "\\ud800"), 400, None),
        refused("an array", format!("[{good}]"), 422, None),
        refused("null", "null", 422, None),
        refused(
            "the fields as an array",
            {
                let values: Vec<Value> = answer(7).as_object().expect("an object").values().cloned().collect();
                serde_json::to_vec(&values).expect("JSON")
            },
            422,
            None,
        ),
        refused("over the body limit", with_field("comment", json!("x".repeat(20_000))), 413, None),
        refused("a comment of 501 characters", with_field("comment", json!("é".repeat(501))), 422, Some("comment")),
        refused("an unknown field", with_field("layout", json!("inline")), 422, Some("layout")),
        refused(
            "a placement the widget never writes",
            with_field("placement", json!("sidebar")),
            422,
            Some("placement"),
        ),
        refused("a duplicated field", good.replacen('{', "{\"article\":\"nhsmail-login\",", 1), 422, Some("article")),
        refused("helpful as a string", with_field("helpful", json!("true")), 422, Some("helpful")),
        refused("helpful as null", with_field("helpful", Value::Null), 422, Some("helpful")),
        refused("id as a number", with_field("id", json!(7)), 422, Some("id")),
        refused("comment as an object", with_field("comment", json!({"text": "hi"})), 422, Some("comment")),
        refused("an upper-case id", with_field("id", json!(id(7).to_uppercase())), 422, Some("id")),
        refused("an id that is not a UUID", with_field("id", json!("1")), 422, Some("id")),
        refused(
            "a timestamp with an offset",
            with_field("timestamp", json!("2026-11-25T09:30:00+01:00")),
            422,
            Some("timestamp"),
        ),
        refused(
            "a timestamp on 30 February",
            with_field("timestamp", json!("2026-02-30T09:30:00.000Z")),
            422,
            Some("timestamp"),
        ),
        refused(
            "a reference not in canonical form",
            with_field("reference", json!("cid 7023")),
            422,
            Some("reference"),
        ),
        refused("a reference that is not one", with_field("reference", json!("CID70")), 422, Some("reference")),
        refused(
            "an origin with a path",
            with_field("origin", json!("https://partner.example/help")),
            422,
            Some("origin"),
        ),
        refused("an empty article", with_field("article", json!("")), 422, Some("article")),
        refused("an empty version", with_field("version", json!("")), 422, Some("version")),
        refused("a very deep array", "[".repeat(10_000), 400, None),
    ];
    for field in ["id", "article", "reference", "version", "origin", "timestamp"] {
        for (kind, value) in [
            ("markup", "<script>alert(1)</script>".to_string()),
            ("an event handler", "\"><img src=x onerror=alert(1)>".to_string()),
            ("SQL", "x'); DROP TABLE feedback; --".to_string()),
            ("SQL that sleeps", "1' OR pg_sleep(5) IS NULL --".to_string()),
            ("control characters", "CID7023\u{0}\u{1b}[31m\r\n".to_string()),
            ("a 100,000-character string", "a".repeat(100_000)),
            ("a 10,000-character string", "a".repeat(10_000)),
            ("a right-to-left override", "\u{202e}7023DIC".to_string()),
        ] {
            let body = with_field(field, json!(value));
            let (status, named) = if body.len() > 16 * 1024 { (413, None) } else { (422, Some(field)) };
            cases.push(refused(format!("{kind} in {field}"), body, status, named));
        }
    }
    cases
}

#[tokio::test]
async fn bad_and_hostile_input_gets_a_clear_4xx_and_stores_nothing() {
    let (server, _db) = TestServer::with(&[]).await;
    let cases = battery();
    for case in &cases {
        let mut request = server
            .client
            .request(case.method.parse().expect("a method"), server.url("/feedback"))
            .body(case.body.clone());
        if let Some(content_type) = case.content_type {
            request = request.header("content-type", content_type);
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("{}: no response: {e}", case.what));
        assert_eq!(response.status().as_u16(), case.status, "{}", case.what);
        let body = problem(response).await;
        assert_eq!(body["field"].as_str(), case.field, "{}: {body}", case.what);
        assert!(!body.to_string().contains("sqlx") && !body.to_string().contains("panicked"), "{}: {body}", case.what);
    }
    assert!(cases.len() > 80, "{} cases", cases.len());
    assert_eq!(server.stored().await, 0, "nothing stored");
    assert_eq!(server.post(&answer(7)).await.status(), StatusCode::CREATED, "and the receiver still works");
    server.stop().await;
}

#[tokio::test]
async fn hostile_text_in_the_comment_is_stored_safely() {
    let (server, _db) = TestServer::with(&[]).await;
    let hostile = [
        "<script>alert(document.cookie)</script>",
        "\"><svg onload=alert(1)>",
        "'; DROP TABLE feedback; --",
        "Robert'); DELETE FROM feedback WHERE ('1'='1",
        "=HYPERLINK(\"https://evil.example\",\"click\")",
        "+1-1@SUM(A1)",
        "\u{0}\u{1}\u{7}\u{1b}[2J\u{7f}\u{85}",
        "\u{202e}gnp.exe",
        "😀 é ß 中文 \\u0000",
    ];
    for (n, comment) in hostile.iter().enumerate() {
        let mut body = answer(200 + n as u64);
        body["comment"] = json!(comment);
        let status = server.post(&body).await.status();
        assert!(status == StatusCode::CREATED, "{comment:?}: {status}");
    }
    assert_eq!(server.stored().await, hostile.len() as i64, "every one stored, the table still there");
    let page = explorer(&server, "").await;
    assert!(!page.contains("<script") && !page.contains("<svg onload"), "text, never markup");
    assert!(page.contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;"));
    let csv = export(&server, "").await;
    assert!(csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\""), "{csv}");
    assert!(csv.contains(",'+1-1@SUM(A1),"), "{csv}");
    assert!(!csv.contains('\u{0}') && !csv.contains('\u{1b}'), "control characters dropped");
    server.stop().await;
}

#[tokio::test]
async fn cors_lets_partner_pages_post_and_nobody_else() {
    let (server, _db) = TestServer::with(&[]).await;
    let preflight = |origin: &'static str| {
        server
            .client
            .request(reqwest::Method::OPTIONS, server.url("/feedback"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight(PARTNER).await.expect("a response");
    assert!(allowed.status().is_success());
    let header = |response: &reqwest::Response, name: &str| {
        response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_lowercase()
    };
    assert_eq!(header(&allowed, "access-control-allow-origin"), PARTNER);
    assert_eq!(header(&allowed, "access-control-allow-methods"), "post");
    assert_eq!(header(&allowed, "access-control-allow-headers"), "content-type");
    let other = preflight("https://evil.example").await.expect("a response");
    assert_eq!(header(&other, "access-control-allow-origin"), "", "no CORS for other origins");

    let from = |origin: &'static str, body: Value| {
        server.client.post(server.url("/feedback")).header("origin", origin).json(&body).send()
    };
    let posted = from(PARTNER, answer(3)).await.expect("a response");
    assert_eq!(posted.status(), StatusCode::CREATED);
    assert_eq!(header(&posted, "access-control-allow-origin"), PARTNER);
    assert_eq!(header(&posted, "access-control-expose-headers"), "retry-after");
    let forbidden = from("https://evil.example", answer(4)).await.expect("a response");
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(forbidden).await["header"], "Origin");
    let mut claimed = answer(5);
    claimed["origin"] = json!("https://other-partner.example");
    let mismatch = from(PARTNER, claimed).await.expect("a response");
    assert_eq!(mismatch.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(mismatch).await["field"], "origin");
    assert_eq!(server.stored().await, 1);
    server.stop().await;
}

#[tokio::test]
async fn a_client_over_its_rate_limit_gets_429_with_retry_after_and_others_do_not() {
    let (server, _db) = TestServer::with(&[
        ("RATE_LIMIT_PER_MINUTE", "6"),
        ("RATE_LIMIT_BURST", "3"),
        ("CLIENT_IP_HEADER", "X-Forwarded-For"),
    ])
    .await;
    let from = |client: &'static str, n: u64| {
        server
            .client
            .post(server.url("/feedback"))
            .header("x-forwarded-for", format!("10.0.0.1, {client}"))
            .json(&answer(n))
            .send()
    };
    for n in 0..3 {
        assert_eq!(from("192.0.2.1", n).await.expect("a response").status(), StatusCode::CREATED);
    }
    let limited = from("192.0.2.1", 3).await.expect("a response");
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = limited.headers()["retry-after"].to_str().unwrap().parse().expect("seconds");
    assert!((1..=10).contains(&retry_after), "{retry_after}");
    assert_eq!(problem(limited).await["type"], "urn:nhs-login-help:receiver:too-many-requests");
    assert_eq!(from("192.0.2.2", 4).await.expect("a response").status(), StatusCode::CREATED, "another client");
    let health = server.client.get(server.url("/healthz")).send().await.expect("a response");
    assert_eq!(health.status(), StatusCode::OK, "health checks are never limited");
    assert_eq!(server.stored().await, 4, "the limited answer was not stored");
    server.stop().await;
}

#[tokio::test]
async fn health_and_readiness_follow_the_database() {
    let (server, _db) = TestServer::with(&[]).await;
    for path in ["/healthz", "/readyz"] {
        assert_eq!(server.client.get(server.url(path)).send().await.unwrap().status(), StatusCode::OK, "{path}");
    }
    server.db.close().await;
    let ready = server.client.get(server.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let posted = server.post(&answer(9)).await;
    assert_eq!(posted.status(), StatusCode::SERVICE_UNAVAILABLE, "worth retrying, not refused for good");
    assert!(posted.headers().contains_key("retry-after"));
    problem(posted).await;
    assert_eq!(server.client.get(server.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(server.client.get(server.url("/nothing")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    server.stop().await;
}

/// The CSV of what `query` selects, fetched with the bearer token.
async fn export(server: &TestServer, query: &str) -> String {
    let response = server
        .client
        .get(server.url(&format!("/explorer/feedback.csv{query}")))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.unwrap()
}

/// The explorer page for `query`, fetched with the bearer token.
async fn explorer(server: &TestServer, query: &str) -> String {
    let response = server.client.get(server.url(&format!("/explorer{query}"))).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.unwrap()
}
