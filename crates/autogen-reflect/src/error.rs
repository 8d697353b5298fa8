//! Reflection errors, each one line a user can act on.

/// Why a database could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReflectError {
    /// The URL does not parse.
    #[error("bad database URL {url:?}: {reason}")]
    BadUrl {
        /// The URL, secrets hidden ([`crate::redact`]).
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The URL's scheme names no supported dialect.
    #[error("unknown database URL scheme {0:?}: use postgres://, mysql:// or sqlite://")]
    UnknownScheme(String),
    /// The server did not answer in time.
    #[error(
        "timed out after {} {what} {url}: the server did not answer (raise [database] {setting} in autogen.toml if it is only slow)",
        seconds(*after)
    )]
    Timeout {
        /// The URL, secrets hidden.
        url: String,
        /// What was waited for: `connecting to`, `reading`.
        what: &'static str,
        /// How long.
        after: std::time::Duration,
        /// The setting that bounds it: `connect_timeout` or `statement_timeout`.
        setting: &'static str,
    },
    /// The server could not be reached.
    #[error("cannot reach the database server for {url}: {reason}")]
    Unreachable {
        /// The URL, secrets hidden.
        url: String,
        /// The underlying error.
        reason: String,
    },
    /// The server refused the credentials.
    #[error("authentication failed for {url}: {reason}")]
    Authentication {
        /// The URL, secrets hidden.
        url: String,
        /// The server's message.
        reason: String,
    },
    /// The database does not exist (or the SQLite file cannot be opened).
    #[error("database does not exist: {url}: {reason}")]
    MissingDatabase {
        /// The URL, secrets hidden.
        url: String,
        /// The server's message.
        reason: String,
    },
    /// Any other connection failure.
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The URL, secrets hidden.
        url: String,
        /// The underlying error.
        reason: String,
    },
    /// The PostgreSQL schema (namespace) does not exist.
    #[error("schema {0:?} does not exist in the database")]
    MissingSchema(String),
    /// A catalog query failed.
    #[error("reading the catalog failed: {0}")]
    Query(#[from] sqlx::Error),
    /// A statement given to `execute` failed.
    #[error("statement failed: {source}\n  in: {sql}")]
    Statement {
        /// The statement.
        sql: String,
        /// The database's error.
        #[source]
        source: sqlx::Error,
    },
    /// The catalog held something reflection does not understand.
    #[error("cannot read {object}: {reason}")]
    Unsupported {
        /// Which table, column, index…
        object: String,
        /// What was found.
        reason: String,
    },
}

impl ReflectError {
    /// Classifies a connection error by the server's error code.
    pub(crate) fn connect(url: &str, error: sqlx::Error) -> ReflectError {
        let reason = match &error {
            sqlx::Error::Database(db) => db.message().to_string(),
            other => other.to_string(),
        };
        // A driver may quote the URL, or a part of it, in its message.
        let reason = crate::redact::scrub(&reason, url);
        let url = crate::redact::redact(url);
        match &error {
            sqlx::Error::Configuration(_) => ReflectError::BadUrl { url, reason },
            sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::Tls(_) => {
                ReflectError::Unreachable { url, reason }
            }
            sqlx::Error::Database(db) => match server_code(db.as_ref()).as_deref() {
                // PostgreSQL invalid_password / invalid_authorization; MySQL access denied.
                Some("28P01" | "28000" | "1045" | "1044" | "1698") => {
                    ReflectError::Authentication { url, reason }
                }
                // PostgreSQL invalid_catalog_name; MySQL unknown database; SQLite CANTOPEN.
                Some("3D000" | "1049" | "14") => ReflectError::MissingDatabase { url, reason },
                _ => ReflectError::Connect { url, reason },
            },
            _ => ReflectError::Connect { url, reason },
        }
    }
}

/// The server's own error code: MySQL's error number (not its SQLSTATE), else the code.
fn server_code(db: &dyn sqlx::error::DatabaseError) -> Option<String> {
    if let Some(my) = db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
        return Some(my.number().to_string());
    }
    db.code().map(|c| c.into_owned())
}

/// `2s`, `0.5s`: a duration as autogen.toml spells it.
fn seconds(d: std::time::Duration) -> String {
    format!("{}s", d.as_secs_f64())
}
