//! Before and after a migration: [`record_before`] stores a table's chunk digests (and each
//! row's key and hash, for the drill-down) in `autogen_migration_checksum`;
//! [`verify_unchanged`] recomputes them on the same key ranges and fails, naming the rows,
//! when anything differs.

use std::time::SystemTime;

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

use super::sql::{Col, literal, text_rows};
use super::{RowDiff, boundaries, chunk_digest, diff_rows, ranges, resolve, row_hashes};
use crate::log::utc;

/// The table that holds "before" digests between [`record_before`] and
/// [`verify_unchanged`]. Reflection ignores it, as it ignores the audit log.
pub const CHECKSUM_TABLE: &str = autogen_reflect::MIGRATION_CHECKSUM_TABLE;

/// Rows per chunk for a migration's checks.
const CHUNK_ROWS: u64 = super::DEFAULT_CHUNK_ROWS;

/// How many differing rows an error names (all are counted).
const SHOWN: usize = 20;

/// What [`verify_unchanged`] checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// Rows compared.
    pub rows: u64,
    /// Chunks compared.
    pub chunks: usize,
}

async fn create_table<C: ConnectionTrait>(conn: &C) -> Result<(), DbErr> {
    let id = match conn.get_database_backend() {
        DbBackend::Postgres => "id BIGSERIAL PRIMARY KEY",
        DbBackend::MySql => "id BIGINT AUTO_INCREMENT PRIMARY KEY",
        _ => "id INTEGER PRIMARY KEY AUTOINCREMENT",
    };
    let sql = format!(
        "CREATE TABLE IF NOT EXISTS {CHECKSUM_TABLE} ({id}, label TEXT NOT NULL, \
         tbl TEXT NOT NULL, chunk INTEGER NOT NULL, key_cols TEXT, lo TEXT, hi TEXT, \
         rows_n BIGINT, digest TEXT, row_key TEXT, row_hash TEXT, recorded_at TEXT NOT NULL)"
    );
    conn.execute_unprepared(&sql).await.map(drop)
}

fn params(backend: DbBackend, n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| match backend {
            DbBackend::Postgres => format!("${i}"),
            _ => "?".into(),
        })
        .collect()
}

fn bound_json(bound: &Option<Vec<String>>) -> Option<String> {
    bound
        .as_ref()
        .map(|b| serde_json::to_string(b).unwrap_or_default())
}

fn fail(label: &str, table: &str, message: impl std::fmt::Display) -> DbErr {
    DbErr::Migration(format!(
        "verify_unchanged {}: table {}: {message}",
        autogen_schema::escape::terminal(label),
        autogen_schema::escape::terminal(table)
    ))
}

/// Records the digests of `columns` of `table` under `label` (a name unique to the step,
/// such as the revision's name), replacing an earlier record of the same label and table.
/// Call it before the step that must not change the data, then [`verify_unchanged`].
pub async fn record_before(
    manager: &SchemaManager<'_>,
    label: &str,
    table: &str,
    columns: &[&str],
) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    let backend = conn.get_database_backend();
    create_table(conn).await?;
    let p = params(backend, 2);
    conn.execute_raw(Statement::from_sql_and_values(
        backend,
        format!(
            "DELETE FROM {CHECKSUM_TABLE} WHERE label = {} AND tbl = {}",
            p[0], p[1]
        ),
        vec![label.into(), table.into()],
    ))
    .await?;
    let (info, cols) = resolve(conn, table, Some(columns), None).await?;
    let key_cols: Vec<String> = info.key.iter().map(|c| c.name.clone()).collect();
    let key_cols = serde_json::to_string(&key_cols).unwrap_or_default();
    let bounds = boundaries(conn, table, &info.key, CHUNK_ROWS).await?;
    let now = utc(SystemTime::now());
    let insert = format!(
        "INSERT INTO {CHECKSUM_TABLE} (label, tbl, chunk, key_cols, lo, hi, rows_n, digest, \
         row_key, row_hash, recorded_at) VALUES ({})",
        params(backend, 11).join(", ")
    );
    for (i, (lo, hi)) in ranges(&bounds).into_iter().enumerate() {
        let (rows, sum) =
            chunk_digest(conn, table, &info.key, &cols, lo.as_deref(), hi.as_deref()).await?;
        let chunk_values: Vec<Value> = vec![
            label.into(),
            table.into(),
            (i as i32).into(),
            key_cols.clone().into(),
            bound_json(&lo).into(),
            bound_json(&hi).into(),
            (rows as i64).into(),
            sum.to_string().into(),
            Option::<String>::None.into(),
            Option::<String>::None.into(),
            now.clone().into(),
        ];
        conn.execute_raw(Statement::from_sql_and_values(
            backend,
            &insert,
            chunk_values,
        ))
        .await?;
        // Each row's key and hash, for naming the rows that differ afterwards.
        let hashes =
            row_hashes(conn, table, &info.key, &cols, lo.as_deref(), hi.as_deref()).await?;
        for batch in hashes.chunks(200) {
            let row_params = params(backend, batch.len() * 6);
            let sql = format!(
                "INSERT INTO {CHECKSUM_TABLE} (label, tbl, chunk, row_key, row_hash, recorded_at) \
                 VALUES {}",
                row_params
                    .chunks(6)
                    .map(|p| format!("({})", p.join(", ")))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let mut values: Vec<Value> = Vec::with_capacity(batch.len() * 6);
            for (key, h) in batch {
                values.push(label.into());
                values.push(table.into());
                values.push((i as i32).into());
                values.push(key.clone().into());
                values.push(h.to_string().into());
                values.push(now.clone().into());
            }
            conn.execute_raw(Statement::from_sql_and_values(backend, sql, values))
                .await?;
        }
    }
    Ok(())
}

