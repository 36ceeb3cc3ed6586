//! The feedback explorer against a real receiver and database: closed without a token; with one,
//! nothing without the token (bearer or the signed-in session); the filters select what the page
//! and the CSV show; comments newest first.

mod common;

use common::{answer, TestServer, TOKEN};
use reqwest::StatusCode;
use serde_json::json;

/// Stores answers to two articles, from two origins, on three days, some with comments.
async fn seed(server: &TestServer) {
    let answers = [
        (1, "cannot-connect-to-gp-system", true, None, "https://partner.example", "2026-11-01T08:00:00.000Z"),
        (
            2,
            "cannot-connect-to-gp-system",
            false,
            Some("Older comment"),
            "https://partner.example",
            "2026-11-02T08:00:00.000Z",
        ),
        (
            3,
            "cannot-connect-to-gp-system",
            false,
            Some("Newer comment"),
            "https://other.example",
            "2026-11-03T08:00:00.000Z",
        ),
        (4, "nhsmail-login", true, Some("=cmd|' /C calc'!A0"), "https://other.example", "2026-11-03T09:00:00.000Z"),
        (5, "no-such-article-yet", false, None, "https://partner.example", "2026-10-15T09:00:00.000Z"),
    ];
    for (n, article, helpful, comment, origin, timestamp) in answers {
        let mut body = answer(n);
        body["article"] = json!(article);
        body["helpful"] = json!(helpful);
        body["comment"] = json!(comment);
        body["origin"] = json!(origin);
        body["timestamp"] = json!(timestamp);
        body["reference"] = if article == "cannot-connect-to-gp-system" { json!("CID7023") } else { json!(null) };
        // How the help was shown: an inline panel for the third, the answer from an older widget
        // (no placement) for the fifth, a partner page's help for the rest.
        match n {
            3 => body["placement"] = json!("inline"),
            5 => {}
            _ => body["placement"] = json!("page"),
        }
        assert_eq!(server.post(&body).await.status(), StatusCode::CREATED);
    }
}

