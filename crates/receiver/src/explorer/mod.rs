//! The feedback explorer at `/explorer`, for content designers: per article, the answers, the
//! share found helpful, a chart over time and the comments, filtered by article, dates and
//! partner origin, with a CSV of what the filter shows. Closed (404) unless `EXPLORER_TOKEN` is
//! set; then scripts send the token as a bearer token and people sign in once (`session`).

mod chart;
mod csv;
mod filter;
mod page;
mod session;

use crate::layers::MAX_FORM_BYTES;
use crate::problem::Problem;
use crate::routes::AppState;
use crate::widget::{article_by_id, ARTICLES};
use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Form, Query, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION, SET_COOKIE, WWW_AUTHENTICATE,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use filter::{Filter, FilterError, FilterQuery};
use futures_util::StreamExt;
use page::{ArticleView, ExplorerView};
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;

/// Most comments shown per article; the CSV has every one.
const COMMENTS_SHOWN: i64 = 100;

/// No script, no frames, styles and forms from this origin only.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";

/// The stylesheet, NHS.UK's colours and type for the explorer's markup.
const STYLESHEET: &str = include_str!("explorer.css");

/// The explorer's routes, each answering 404 while no token is configured.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/explorer", get(view).fallback(|| async { Problem::MethodNotAllowed { allow: "GET" } }))
        .route("/explorer/feedback.csv", get(export).fallback(|| async { Problem::MethodNotAllowed { allow: "GET" } }))
        .route("/explorer/sign-in", post(sign_in).fallback(|| async { Problem::MethodNotAllowed { allow: "POST" } }))
        .route("/explorer/sign-out", post(sign_out).fallback(|| async { Problem::MethodNotAllowed { allow: "POST" } }))
        .route("/explorer/explorer.css", get(stylesheet))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .layer(SetResponseHeaderLayer::overriding(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
        .layer(SetResponseHeaderLayer::if_not_present(CACHE_CONTROL, HeaderValue::from_static("no-store")))
}

/// Whether this request may see the explorer.
enum Access {
    /// No token is configured: the explorer does not exist.
    Closed,
    Denied,
    Granted,
}

fn access(state: &AppState, headers: &HeaderMap) -> Access {
    match &state.config.explorer_token {
        None => Access::Closed,
        Some(token) if session::is_signed_in(token, headers) => Access::Granted,
        Some(_) => Access::Denied,
    }
}

/// A page, with the status it needs.
fn html(status: StatusCode, markup: maud::Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// The sign-in page as a 401, with the challenge RFC 9110 asks of every 401 (scripts answer it
/// with a bearer token; browsers show the form, as the scheme is not one they prompt for).
fn unauthorized(markup: maud::Markup) -> Response {
    let mut response = html(StatusCode::UNAUTHORIZED, markup);
    response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"feedback explorer\""));
    response
}

