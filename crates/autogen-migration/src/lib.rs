//! Runtime helpers for the migrations `autogen` generates.
//!
//! A generated migration builds its statements with sea-query through
//! [`SchemaManager`], so one file runs on PostgreSQL, MySQL/MariaDB and SQLite. Where the
//! backends need different text (a type spelling, a default, a statement sea-query cannot
//! express) it calls these helpers:
//!
//! - [`per_backend`] picks one of three values by the connection's backend;
//! - [`sql`] is a verbatim SQL expression (sea-query would wrap a custom expression in
//!   parentheses, which changes what some backends store as a column default);
//! - [`run_sql`] runs statements as written;
//! - [`done`] checks the catalog for a step's result, so that a rerun of a migration
//!   that failed half-way skips the steps that already ran; [`run_unless`] is that check
//!   and a builder statement in one call;
//! - [`precheck`] counts the rows a data-dependent step would fail on and stops the
//!   migration, before any DDL runs, when there are any;
//! - [`sqlite_rebuild`] runs SQLite's table rebuild by SQLite's documented procedure:
//!   one transaction, dependent views and triggers recreated, nothing left on failure.
//!
//! And the run's safety net (docs/runtime.md): [`cli::run_cli`] (or [`runner::run`]) runs
//! the migrations under a lock (one runner per database), logs every statement to
//! `autogen_migration_log`, sets lock and statement timeouts ([`set_timeouts`] per step),
//! and retries a run that failed on a lock timeout. [`record_before`] and
//! [`verify_unchanged`] prove with data checksums that a step left a table's rows as they
//! were ([`checksum`]).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

pub mod backfill;
pub mod checksum;
pub mod cli;
pub mod config;
mod guard;
pub mod lock;
pub mod log;
mod precheck;
pub mod runner;
mod sqlite;
pub mod timeouts;

pub use backfill::{Backfill, backfill, forget_backfill};
pub use checksum::{record_before, verify_unchanged};
pub use guard::{Done, done};
pub use precheck::precheck;
pub use timeouts::{Timeouts, set_timeouts};

/// Error text with every database URL in it made printable (no password, no secret
/// query value): the one redaction function, `autogen_reflect::redact_urls_in`.
pub(crate) fn redact_urls(text: &str) -> String {
    autogen_reflect::redact_urls_in(text)
}

/// The value for the connection's backend, from `[postgres, mysql, sqlite]`.
///
/// ```ignore
/// ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))
/// ```
pub fn per_backend<T: Copy>(manager: &SchemaManager, values: [T; 3]) -> T {
    match manager.get_database_backend() {
        DbBackend::Postgres => values[0],
        DbBackend::MySql => values[1],
        _ => values[2],
    }
}

/// A SQL expression written out as is, for column defaults: `sql("CURRENT_TIMESTAMP")`,
/// `sql("'it''s'")`. sea-query writes it verbatim, without the parentheses it puts around
/// other custom expressions.
pub fn sql(text: &str) -> Expr {
    Expr::Keyword(Keyword::Custom(text.to_string().into_iden()))
}

/// Runs a builder statement unless the catalog already shows its result (`state`, see
/// [`done`]): one generated step, safe to rerun.
///
/// ```ignore
/// autogen_migration::run_unless(manager, Done::TableExists("accounts"), Table::create()…).await?;
/// ```
pub async fn run_unless<S>(
    manager: &SchemaManager<'_>,
    state: Done<'_>,
    statement: S,
) -> Result<(), DbErr>
where
    S: sea_orm_migration::sea_orm::StatementBuilder,
{
    if done(manager, state).await? {
        return Ok(());
    }
    manager.execute(statement).await
}

/// Runs statements one by one, as written; the first error stops the run and names the
/// statement.
pub async fn run_sql(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    for statement in statements {
        let started = std::time::Instant::now();
        let result = conn.execute_unprepared(statement).await;
        log::record_unmetered(statement, started.elapsed(), result.is_err());
        result.map_err(|e| DbErr::Migration(format!("{e}\n  while running: {statement}")))?;
    }
    Ok(())
}