async fn get(server: &TestServer, path: &str, auth: Option<&str>) -> (StatusCode, String, reqwest::header::HeaderMap) {
    let mut request = server.client.get(server.url(path));
    if let Some(token) = auth {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("a response");
    let (status, headers) = (response.status(), response.headers().clone());
    (status, response.text().await.expect("a body"), headers)
}

#[tokio::test]
async fn without_a_token_configured_the_explorer_does_not_exist_and_the_api_still_works() {
    let (server, _db) = TestServer::with(&[("EXPLORER_TOKEN", "")]).await;
    for path in ["/explorer", "/explorer/feedback.csv", "/explorer/explorer.css"] {
        assert_eq!(get(&server, path, Some(TOKEN)).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    let sign_in = server.client.post(server.url("/explorer/sign-in")).form(&[("token", TOKEN)]).send().await.unwrap();
    assert_eq!(sign_in.status(), StatusCode::NOT_FOUND);
    assert_eq!(server.post(&answer(1)).await.status(), StatusCode::CREATED);
    server.stop().await;
}

#[tokio::test]
async fn without_the_token_there_is_no_data() {
    let (server, _db) = TestServer::with(&[]).await;
    seed(&server).await;
    let (status, page, headers) = get(&server, "/explorer", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(page.contains("Sign in to the feedback explorer") && !page.contains("Newer comment"), "{page}");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    for token in [Some("wrong-token-0123456789"), None] {
        let (status, csv, headers) = get(&server, "/explorer/feedback.csv", token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(!csv.contains("comment"), "{csv}");
        assert_eq!(headers["www-authenticate"], "Bearer realm=\"feedback explorer\"");
    }
    let forged = server
        .client
        .get(server.url("/explorer"))
        .header(
            "cookie",
            "explorer_session=v1.99999999999.0000000000000000000000000000000000000000000000000000000000000000",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
    server.stop().await;
}

#[tokio::test]
async fn signing_in_once_sets_a_strict_http_only_session_that_opens_the_explorer() {
    let (server, _db) = TestServer::with(&[]).await;
    seed(&server).await;
    let wrong = server
        .client
        .post(server.url("/explorer/sign-in"))
        .form(&[("token", "not-the-token-at-all")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong.headers().get("set-cookie").is_none());
    assert!(wrong.text().await.unwrap().contains("There is a problem"));

    let right = server.client.post(server.url("/explorer/sign-in")).form(&[("token", TOKEN)]).send().await.unwrap();
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    assert_eq!(right.headers()["location"], "/explorer");
    let cookie = right.headers()["set-cookie"].to_str().unwrap().to_string();
    for part in ["HttpOnly", "SameSite=Strict", "Path=/explorer", "Max-Age=28800"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let session = cookie.split(';').next().unwrap().to_string();
    let page = server.client.get(server.url("/explorer")).header("cookie", &session).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Newer comment"));

    let out = server.client.post(server.url("/explorer/sign-out")).header("cookie", &session).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert!(out.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    server.stop().await;
}

#[tokio::test]
async fn the_page_shows_each_article_with_its_share_chart_and_comments_newest_first() {
    let (server, _db) = TestServer::with(&[]).await;
    seed(&server).await;
    let (status, page, _) = get(&server, "/explorer", Some(TOKEN)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("5 answers, 2 of 5 (40%) helpful"), "{page}");
    assert!(page.contains("Unable to connect to your GP surgery’s system"), "the article's title");
    assert!(page.contains("CID7023"), "its codes");
    assert!(
        page.contains("href=\"https://widget.example/gallery.html#cannot-connect-to-gp-system\""),
        "its gallery entry"
    );
    assert!(page.contains("1 of 3 (33%)"), "its helpful share");
    assert!(page.contains("Unknown article “no-such-article-yet”"), "an article this build does not know");
    assert!(page.contains("<svg") && page.contains("role=\"img\""), "a chart");
    let newer = page.find("Newer comment").expect("the newer comment");
    let older = page.find("Older comment").expect("the older comment");
    assert!(newer < older, "newest first");
    assert!(!page.contains("<script"), "no script at all");
    server.stop().await;
}

#[tokio::test]
async fn filters_select_what_the_page_and_its_csv_show() {
    let (server, _db) = TestServer::with(&[]).await;
    seed(&server).await;
    let query =
        "?article=cannot-connect-to-gp-system&from=2026-11-02&to=2026-11-03&origin=https%3A%2F%2Fpartner.example";
    let (_, page, _) = get(&server, &format!("/explorer{query}"), Some(TOKEN)).await;
    assert!(page.contains("1 answers, 0 of 1 (0%) helpful"), "{page}");
    assert!(page.contains("Older comment") && !page.contains("Newer comment"));
    let link = "href=\"/explorer/feedback.csv?article=cannot-connect-to-gp-system&amp;from=2026-11-02&amp;to=2026-11-03&amp;origin=https%3A%2F%2Fpartner.example\"";
    assert!(page.contains(link), "the CSV link carries the filter: {page}");

    let (status, csv, headers) = get(&server, &format!("/explorer/feedback.csv{query}"), Some(TOKEN)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"feedback-"));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}id,answered_at,article,title,reference,helpful,comment,version,origin,placement,received_at"
    );
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(
        lines[1].starts_with(&format!("{},2026-11-02T08:00:00.000Z,cannot-connect-to-gp-system,", common::id(2))),
        "{csv}"
    );

    assert!(lines[1].contains(",https://partner.example,page,"), "{csv}");

    // By how the help was shown: only the inline panel's answer.
    let (_, page, _) = get(&server, "/explorer?placement=inline", Some(TOKEN)).await;
    assert!(page.contains("1 answers, 0 of 1 (0%) helpful"), "{page}");
    assert!(page.contains("Newer comment") && !page.contains("Older comment"));
    assert!(page.contains("shown as an inline panel"), "the filter described: {page}");
    let (_, inline, _) = get(&server, "/explorer/feedback.csv?placement=inline", Some(TOKEN)).await;
    assert_eq!(inline.trim_end().split("\r\n").count(), 2, "{inline}");

    let (_, everything, _) = get(&server, "/explorer/feedback.csv", Some(TOKEN)).await;
    assert_eq!(everything.trim_end().split("\r\n").count(), 6, "all five, newest first: {everything}");
    assert!(everything.contains(",'=cmd|' /C calc'!A0,"), "a formula is neutralised: {everything}");

    let (status, page, _) =
        get(&server, "/explorer?from=2026-13-01&origin=javascript:alert(1)&placement=sidebar", Some(TOKEN)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        page.contains("There is a problem")
            && page.contains("href=\"#from\"")
            && page.contains("href=\"#origin\"")
            && page.contains("href=\"#placement\""),
        "{page}"
    );
    assert!(!page.contains("Older comment"), "no answers under a filter that cannot be used");
    let (status, _, _) = get(&server, "/explorer/feedback.csv?to=yesterday", Some(TOKEN)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    server.stop().await;
}
