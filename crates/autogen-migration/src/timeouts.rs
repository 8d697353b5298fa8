//! Statement timeouts for a migration run, and the errors that mean "a lock was not
//! granted in time" (the ones a run may retry).
//!
//! The run's connection gets the timeouts when it is opened (PostgreSQL startup options,
//! MySQL/MariaDB `SET SESSION` on each new connection, SQLite's busy handler), so that a
//! reconnect keeps them. A step that needs other values calls [`set_timeouts`] first.

use std::time::Duration;

use sea_orm_migration::SchemaManagerConnection;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectOptions, ConnectionTrait, DbBackend};

use crate::config::RuntimeConfig;

/// Timeouts for the statements that follow, for one step that needs other values than
/// the run's (`[runtime]` in `autogen.toml`). `None` keeps the current value.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timeouts {
    /// How long a statement waits for a lock (PostgreSQL `lock_timeout`, MySQL
    /// `lock_wait_timeout`, SQLite `busy_timeout`).
    pub lock: Option<Duration>,
    /// How long a statement may run (PostgreSQL `statement_timeout`; MariaDB
    /// `max_statement_time`; MySQL and SQLite have no such setting for DDL).
    pub statement: Option<Duration>,
}

/// Sets timeouts for the rest of the step. On PostgreSQL inside the migration's
/// transaction they last until it ends (`SET LOCAL`); elsewhere until the run's connection
/// is set again. For an index build that may take long:
///
/// ```ignore
/// autogen_migration::set_timeouts(manager, Timeouts { statement: Some(Duration::ZERO), ..Default::default() }).await?;
/// ```
pub async fn set_timeouts(manager: &SchemaManager<'_>, timeouts: Timeouts) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    let in_transaction = matches!(
        manager.get_connection(),
        SchemaManagerConnection::Transaction(_)
    );
    for statement in timeout_statements(backend, timeouts, in_transaction) {
        manager
            .get_connection()
            .execute_unprepared(&statement)
            .await
            .map_err(|e| DbErr::Migration(format!("{e}\n  while running: {statement}")))?;
    }
    Ok(())
}

/// The statements that set `timeouts` on one backend.
pub(crate) fn timeout_statements(
    backend: DbBackend,
    timeouts: Timeouts,
    in_transaction: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    match backend {
        DbBackend::Postgres => {
            let set = if in_transaction { "SET LOCAL" } else { "SET" };
            if let Some(d) = timeouts.lock {
                out.push(format!("{set} lock_timeout = '{}ms'", d.as_millis()));
            }
            if let Some(d) = timeouts.statement {
                out.push(format!("{set} statement_timeout = '{}ms'", d.as_millis()));
            }
        }
        DbBackend::MySql => {
            if let Some(d) = timeouts.lock {
                let secs = mysql_seconds(d);
                out.push(format!(
                    "SET SESSION lock_wait_timeout = {secs}, innodb_lock_wait_timeout = {secs}"
                ));
            }
        }
        _ => {
            if let Some(d) = timeouts.lock {
                out.push(format!("PRAGMA busy_timeout = {}", d.as_millis()));
            }
        }
    }
    out
}

/// The statements that give a SQL script the run's timeouts, as the runtime sets them on
/// its own connection: for a script run by hand (`autogen diff --format sql | psql`), so
/// that a step blocked behind a lock fails after `lock_timeout` instead of queueing every
/// other query behind it. `backend` is the URL scheme's backend name (`postgres`, `mysql`;
/// SQLite scripts take none: its busy handler is the connection's).
pub fn script_timeouts(backend: &str, config: &RuntimeConfig) -> Vec<String> {
    let backend = match backend {
        "postgres" => DbBackend::Postgres,
        "mysql" => DbBackend::MySql,
        _ => return Vec::new(),
    };
    let run = Timeouts {
        lock: Some(config.lock_timeout),
        statement: Some(config.statement_timeout),
    };
    timeout_statements(backend, run, false)
}

/// MySQL takes whole seconds, at least one.
fn mysql_seconds(d: Duration) -> u64 {
    d.as_secs_f64().ceil().max(1.0) as u64
}

/// The backend a URL names, by its scheme.
pub(crate) fn backend_of_url(url: &str) -> Option<DbBackend> {
    let scheme = url.split_once(':')?.0;
    match scheme {
        "postgres" | "postgresql" => Some(DbBackend::Postgres),
        "mysql" | "mariadb" => Some(DbBackend::MySql),
        "sqlite" => Some(DbBackend::Sqlite),
        _ => None,
    }
}

