//! The database: SQLite or PostgreSQL behind one set of named queries, each written once in SQL
//! both understand (`$1` placeholders, `ON CONFLICT`, window functions). Migrations are numbered
//! SQL files per backend (`migrations/`), run at start.

use crate::config::Database;
use crate::widget::Submission;
use futures_util::{Stream, StreamExt};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// How long a request waits for a connection before the receiver answers 503: under the widget's
/// 5 s abort, so the widget hears "try again" rather than nothing.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// How long an SQLite write waits for another writer to finish.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// The longest a PostgreSQL statement may run (the explorer's, over many rows).
const STATEMENT_TIMEOUT: &str = "10s";

/// Connections to the one database the receiver uses.
#[derive(Clone, Debug)]
pub enum Db {
    /// SQLite lets one connection write at a time: answers queue for the one writer (in order,
    /// without the busy-wait and back-off of several writers contending), while the explorer
    /// reads through its own connections (WAL lets them read during a write).
    Sqlite {
        writer: SqlitePool,
        reader: SqlitePool,
    },
    Postgres(PgPool),
}

/// Runs the same expression on whichever pool reads: `on_pool!(db, pool => query.fetch_all(pool))`.
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            Db::Sqlite { reader: $pool, .. } => $body,
            Db::Postgres($pool) => $body,
        }
    };
}

/// Runs the same expression on whichever pool writes.
macro_rules! on_writer {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            Db::Sqlite { writer: $pool, .. } => $body,
            Db::Postgres($pool) => $body,
        }
    };
}

/// What storing an answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// The first answer with its id: now stored.
    New,
    /// An answer with this id was already stored; nothing changed.
    AlreadyThere,
}

/// The answers the explorer is asked about: each part that is set narrows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub article: Option<String>,
    /// Answers given at or after this time (`answered_at` form).
    pub from: Option<String>,
    /// Answers given before this time (`answered_at` form).
    pub until: Option<String>,
    pub origin: Option<String>,
    /// `standalone`, `page` or `inline`.
    pub placement: Option<String>,
}

impl Selection {
    /// The `WHERE` clause (empty when nothing is selected) and its values, numbered from `$1`.
    fn clause(&self) -> (String, Vec<String>) {
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        for (condition, value) in [
            ("article = ", &self.article),
            ("answered_at >= ", &self.from),
            ("answered_at < ", &self.until),
            ("origin = ", &self.origin),
            ("placement = ", &self.placement),
        ] {
            if let Some(value) = value {
                values.push(value.clone());
                conditions.push(format!("{condition}${}", values.len()));
            }
        }
        let clause = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
        (clause, values)
    }
}

/// Answers and helpful answers for one article.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ArticleCount {
    pub article: String,
    pub answers: i64,
    pub helpful: i64,
    /// Answers with a comment.
    pub commented: i64,
}

/// Answers and helpful answers for one article on one day (`YYYY-MM-DD`, UTC).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DayCount {
    pub article: String,
    pub day: String,
    pub answers: i64,
    pub helpful: i64,
}

/// One stored answer, as the explorer shows it and the CSV lists it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Answer {
    pub id: String,
    pub article: String,
    pub reference: Option<String>,
    pub helpful: bool,
    pub comment: Option<String>,
    pub version: String,
    pub origin: String,
    pub answered_at: String,
    pub received_at: String,
    /// `standalone`, `page` or `inline`; `None` from widgets that did not say.
    pub placement: Option<String>,
}

/// The columns of [`Answer`], in its order.
const ANSWER_COLUMNS: &str =
    "id, article, reference, helpful, comment, version, origin, answered_at, received_at, placement";

