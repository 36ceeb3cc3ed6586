//! The receiver's settings, read from the environment, each wrong value refused with a message
//! that names the variable, what it was and what it should be (the token is never echoed).

use crate::widget::is_origin;
use axum::http::HeaderName;
use std::fmt;
use std::net::SocketAddr;
use std::num::NonZeroU32;

/// The address to listen on when `LISTEN` is not set: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";

/// The database when `DATABASE_URL` is not set: an SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:feedback.sqlite3";

/// Shortest explorer token taken: long enough that guessing it is hopeless, even unthrottled.
pub const MIN_TOKEN_CHARS: usize = 16;

/// Where the answers are kept.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    /// An SQLite file (`sqlite:path`, `sqlite://path`), created when missing; for one receiver.
    Sqlite(String),
    /// A PostgreSQL server (`postgres://…`, `postgresql://…`); for one or many receivers.
    Postgres(String),
}

impl fmt::Debug for Database {
    /// Without the password a PostgreSQL URL may carry.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(url) => write!(f, "Sqlite({url:?})"),
            Database::Postgres(_) => f.write_str("Postgres(..)"),
        }
    }
}

/// How many requests a client may send: `burst` at once, then one more every `60 / per_minute` s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_minute: NonZeroU32,
    pub burst: NonZeroU32,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One line of text per event, fields as `key=value`.
    Text,
    /// One JSON object per event, for a log collector.
    Json,
}

/// Everything the receiver is told at start.
#[derive(Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub database: Database,
    /// The partner origins whose pages may send answers from the browser (CORS), exactly as
    /// `location.origin` writes them.
    pub allowed_origins: Vec<String>,
    /// The explorer's token; `None` keeps the explorer closed (404).
    pub explorer_token: Option<String>,
    /// The widget's gallery (`https://…/gallery.html`), for the explorer's links to an article.
    pub gallery_url: Option<String>,
    /// `None` when rate limiting is off (`RATE_LIMIT_PER_MINUTE=0`).
    pub rate_limit: Option<RateLimit>,
    /// A header a load balancer sets to the client's address (`X-Forwarded-For`): its last
    /// address is the client's. Unset, the peer's address is.
    pub client_ip_header: Option<HeaderName>,
    pub database_max_connections: u32,
    pub log_format: LogFormat,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("database", &self.database)
            .field("allowed_origins", &self.allowed_origins)
            .field("explorer", &self.explorer_token.as_ref().map(|_| "open (token set)"))
            .field("gallery_url", &self.gallery_url)
            .field("rate_limit", &self.rate_limit)
            .field("client_ip_header", &self.client_ip_header)
            .field("database_max_connections", &self.database_max_connections)
            .field("log_format", &self.log_format)
            .finish()
    }
}

/// A variable with a value the receiver cannot use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    /// The value as given, or a description of it where it is a secret.
    pub value: String,
    pub expected: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={:?} is not usable: expected {}", self.variable, self.value, self.expected)
    }
}

impl std::error::Error for ConfigError {}

/// What `--help` prints: every variable, its default and an example.
pub const HELP: &str = "\
nhs-login-help-receiver: receives the NHS login help widget's feedback and serves the explorer.