/// Connection options for the run's connection: one connection (so that a step's
/// [`set_timeouts`] applies to the statements after it), with the configured timeouts.
pub(crate) fn run_connect_options(url: &str, config: &RuntimeConfig) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_string());
    options.max_connections(1).sqlx_logging(false);
    #[allow(unused_variables)]
    let run = Timeouts {
        lock: Some(config.lock_timeout),
        statement: Some(config.statement_timeout),
    };
    match backend_of_url(url) {
        #[cfg(feature = "sqlx-postgres")]
        Some(DbBackend::Postgres) => {
            let lock = format!("{}ms", config.lock_timeout.as_millis());
            let statement = format!("{}ms", config.statement_timeout.as_millis());
            options.map_sqlx_postgres_opts(move |o| {
                o.options([
                    ("lock_timeout", lock.as_str()),
                    ("statement_timeout", statement.as_str()),
                ])
            });
        }
        #[cfg(feature = "sqlx-mysql")]
        Some(DbBackend::MySql) => {
            let statements = timeout_statements(DbBackend::MySql, run, false);
            options.map_sqlx_mysql_pool_opts(move |pool| {
                let statements = statements.clone();
                pool.after_connect(move |conn, _| {
                    let statements = statements.clone();
                    Box::pin(async move {
                        use sea_orm_migration::sea_orm::sqlx;
                        for s in statements {
                            sqlx::raw_sql(sqlx::AssertSqlSafe(s))
                                .execute(&mut *conn)
                                .await?;
                        }
                        Ok(())
                    })
                })
            });
        }
        #[cfg(feature = "sqlx-sqlite")]
        Some(DbBackend::Sqlite) => {
            let busy = config.busy_timeout;
            options.map_sqlx_sqlite_opts(move |o| o.busy_timeout(busy));
        }
        _ => {}
    }
    options
}

/// What kind of failure an error is, for the retry decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// A lock was not granted in time (PostgreSQL `55P03`, MySQL 1205, SQLite busy): the
    /// statement changed nothing and may be retried.
    LockTimeout,
    /// Anything else.
    Other,
}

/// Classifies an error by the database's code where the error still carries it, else by
/// the server's message (a migration's own helpers wrap errors into text).
pub(crate) fn classify(err: &DbErr) -> Failure {
    if let Some(code) = database_code(err) {
        return match code.as_str() {
            "55P03" | "1205" | "5" | "517" => Failure::LockTimeout,
            _ => Failure::Other,
        };
    }
    let text = err.to_string();
    let lock_timeout = text.contains("due to lock timeout")
        || text.contains("1205 (HY000)")
        || text.contains("Lock wait timeout exceeded")
        || text.contains("database is locked");
    if lock_timeout {
        Failure::LockTimeout
    } else {
        Failure::Other
    }
}

/// The SQLSTATE (PostgreSQL), error number (MySQL) or result code (SQLite) of an error
/// that comes straight from the driver.
#[cfg(any(
    feature = "sqlx-postgres",
    feature = "sqlx-mysql",
    feature = "sqlx-sqlite"
))]
fn database_code(err: &DbErr) -> Option<String> {
    use sea_orm_migration::sea_orm::{RuntimeErr, sqlx};
    let runtime = match err {
        DbErr::Exec(r) | DbErr::Query(r) | DbErr::Conn(r) => r,
        _ => return None,
    };
    let RuntimeErr::SqlxError(e) = runtime else {
        return None;
    };
    let sqlx::Error::Database(db) = e.as_ref() else {
        return None;
    };
    #[cfg(feature = "sqlx-mysql")]
    if let Some(my) = db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
        return Some(my.number().to_string());
    }
    db.code().map(|c| c.into_owned())
}

#[cfg(not(any(
    feature = "sqlx-postgres",
    feature = "sqlx-mysql",
    feature = "sqlx-sqlite"
)))]
fn database_code(_err: &DbErr) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_per_backend() {
        let t = Timeouts {
            lock: Some(Duration::from_millis(1500)),
            statement: Some(Duration::from_secs(60)),
        };
        assert_eq!(
            timeout_statements(DbBackend::Postgres, t, true),
            [
                "SET LOCAL lock_timeout = '1500ms'",
                "SET LOCAL statement_timeout = '60000ms'"
            ]
        );
        assert_eq!(
            timeout_statements(DbBackend::MySql, t, false),
            ["SET SESSION lock_wait_timeout = 2, innodb_lock_wait_timeout = 2"]
        );
        assert_eq!(
            timeout_statements(DbBackend::Sqlite, t, false),
            ["PRAGMA busy_timeout = 1500"]
        );
    }

    #[test]
    fn wrapped_lock_timeouts_are_recognised_by_their_message() {
        let pg = DbErr::Migration(
            "error returned from database: canceling statement due to lock timeout\n  while running: ALTER TABLE t".into(),
        );
        let my = DbErr::Migration(
            "error returned from database: 1205 (HY000): Lock wait timeout exceeded; try restarting transaction".into(),
        );
        assert_eq!(classify(&pg), Failure::LockTimeout);
        assert_eq!(classify(&my), Failure::LockTimeout);
        assert_eq!(
            classify(&DbErr::Migration("relation \"t\" does not exist".into())),
            Failure::Other
        );
    }
}
