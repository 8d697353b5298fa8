//! Batched backfill: an `UPDATE` of a large table in primary-key ranges, each range its
//! own transaction, so that no lock is held for long and a crash loses one batch at most.
//! Each batch's progress row (`outcome = 'backfill'`, the last key done in `progress`) is
//! written to the audit log in the batch's own transaction, so a rerun resumes after the
//! last committed batch.

use std::time::{Duration, Instant, SystemTime};

use autogen_schema::Dialect;
use sea_orm_migration::SchemaManagerConnection;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement,
    TransactionTrait, Value,
};

use crate::lock::host_name;
use crate::log::{LOG_TABLE, create_table, statement_hash, utc};

/// What to backfill.
#[derive(Debug, Clone)]
pub struct Backfill<'a> {
    /// Names the backfill in the log, so that a rerun resumes it: `"orders.amount_cents"`.
    pub name: &'a str,
    /// The table.
    pub table: &'a str,
    /// Its integer primary key column: batches are ranges of it.
    pub key: &'a str,
    /// The assignments, as SQL: `amount_cents = amount * 100`.
    pub set: &'a str,
    /// Which rows still need it, as SQL (`amount_cents IS NULL`); `None`: every row.
    pub filter: Option<&'a str>,
    /// Keys per batch.
    pub batch_size: u32,
    /// Pause between batches, to leave room for the application's queries.
    pub pause: Duration,
}

/// What a backfill did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BackfillReport {
    /// Batches committed by this call.
    pub batches: u64,
    /// Rows the backend reported updated by this call.
    pub rows: u64,
    /// The key after which this call started (a resumed backfill's last key).
    pub resumed_after: Option<i64>,
}

/// Runs the backfill, resuming after the last batch a previous run committed. The
/// revision that calls it must run without a transaction (on PostgreSQL:
/// `fn use_transaction(&self) -> Option<bool> { Some(false) }`), or each batch could not
/// commit. Prints a progress line to stderr after each batch.
pub async fn backfill(
    manager: &SchemaManager<'_>,
    spec: &Backfill<'_>,
) -> Result<BackfillReport, DbErr> {
    let fail = |e: String| DbErr::Migration(format!("backfill {}: {e}", spec.name));
    let SchemaManagerConnection::Connection(db) = manager.get_connection() else {
        return Err(fail(
            "it commits batch by batch, so its revision must run without a transaction \
             (fn use_transaction(&self) -> Option<bool> { Some(false) })"
                .into(),
        ));
    };
    let db: &DatabaseConnection = db;
    if spec.batch_size == 0 {
        return Err(fail("batch_size must be at least 1".into()));
    }
    let backend = db.get_database_backend();
    let dialect = match backend {
        DbBackend::Postgres => Dialect::Postgres,
        DbBackend::MySql => Dialect::Mysql,
        _ => Dialect::Sqlite,
    };
    let table = dialect.quote_ident(spec.table);
    let key = dialect.quote_ident(spec.key);
    create_table(db).await?;
    let resumed_after = last_done(db, backend, spec.name).await?;
    let mut report = BackfillReport {
        resumed_after,
        ..Default::default()
    };
    let bigint = match backend {
        DbBackend::MySql => "SIGNED",
        _ => "BIGINT",
    };
    let Some(max) = scalar_i64(
        db,
        backend,
        &format!("SELECT CAST(MAX({key}) AS {bigint}) FROM {table}"),
        vec![],
    )
    .await?
    else {
        return Ok(report); // an empty table
    };
    let mut last = resumed_after;
    let started = Instant::now();
    let filter = spec
        .filter
        .map(|f| format!(" AND ({f})"))
        .unwrap_or_default();
    let p = |i: usize| match backend {
        DbBackend::Postgres => format!("${i}"),
        _ => "?".to_string(),
    };
    while last.is_none_or(|l| l < max) {
        // The batch's upper key: the batch_size-th key after the last one done.
        let after = last.unwrap_or(i64::MIN);
        let hi = scalar_i64(
            db,
            backend,
            &format!(
                "SELECT CAST({key} AS {bigint}) FROM {table} WHERE {key} > {} ORDER BY {key} \
                 LIMIT 1 OFFSET {}",
                p(1),
                spec.batch_size - 1
            ),
            vec![after.into()],
        )
        .await?
        .unwrap_or(max);
        let update = format!(
            "UPDATE {table} SET {} WHERE {key} > {} AND {key} <= {}{filter}",
            spec.set,
            p(1),
            p(2)
        );
        let batch_started = SystemTime::now();
        let txn = db.begin().await?;
        let rows = txn
            .execute_raw(Statement::from_sql_and_values(
                backend,
                &update,
                vec![after.into(), hi.into()],
            ))
            .await
            .map_err(|e| {
                fail(format!(
                    "{e}\n  while running: {update} (keys {after}..={hi})"
                ))
            })?
            .rows_affected();
        record_batch(
            &txn,
            backend,
            spec.name,
            &update,
            report.batches,
            rows,
            hi,
            batch_started,
        )
        .await?;
        txn.commit().await?;
        report.batches += 1;
        report.rows += rows;
        last = Some(hi);
        eprintln!(
            "backfill {}: up to key {hi} of {max}, {} rows in {} batches, {:.1}s",
            spec.name,
            report.rows,
            report.batches,
            started.elapsed().as_secs_f64()
        );
        if hi < max && !spec.pause.is_zero() {
            tokio::time::sleep(spec.pause).await;
        }
    }
    Ok(report)
}