Configuration, by environment variable:
  LISTEN                    address and port to listen on (default 127.0.0.1:8787)
  DATABASE_URL              sqlite:<file> (default sqlite:feedback.sqlite3, created when missing)
                            or postgres://user:password@host:port/database
  ALLOWED_ORIGINS           partner origins whose pages may send feedback, comma-separated
                            (https://service.example,https://other.example); none by default
  EXPLORER_TOKEN            opens the feedback explorer at /explorer (at least 16 characters);
                            without it the explorer answers 404
  GALLERY_URL               the widget's gallery.html, for the explorer's links to each article
  RATE_LIMIT_PER_MINUTE     requests per client per minute after the burst (default 120; 0 = off)
  RATE_LIMIT_BURST          requests a client may send at once (default 60)
  CLIENT_IP_HEADER          a header your load balancer sets to the client's address, such as
                            X-Forwarded-For (its last address is used); unset, the peer's address
  DATABASE_MAX_CONNECTIONS  connections in the pool (default 10)
  LOG_FORMAT                text (default) or json; RUST_LOG sets the level (default info)
";

impl Config {
    /// Reads the process's environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `var`, which gives a variable's value if it is set. An empty
    /// value counts as unset.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| var(name).map(|value| value.trim().to_string()).filter(|value| !value.is_empty());
        let error = |variable: &'static str, value: &str, expected: &str| ConfigError {
            variable,
            value: value.to_string(),
            expected: expected.to_string(),
        };

        let listen_value = get("LISTEN").unwrap_or_else(|| DEFAULT_LISTEN.to_string());
        let listen = listen_value.parse().map_err(|_| {
            error("LISTEN", &listen_value, "an IP address and port, such as 127.0.0.1:8787 or 0.0.0.0:8787")
        })?;

        let url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        let database = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Database::Postgres(url)
        } else if url.starts_with("sqlite:") && url.len() > "sqlite:".len() {
            Database::Sqlite(url)
        } else {
            let shown = if url.contains('@') { "(a URL with a password, not shown)" } else { url.as_str() };
            return Err(error("DATABASE_URL", shown, "sqlite:<file> or postgres://user:password@host:port/database"));
        };

        let mut allowed_origins = Vec::new();
        for origin in get("ALLOWED_ORIGINS").iter().flat_map(|list| list.split(',')) {
            let origin = origin.trim();
            if origin.is_empty() {
                continue;
            }
            if !is_origin(origin) {
                return Err(error(
                    "ALLOWED_ORIGINS",
                    origin,
                    "origins as a browser writes them, comma-separated: https://service.example (lower case, no path, no trailing /)",
                ));
            }
            allowed_origins.push(origin.to_string());
        }

        let explorer_token = match get("EXPLORER_TOKEN") {
            Some(token)
                if token.chars().count() < MIN_TOKEN_CHARS
                    || token.chars().any(|c| c.is_whitespace() || c.is_control()) =>
            {
                return Err(error(
                    "EXPLORER_TOKEN",
                    &format!("({} characters, not shown)", token.chars().count()),
                    "at least 16 characters without spaces, such as the output of `openssl rand -hex 32`",
                ));
            }
            token => token,
        };

        let gallery_url = match get("GALLERY_URL") {
            Some(url)
                if !(url.starts_with("https://") || url.starts_with("http://"))
                    || url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>')) =>
            {
                return Err(error("GALLERY_URL", &url, "the address of the widget's gallery.html, starting https://"));
            }
            url => url,
        };

        let number = |name: &'static str, default: u32| -> Result<u32, ConfigError> {
            match get(name) {
                None => Ok(default),
                Some(value) => value.parse().map_err(|_| error(name, &value, "a whole number")),
            }
        };
        let per_minute = number("RATE_LIMIT_PER_MINUTE", 120)?;
        let burst_value = number("RATE_LIMIT_BURST", 60)?;
        let rate_limit = match (NonZeroU32::new(per_minute), NonZeroU32::new(burst_value)) {
            (None, _) => None,
            (Some(per_minute), Some(burst)) => Some(RateLimit { per_minute, burst }),
            (Some(_), None) => {
                return Err(error("RATE_LIMIT_BURST", "0", "at least 1 (RATE_LIMIT_PER_MINUTE=0 turns limits off)"))
            }
        };

        let client_ip_header = match get("CLIENT_IP_HEADER") {
            None => None,
            Some(name) => Some(
                HeaderName::try_from(name.to_ascii_lowercase())
                    .map_err(|_| error("CLIENT_IP_HEADER", &name, "a header name, such as X-Forwarded-For"))?,
            ),
        };

        let database_max_connections = number("DATABASE_MAX_CONNECTIONS", 10)?;
        if database_max_connections == 0 {
            return Err(error("DATABASE_MAX_CONNECTIONS", "0", "at least 1"));
        }

        let log_format = match get("LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(error("LOG_FORMAT", other, "text or json")),
        };

        Ok(Config {
            listen,
            database,
            allowed_origins,
            explorer_token,
            gallery_url,
            rate_limit,
            client_ip_header,
            database_max_connections,
            log_format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_vars(|name| vars.get(name).cloned())
    }

    #[test]
    fn nothing_set_gives_a_local_receiver_on_an_sqlite_file_with_the_explorer_closed() {
        let config = config(&[]).unwrap();
        assert_eq!(config.listen.to_string(), DEFAULT_LISTEN);
        assert_eq!(config.database, Database::Sqlite(DEFAULT_DATABASE_URL.into()));
        assert!(config.allowed_origins.is_empty());
        assert_eq!(config.explorer_token, None);
        assert!(config.rate_limit.is_some());
    }

    #[test]
    fn each_setting_is_read() {
        let config = config(&[
            ("LISTEN", "0.0.0.0:9000"),
            ("DATABASE_URL", "postgres://app:secret@127.0.0.1:5432/feedback"),
            ("ALLOWED_ORIGINS", " https://a.example, http://127.0.0.1:8080 ,"),
            ("EXPLORER_TOKEN", "0123456789abcdef"),
            ("GALLERY_URL", "https://widget.example/gallery.html"),
            ("RATE_LIMIT_PER_MINUTE", "0"),
            ("CLIENT_IP_HEADER", "X-Forwarded-For"),
            ("LOG_FORMAT", "json"),
        ])
        .unwrap();
        assert_eq!(config.listen.to_string(), "0.0.0.0:9000");
        assert!(matches!(config.database, Database::Postgres(_)));
        assert_eq!(format!("{:?}", config.database), "Postgres(..)", "no password in logs");
        assert_eq!(config.allowed_origins, ["https://a.example", "http://127.0.0.1:8080"]);
        assert_eq!(config.rate_limit, None);
        assert_eq!(config.client_ip_header.as_ref().map(|name| name.as_str()), Some("x-forwarded-for"));
        assert_eq!(config.log_format, LogFormat::Json);
        assert!(!format!("{config:?}").contains("0123456789abcdef"), "no token in logs");
    }

    #[test]
    fn a_wrong_value_names_its_variable_and_what_was_expected() {
        for (name, value) in [
            ("LISTEN", "localhost"),
            ("DATABASE_URL", "mysql://x"),
            ("ALLOWED_ORIGINS", "https://a.example/"),
            ("EXPLORER_TOKEN", "short"),
            ("GALLERY_URL", "gallery.html"),
            ("RATE_LIMIT_PER_MINUTE", "ten"),
            ("RATE_LIMIT_BURST", "0"),
            ("CLIENT_IP_HEADER", "bad header"),
            ("DATABASE_MAX_CONNECTIONS", "0"),
            ("LOG_FORMAT", "xml"),
        ] {
            let error = config(&[(name, value)]).unwrap_err();
            assert_eq!(error.variable, name);
            assert!(error.to_string().starts_with(&format!("{name}=")), "{error}");
        }
        let error = config(&[("EXPLORER_TOKEN", "secret secret secret")]).unwrap_err();
        assert!(!error.to_string().contains("secret"), "{error}");
    }
}