impl Db {
    /// Connects and brings the schema up to date. Several receivers may start at once on one
    /// PostgreSQL: sqlx takes an advisory lock while it migrates.
    pub async fn connect(database: &Database, max_connections: u32) -> Result<Self, sqlx::Error> {
        match database {
            Database::Sqlite(url) => {
                // WAL lets the explorer read while answers are written; FULL syncs each commit, so
                // an answer the receiver acknowledged survives the machine losing power.
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT);
                let writer = SqlitePoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(ACQUIRE_TIMEOUT)
                    .connect_with(options.clone())
                    .await?;
                sqlx::migrate!("./migrations/sqlite").run(&writer).await?;
                let reader = SqlitePoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(ACQUIRE_TIMEOUT)
                    .connect_with(options.read_only(true))
                    .await?;
                Ok(Db::Sqlite { writer, reader })
            }
            Database::Postgres(url) => {
                let options = PgConnectOptions::from_str(url)?
                    .application_name("nhs-login-help-receiver")
                    .options([("statement_timeout", STATEMENT_TIMEOUT)]);
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(ACQUIRE_TIMEOUT)
                    .connect_with(options)
                    .await?;
                sqlx::migrate!("./migrations/postgres").run(&pool).await?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    /// `sqlite` or `postgres`, for logs.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite { .. } => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Stores an answer unless one with its id is stored already. The primary key decides, in
    /// one statement, so concurrent duplicates (two tabs, two receivers) store exactly one row.
    pub async fn insert(&self, answer: &Submission) -> Result<Stored, sqlx::Error> {
        const SQL: &str =
            "INSERT INTO feedback (id, article, reference, helpful, comment, version, origin, answered_at, placement) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING";
        let affected = on_writer!(self, pool => sqlx::query(SQL)
            .bind(&answer.id)
            .bind(&answer.article)
            .bind(&answer.reference)
            .bind(answer.helpful)
            .bind(&answer.comment)
            .bind(&answer.version)
            .bind(&answer.origin)
            .bind(&answer.timestamp)
            .bind(answer.placement.map(|placement| placement.name()))
            .execute(pool)
            .await?
            .rows_affected());
        Ok(if affected == 1 { Stored::New } else { Stored::AlreadyThere })
    }

    /// Whether the database answers: the readiness check.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    /// How many answers there are with each id, for the tests' "stored exactly once".
    pub async fn count(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self, pool => sqlx::query_scalar("SELECT COUNT(*) FROM feedback").fetch_one(pool).await)
    }

    /// Answers and helpful answers per article, most answered first.
    pub async fn per_article(&self, selection: &Selection) -> Result<Vec<ArticleCount>, sqlx::Error> {
        let (clause, values) = selection.clause();
        let sql = format!(
            "SELECT article, COUNT(*) AS answers, SUM(CASE WHEN helpful THEN 1 ELSE 0 END) AS helpful, \
             SUM(CASE WHEN comment IS NULL THEN 0 ELSE 1 END) AS commented FROM feedback {clause} GROUP BY article ORDER BY answers DESC, article"
        );
        on_pool!(self, pool => {
            let mut query = sqlx::query_as(&sql);
            for value in &values {
                query = query.bind(value);
            }
            query.fetch_all(pool).await
        })
    }

    /// Answers and helpful answers per article and day, oldest day first.
    pub async fn per_day(&self, selection: &Selection) -> Result<Vec<DayCount>, sqlx::Error> {
        let (clause, values) = selection.clause();
        let sql = format!(
            "SELECT article, substr(answered_at, 1, 10) AS day, COUNT(*) AS answers, \
             SUM(CASE WHEN helpful THEN 1 ELSE 0 END) AS helpful \
             FROM feedback {clause} GROUP BY article, substr(answered_at, 1, 10) ORDER BY article, day"
        );
        on_pool!(self, pool => {
            let mut query = sqlx::query_as(&sql);
            for value in &values {
                query = query.bind(value);
            }
            query.fetch_all(pool).await
        })
    }

    /// The newest `per_article` answers with a comment for each article, newest first.
    pub async fn comments(&self, selection: &Selection, per_article: i64) -> Result<Vec<Answer>, sqlx::Error> {
        let (clause, values) = selection.clause();
        let with_comment = if clause.is_empty() { "WHERE comment IS NOT NULL" } else { " AND comment IS NOT NULL" };
        let limit = values.len() + 1;
        let sql = format!(
            "SELECT {ANSWER_COLUMNS} FROM (SELECT {ANSWER_COLUMNS}, ROW_NUMBER() OVER \
             (PARTITION BY article ORDER BY answered_at DESC, id) AS n FROM feedback {clause}{with_comment}) AS newest \
             WHERE n <= ${limit} ORDER BY article, answered_at DESC, id"
        );
        on_pool!(self, pool => {
            let mut query = sqlx::query_as(&sql);
            for value in &values {
                query = query.bind(value);
            }
            query.bind(per_article).fetch_all(pool).await
        })
    }

    /// Every origin that has sent answers, for the explorer's filter.
    pub async fn origins(&self) -> Result<Vec<String>, sqlx::Error> {
        const SQL: &str = "SELECT DISTINCT origin FROM feedback ORDER BY origin";
        on_pool!(self, pool => sqlx::query_scalar(SQL).fetch_all(pool).await)
    }

    /// Every article that has answers, for the explorer's filter.
    pub async fn articles(&self) -> Result<Vec<String>, sqlx::Error> {
        const SQL: &str = "SELECT DISTINCT article FROM feedback ORDER BY article";
        on_pool!(self, pool => sqlx::query_scalar(SQL).fetch_all(pool).await)
    }

    /// Every selected answer, newest first, as a stream: the CSV export, however many there are,
    /// without holding them all in memory.
    pub fn export(&self, selection: &Selection) -> impl Stream<Item = Result<Answer, sqlx::Error>> + Send + 'static {
        let (clause, values) = selection.clause();
        let sql = format!("SELECT {ANSWER_COLUMNS} FROM feedback {clause} ORDER BY answered_at DESC, id");
        let (sender, receiver) = tokio::sync::mpsc::channel(256);
        let db = self.clone();
        tokio::spawn(async move {
            on_pool!(&db, pool => {
                let mut query = sqlx::query_as::<_, Answer>(&sql);
                for value in &values {
                    query = query.bind(value);
                }
                let mut rows = query.fetch(pool);
                while let Some(row) = rows.next().await {
                    let failed = row.is_err();
                    if sender.send(row).await.is_err() || failed {
                        break;
                    }
                }
            })
        });
        tokio_stream::wrappers::ReceiverStream::new(receiver)
    }

    /// Closes every connection, once requests in flight are done.
    pub async fn close(&self) {
        on_writer!(self, pool => pool.close().await);
        on_pool!(self, pool => pool.close().await);
    }
}