/// `GET /explorer`: the filtered view, or the sign-in page (401) without a session.
async fn view(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<FilterQuery>, QueryRejection>,
) -> Result<Response, Problem> {
    match access(&state, &headers) {
        Access::Closed => return Err(Problem::NotFound),
        Access::Denied => return Ok(unauthorized(page::sign_in(false))),
        Access::Granted => {}
    }
    let (filter, errors) = read_filter(query);
    let selection = if errors.is_empty() { filter.selection() } else { Filter::default().selection() };
    let db = &state.db;
    let (counts, days, comments, origins, articles) = tokio::try_join!(
        db.per_article(&selection),
        db.per_day(&selection),
        db.comments(&selection, COMMENTS_SHOWN),
        db.origins(),
        db.articles(),
    )?;
    // With a filter that cannot be used, the page shows the form and its errors, no answers.
    let counts = if errors.is_empty() { counts } else { Vec::new() };
    let mut article_choices: Vec<(String, String)> =
        ARTICLES.iter().map(|article| (article.id.to_string(), article.title.to_string())).collect();
    article_choices.sort_by(|a, b| a.1.cmp(&b.1));
    for id in articles.into_iter().filter(|id| article_by_id(id).is_none()) {
        let label = format!("Unknown article “{id}”");
        article_choices.push((id, label));
    }
    let view = ExplorerView {
        filter: &filter,
        errors: &errors,
        article_choices,
        origin_choices: origins,
        articles: counts
            .iter()
            .map(|count| ArticleView {
                id: &count.article,
                known: article_by_id(&count.article),
                answers: count.answers,
                helpful: count.helpful,
                commented: count.commented,
                bars: chart::bars(
                    &days.iter().filter(|day| day.article == count.article).collect::<Vec<_>>(),
                    filter.from,
                    filter.to,
                ),
                comments: comments.iter().filter(|answer| answer.article == count.article).collect(),
            })
            .collect(),
        gallery_url: state.config.gallery_url.as_deref(),
        comments_shown: COMMENTS_SHOWN,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    Ok(html(status, page::explorer(&view)))
}

/// The filter from the query; a query that cannot be read at all is reported against the first
/// field.
fn read_filter(query: Result<Query<FilterQuery>, QueryRejection>) -> (Filter, Vec<FilterError>) {
    match query {
        Ok(Query(query)) => Filter::read(query),
        Err(_) => (
            Filter::default(),
            vec![FilterError { field: "article", message: "The filter could not be read: choose again" }],
        ),
    }
}

/// `GET /explorer/feedback.csv`: every answer the same filter shows, newest first.
async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<FilterQuery>, QueryRejection>,
) -> Result<Response, Problem> {
    match access(&state, &headers) {
        Access::Closed => return Err(Problem::NotFound),
        Access::Denied => return Err(Problem::Unauthorized),
        Access::Granted => {}
    }
    let (filter, errors) = read_filter(query);
    if let Some(error) = errors.first() {
        return Err(Problem::WrongShape {
            field: Some(error.field.to_string()),
            detail: format!("{}.", error.message),
        });
    }
    let rows = state.db.export(&filter.selection()).map(|row| match row {
        Ok(answer) => Ok(Bytes::from(csv::row(&answer))),
        Err(error) => {
            tracing::error!(%error, "CSV export stopped");
            Err(std::io::Error::other("the export stopped"))
        }
    });
    let body = futures_util::stream::once(async { Ok(Bytes::from(csv::header())) }).chain(rows);
    let name = format!("attachment; filename=\"feedback-{}.csv\"", session::now_secs());
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (CONTENT_DISPOSITION, HeaderValue::from_str(&name).unwrap_or(HeaderValue::from_static("attachment"))),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

#[derive(Deserialize)]
struct SignIn {
    token: String,
}

/// `POST /explorer/sign-in`: the right token sets the session cookie and goes to the explorer;
/// anything else shows the form again with its error (401).
async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<SignIn>, axum::extract::rejection::FormRejection>,
) -> Result<Response, Problem> {
    let Some(token) = &state.config.explorer_token else { return Err(Problem::NotFound) };
    match form {
        Ok(Form(SignIn { token: given })) if session::token_matches(token, given.trim()) => {
            let cookie = session::set_cookie(&session::issue(token, session::now_secs()), &headers);
            Ok((StatusCode::SEE_OTHER, [(LOCATION, HeaderValue::from_static("/explorer")), (SET_COOKIE, cookie)])
                .into_response())
        }
        _ => {
            tracing::info!("explorer sign-in refused");
            Ok(unauthorized(page::sign_in(true)))
        }
    }
}

/// `POST /explorer/sign-out`: ends the session and shows the sign-in page.
async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, Problem> {
    if state.config.explorer_token.is_none() {
        return Err(Problem::NotFound);
    }
    Ok((
        StatusCode::SEE_OTHER,
        [(LOCATION, HeaderValue::from_static("/explorer")), (SET_COOKIE, session::clear_cookie(&headers))],
    )
        .into_response())
}

/// `GET /explorer/explorer.css`: public, like any stylesheet, once the explorer is open.
async fn stylesheet(State(state): State<AppState>) -> Result<Response, Problem> {
    if state.config.explorer_token.is_none() {
        return Err(Problem::NotFound);
    }
    Ok(([(CONTENT_TYPE, "text/css; charset=utf-8"), (CACHE_CONTROL, "max-age=3600")], STYLESHEET).into_response())
}
