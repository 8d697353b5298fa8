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
//! - [`sqlite_rebuild`] runs SQLite's table rebuild with foreign keys off, on one
//!   connection.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

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

/// Runs statements one by one, as written; the first error stops the run and names the
/// statement.
pub async fn run_sql(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    for statement in statements {
        conn.execute_unprepared(statement)
            .await
            .map_err(|e| DbErr::Migration(format!("{e}\n  while running: {statement}")))?;
    }
    Ok(())
}

/// Runs the statements of a SQLite table rebuild (create the new table, copy, drop,
/// rename, recreate indexes) with foreign keys off, and turns them back on afterwards,
/// also when a statement fails.
///
/// `PRAGMA foreign_keys` applies to one connection and is ignored inside a transaction:
/// on a pooled connection the rebuild runs on one connection taken from the pool (with
/// the `sqlx-sqlite` feature); inside a transaction the statements run as they are, with
/// the checks deferred to the commit (`PRAGMA defer_foreign_keys`).
pub async fn sqlite_rebuild(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    use sea_orm_migration::SchemaManagerConnection as Executor;
    #[cfg(feature = "sqlx-sqlite")]
    if let Executor::Connection(db) = manager.get_connection()
        && db.get_database_backend() == DbBackend::Sqlite
    {
        return rebuild_on_one_connection(db, statements).await;
    }
    let in_transaction = !matches!(manager.get_connection(), Executor::Connection(_));
    let (off, on) = if in_transaction {
        (
            "PRAGMA defer_foreign_keys = ON",
            "PRAGMA defer_foreign_keys = OFF",
        )
    } else {
        ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON")
    };
    run_sql(manager, &[off]).await?;
    let result = run_sql(manager, statements).await;
    let restored = run_sql(manager, &[on]).await;
    result.and(restored)
}

#[cfg(feature = "sqlx-sqlite")]
async fn rebuild_on_one_connection(
    db: &sea_orm_migration::sea_orm::DatabaseConnection,
    statements: &[&str],
) -> Result<(), DbErr> {
    use sea_orm_migration::sea_orm::sqlx;
    let err = |e: sqlx::Error, s: &str| DbErr::Migration(format!("{e}\n  while running: {s}"));
    let mut conn = db
        .get_sqlite_connection_pool()
        .acquire()
        .await
        .map_err(|e| err(e, "acquire a connection"))?;
    sqlx::raw_sql("PRAGMA foreign_keys = OFF")
        .execute(&mut *conn)
        .await
        .map_err(|e| err(e, "PRAGMA foreign_keys = OFF"))?;
    let mut result = Ok(());
    for statement in statements {
        if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(String::from(*statement)))
            .execute(&mut *conn)
            .await
        {
            result = Err(err(e, statement));
            break;
        }
    }
    let restored = sqlx::raw_sql("PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await
        .map(|_| ())
        .map_err(|e| err(e, "PRAGMA foreign_keys = ON"));
    result.and(restored)
}
