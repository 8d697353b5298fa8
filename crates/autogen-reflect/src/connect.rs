//! Opening a database: timeouts, read-only SQLite, and errors that name the URL with its
//! secrets hidden.

use std::str::FromStr;
use std::time::Duration;

use autogen_schema::Dialect;
use sqlx::sqlite::SqliteConnectOptions;

use crate::redact::redact;
use crate::{Pool, ReflectError, dialect_of_url};

/// How to connect and how long to wait.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Longest wait for the server to accept a session; `None` waits forever.
    pub connect_timeout: Option<Duration>,
    /// Longest a read (the whole catalog reflection, the migration table) or a statement
    /// may take; `None` waits forever.
    pub statement_timeout: Option<Duration>,
    /// Open for reading only: a SQLite file is opened read-only and never created, and a
    /// missing one is [`ReflectError::MissingDatabase`].
    pub read_only: bool,
}

impl ConnectOptions {
    /// The default connect timeout.
    pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default statement timeout.
    pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(300);
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions {
            connect_timeout: Some(Self::CONNECT_TIMEOUT),
            statement_timeout: Some(Self::STATEMENT_TIMEOUT),
            read_only: false,
        }
    }
}

/// Opens a pool on `url`; also returns the URL as errors show it.
pub(crate) async fn open(
    url: &str,
    options: &ConnectOptions,
) -> Result<(Pool, String), ReflectError> {
    let dialect = dialect_of_url(url)?;
    let url = &url.replacen("mariadb://", "mysql://", 1);
    let shown = redact(url);
    let work = async {
        // A pool retries refused connections until its timeout; one plain connection
        // first fails at once with the real cause (refused, unknown database, password).
        probe(dialect, url)
            .await
            .map_err(|e| ReflectError::connect(url, e))?;
        pool(dialect, url, options).await
    };
    let pool = match options.connect_timeout {
        None => work.await?,
        Some(limit) => {
            tokio::time::timeout(limit, work)
                .await
                .map_err(|_| ReflectError::Timeout {
                    url: shown.clone(),
                    what: "connecting to",
                    after: limit,
                    setting: "connect_timeout",
                })??
        }
    };
    Ok((pool, shown))
}

async fn pool(dialect: Dialect, url: &str, options: &ConnectOptions) -> Result<Pool, ReflectError> {
    // The pool's own wait for a connection, so that a reconnect after the first is bounded too.
    let acquire = options
        .connect_timeout
        .unwrap_or(Duration::from_secs(24 * 3600));
    let result = match dialect {
        Dialect::Postgres => sqlx::postgres::PgPoolOptions::new()
            .max_connections(2)
            .acquire_timeout(acquire)
            .connect(url)
            .await
            .map(Pool::Postgres),
        Dialect::Mysql => sqlx::mysql::MySqlPoolOptions::new()
            .max_connections(2)
            .acquire_timeout(acquire)
            .connect(url)
            .await
            .map(Pool::Mysql),
        Dialect::Sqlite => {
            let connect = sqlite_options(url, options)?;
            // One connection, so that `sqlite::memory:` is one database.
            sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(acquire)
                .connect_with(connect)
                .await
                .map(Pool::Sqlite)
        }
    };
    result.map_err(|e| ReflectError::connect(url, e))
}

/// The URL's options; read-only ones never create the file, and say so when it is missing.
fn sqlite_options(
    url: &str,
    options: &ConnectOptions,
) -> Result<SqliteConnectOptions, ReflectError> {
    let parsed = SqliteConnectOptions::from_str(url).map_err(|e| ReflectError::connect(url, e))?;
    if !options.read_only {
        return Ok(parsed);
    }
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    let file = parsed.get_filename().to_path_buf();
    if !in_memory && !file.exists() {
        return Err(ReflectError::MissingDatabase {
            url: redact(url),
            reason: format!(
                "no file {} (read-only commands create nothing)",
                file.display()
            ),
        });
    }
    Ok(parsed.read_only(true).create_if_missing(false))
}

async fn probe(dialect: Dialect, url: &str) -> Result<(), sqlx::Error> {
    use sqlx::Connection;
    match dialect {
        Dialect::Postgres => sqlx::PgConnection::connect(url).await?.close().await,
        Dialect::Mysql => sqlx::MySqlConnection::connect(url).await?.close().await,
        // SQLite opens a file; the pool reports the same errors at once.
        Dialect::Sqlite => Ok(()),
    }
}