/// Runs a SQLite table rebuild of `table` (its statements: create the new table, copy,
/// drop, rename, recreate indexes) as SQLite's documentation prescribes, so that it
/// either happens whole or not at all:
///
/// - foreign keys off, outside the transaction (`PRAGMA foreign_keys` applies to one
///   connection: with the `sqlx-sqlite` feature the rebuild runs on one connection taken
///   from the pool), and back to what they were afterwards, also after an error;
/// - one transaction (`BEGIN IMMEDIATE`, or a savepoint when the migration already runs
///   in a transaction, with the checks deferred by `PRAGMA defer_foreign_keys`);
/// - the views and triggers that use the table saved from `sqlite_schema`, dropped
///   before the copy and recreated after it;
/// - `PRAGMA foreign_key_check` before the commit when foreign keys were on;
/// - on any failure, a rollback: the table, its rows, views and triggers are as before.
///
/// It is safe to rerun: a copy table left by an earlier autogen (which ran these
/// statements without a transaction) is dropped when the table is still there, and a
/// table whose stored definition already is the target is left alone.
pub async fn sqlite_rebuild(
    manager: &SchemaManager<'_>,
    table: &str,
    statements: &[&str],
) -> Result<(), DbErr> {
    use sea_orm_migration::SchemaManagerConnection as Executor;
    match manager.get_connection() {
        #[cfg(feature = "sqlx-sqlite")]
        Executor::Connection(db) if db.get_database_backend() == DbBackend::Sqlite => {
            rebuild_on_one_connection(db, table, statements).await
        }
        Executor::Connection(_) => Err(DbErr::Migration(format!(
            "SQLite rebuild of table {table}: it needs one connection for its PRAGMA and \
             transaction; enable the `sqlx-sqlite` feature of autogen-migration"
        ))),
        conn => {
            // Inside the migration's transaction `PRAGMA foreign_keys` is ignored: defer
            // the checks to the commit instead, and use a savepoint.
            let mut e = sqlite::SeaOrm(conn);
            run_sql(manager, &["PRAGMA defer_foreign_keys = ON"]).await?;
            let on = foreign_keys_on(&mut e).await;
            let result = sqlite::rebuild(&mut e, table, statements, true, on).await;
            let restored = run_sql(manager, &["PRAGMA defer_foreign_keys = OFF"]).await;
            result.and(restored)
        }
    }
}

async fn foreign_keys_on<E: sqlite::Exec>(e: &mut E) -> bool {
    e.rows(
        "SELECT CAST(foreign_keys AS TEXT) FROM pragma_foreign_keys",
        1,
    )
    .await
    .ok()
    .and_then(|rows| rows.into_iter().next())
    .and_then(|row| row.into_iter().next().flatten())
    .is_some_and(|v| v == "1")
}

#[cfg(feature = "sqlx-sqlite")]
async fn rebuild_on_one_connection(
    db: &sea_orm_migration::sea_orm::DatabaseConnection,
    table: &str,
    statements: &[&str],
) -> Result<(), DbErr> {
    use sqlite::Exec;
    let mut conn = db
        .get_sqlite_connection_pool()
        .acquire()
        .await
        .map_err(|e| DbErr::Migration(format!("SQLite rebuild of table {table}: {e}")))?;
    let was_on = foreign_keys_on(&mut conn).await;
    let pragma = |on: bool| format!("PRAGMA foreign_keys = {}", if on { "ON" } else { "OFF" });
    if let Err(e) = conn.run(&pragma(false)).await {
        return Err(DbErr::Migration(format!(
            "SQLite rebuild of table {table}: {e}\n  while running: {}",
            pragma(false)
        )));
    }
    let result = sqlite::rebuild(&mut conn, table, statements, false, was_on).await;
    let restored = conn.run(&pragma(was_on)).await;
    if restored.is_err() {
        // A connection whose foreign keys may still be off does not go back to the pool.
        conn.close_on_drop();
    }
    result.and(restored.map_err(|e| {
        DbErr::Migration(format!(
            "SQLite rebuild of table {table}: {e}\n  while running: {}",
            pragma(was_on)
        ))
    }))
}
