//! Pre-checks: before any DDL of a migration runs, count the rows a data-dependent step
//! would fail on (duplicates for a new unique key, NULLs for `SET NOT NULL`, values too
//! long or too large for a narrower type) and stop with that count, so that a migration
//! never fails half-way on data — on MySQL/MariaDB and SQLite, where DDL is not rolled
//! back, that would leave it half-applied.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

/// Runs `query` (a `SELECT count(*) …` that counts the offending rows) and returns an
/// error naming `description` and the count when it counts any. Generated migrations call
/// it at the top of `up`, before the first step:
///
/// ```ignore
/// precheck(manager, "accounts.email NULL → NOT NULL: rows where it is NULL",
///     r#"SELECT count(*) FROM "accounts" WHERE "email" IS NULL"#).await?;
/// ```
pub async fn precheck(
    manager: &SchemaManager<'_>,
    description: &str,
    query: &str,
) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    let row = manager
        .get_connection()
        .query_one_raw(Statement::from_string(backend, query))
        .await
        .map_err(|e| {
            DbErr::Migration(format!(
                "pre-check of {description} failed: {e}\n  while running: {query}"
            ))
        })?;
    let count: i64 = match row {
        Some(row) => row.try_get_by_index(0).map_err(|e| {
            DbErr::Migration(format!(
                "pre-check of {description}: its count is not an integer ({e})\n  query: {query}"
            ))
        })?,
        None => 0,
    };
    if count > 0 {
        return Err(DbErr::Migration(format!(
            "pre-check failed, nothing was changed: {count} row(s) would make this step fail: {description}\n  \
             fix the data first; the rows: {query}"
        )));
    }
    Ok(())
}