/// Recomputes the digests recorded by [`record_before`] under `label` for `table` on the
/// same key ranges, and fails (naming each differing row's key: changed, deleted,
/// inserted, duplicated) unless every chunk is equal. `table` and `columns` may be the
/// new names after a rename: columns are matched by position with the recorded ones. On
/// success the per-row record is removed and the chunk digests stay as evidence.
pub async fn verify_unchanged(
    manager: &SchemaManager<'_>,
    label: &str,
    table: &str,
    columns: &[&str],
) -> Result<VerifyReport, DbErr> {
    let conn = manager.get_connection();
    let backend = conn.get_database_backend();
    let text = match backend {
        DbBackend::MySql => "CHAR",
        _ => "TEXT",
    };
    let recorded = text_rows(
        conn,
        &format!(
            "SELECT CAST(chunk AS {text}), lo, hi, CAST(rows_n AS {text}), digest, key_cols \
             FROM {CHECKSUM_TABLE} \
             WHERE label = {} AND tbl = {} AND row_key IS NULL ORDER BY chunk",
            literal(backend, label),
            literal(backend, table)
        ),
        6,
    )
    .await
    .map_err(|e| {
        fail(
            label,
            table,
            format!("no digests recorded by record_before ({e})"),
        )
    })?;
    if recorded.is_empty() {
        return Err(fail(
            label,
            table,
            "no digests recorded: call record_before with the same label first",
        ));
    }
    let recorded_key: Option<Vec<String>> = recorded[0][5]
        .as_deref()
        .and_then(|k| serde_json::from_str(k).ok());
    let (info, cols) = resolve(conn, table, Some(columns), recorded_key.as_deref()).await?;
    let mut diffs: Vec<RowDiff> = Vec::new();
    let mut rows_total = 0u64;
    let parse_bound = |t: &Option<String>| -> Result<Option<Vec<String>>, DbErr> {
        t.as_ref()
            .map(|t| {
                serde_json::from_str(t).map_err(|e| {
                    fail(
                        label,
                        table,
                        format!("a recorded key range is unreadable: {e}"),
                    )
                })
            })
            .transpose()
    };
    for r in &recorded {
        let chunk = r[0].clone().unwrap_or_default();
        let lo = parse_bound(&r[1])?;
        let hi = parse_bound(&r[2])?;
        let before = (
            r[3].as_deref()
                .and_then(|t| t.parse::<u64>().ok())
                .unwrap_or(0),
            r[4].as_deref()
                .and_then(|t| t.parse::<u64>().ok())
                .unwrap_or(0),
        );
        let after =
            chunk_digest(conn, table, &info.key, &cols, lo.as_deref(), hi.as_deref()).await?;
        rows_total += after.0;
        if before == after {
            continue;
        }
        let before_rows = recorded_rows(conn, label, table, &chunk).await?;
        let after_rows =
            row_hashes(conn, table, &info.key, &cols, lo.as_deref(), hi.as_deref()).await?;
        diffs.extend(diff_rows(&before_rows, &after_rows));
    }
    if !diffs.is_empty() {
        let shown: Vec<String> = diffs
            .iter()
            .take(SHOWN)
            .map(|d| {
                format!(
                    "{} key {}",
                    format!("{:?}", d.kind).to_lowercase(),
                    autogen_schema::escape::terminal(&d.key)
                )
            })
            .collect();
        let more = diffs.len().saturating_sub(SHOWN);
        return Err(fail(
            label,
            table,
            format!(
                "{} row(s) differ from before the migration ({} of {} columns): {}{}",
                diffs.len(),
                cols.len(),
                names(&cols),
                shown.join("; "),
                if more > 0 {
                    format!("; and {more} more")
                } else {
                    String::new()
                }
            ),
        ));
    }
    conn.execute_unprepared(&format!(
        "DELETE FROM {CHECKSUM_TABLE} WHERE label = {} AND tbl = {} AND row_key IS NOT NULL",
        literal(backend, label),
        literal(backend, table)
    ))
    .await?;
    Ok(VerifyReport {
        rows: rows_total,
        chunks: recorded.len(),
    })
}

fn names(cols: &[Col]) -> String {
    cols.iter()
        .map(|c| autogen_schema::escape::terminal(&c.name).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

async fn recorded_rows<C: ConnectionTrait>(
    conn: &C,
    label: &str,
    table: &str,
    chunk: &str,
) -> Result<Vec<(String, u64)>, DbErr> {
    let backend = conn.get_database_backend();
    let chunk: i64 = chunk.parse().unwrap_or(-1);
    let rows = text_rows(
        conn,
        &format!(
            "SELECT row_key, row_hash FROM {CHECKSUM_TABLE} WHERE label = {} AND tbl = {} \
             AND chunk = {chunk} AND row_key IS NOT NULL",
            literal(backend, label),
            literal(backend, table)
        ),
        2,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r[0].clone().unwrap_or_default(),
                r[1].as_deref().and_then(|t| t.parse().ok()).unwrap_or(0),
            )
        })
        .collect())
}