/// Forgets a backfill's progress, so that its next run starts from the first key: the
/// `down` of a revision that backfills (undone, the column it filled may be dropped and
/// added again empty, and a run that resumed after the old last key would skip every row).
pub async fn forget_backfill(manager: &SchemaManager<'_>, name: &str) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    create_table(conn).await?;
    let backend = conn.get_database_backend();
    let p = if backend == DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    conn.execute_raw(Statement::from_sql_and_values(
        backend,
        format!("DELETE FROM {LOG_TABLE} WHERE revision = {p} AND outcome = 'backfill'"),
        vec![name.into()],
    ))
    .await
    .map(drop)
}

async fn last_done<C: ConnectionTrait>(
    conn: &C,
    backend: DbBackend,
    name: &str,
) -> Result<Option<i64>, DbErr> {
    let p = if backend == DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let sql = format!(
        "SELECT progress FROM {LOG_TABLE} WHERE revision = {p} AND outcome = 'backfill' \
         ORDER BY id DESC LIMIT 1"
    );
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            vec![name.into()],
        ))
        .await?;
    let Some(row) = row else { return Ok(None) };
    let text: Option<String> = row.try_get_by_index(0)?;
    Ok(text.and_then(|t| t.parse().ok()))
}

#[allow(clippy::too_many_arguments)]
async fn record_batch(
    txn: &DatabaseTransaction,
    backend: DbBackend,
    name: &str,
    update: &str,
    batch: u64,
    rows: u64,
    last_key: i64,
    started: SystemTime,
) -> Result<(), DbErr> {
    let p: Vec<String> = (1..=13)
        .map(|i| match backend {
            DbBackend::Postgres => format!("${i}"),
            _ => "?".to_string(),
        })
        .collect();
    let sql = format!(
        "INSERT INTO {LOG_TABLE} (run_id, revision, direction, attempt, statement_index, \
         statement_hash, statement, started_at, finished_at, rows_affected, outcome, host, pid, \
         progress) VALUES ({}, 'backfill', {})",
        p[..10].join(", "),
        p[10..].join(", ")
    );
    let values: Vec<Value> = vec![
        format!("{}-backfill", std::process::id()).into(),
        name.into(),
        "up".into(),
        1i32.into(),
        (std::cmp::min(batch + 1, i32::MAX as u64) as i32).into(),
        statement_hash(update).into(),
        update.into(),
        utc(started).into(),
        utc(SystemTime::now()).into(),
        (std::cmp::min(rows, i64::MAX as u64) as i64).into(),
        host_name().into(),
        i64::from(std::process::id()).into(),
        last_key.to_string().into(),
    ];
    txn.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .map(drop)
}

async fn scalar_i64<C: ConnectionTrait>(
    conn: &C,
    backend: DbBackend,
    sql: &str,
    values: Vec<Value>,
) -> Result<Option<i64>, DbErr> {
    match conn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?
    {
        Some(row) => row.try_get_by_index::<Option<i64>>(0),
        None => Ok(None),
    }
}
