//! Data checksums (docs/runtime.md, "Checksums"): per-table digests that prove a table's
//! rows are unchanged, and name the rows that are not.
//!
//! - `E(row)`, the canonical row encoding, is defined by autogen ([`encode`]), not by
//!   a backend; the Rust implementation is the oracle the in-database SQL must equal.
//! - The row hash `h` is the first 60 bits of `MD5(E)`; a chunk's digest is
//!   `(COUNT(*), SUM(h) mod 2^64)` (a sum, not XOR: XOR cancels duplicated rows).
//! - Chunks are ranges of the primary key (or a unique key on NOT NULL columns), found by
//!   keyset: every `chunk_rows`-th key bounds one. A table without such a key is refused.
//! - PostgreSQL and MySQL compute `h` and the sums in the database; SQLite has no MD5, so
//!   its stored values are read (in the same read transaction) and hashed here.
//! - A mismatched chunk is drilled down row by row: the differing rows are named by key as
//!   changed, deleted, inserted or duplicated.

pub mod encode;
pub mod sql;
mod verify;

use std::collections::BTreeMap;
use std::time::Duration;

/// The error of every checksum function (sea-orm's, as the rest of the runtime).
pub use sea_orm_migration::prelude::DbErr;
use sea_orm_migration::sea_orm::{
    AccessMode, ConnectOptions, ConnectionTrait, Database, DbBackend, IsolationLevel,
    TransactionTrait,
};
use serde::Serialize;

pub use verify::{CHECKSUM_TABLE, VerifyReport, record_before, verify_unchanged};

use encode::{encode_fields, row_hash, sqlite_canonical};
use sql::{Col, TableInfo, key_compare, key_text, row_select, table_info, text_rows};

/// Rows per chunk unless told otherwise.
pub const DEFAULT_CHUNK_ROWS: u64 = 10_000;

/// One key range's digest. `lo` is exclusive and `hi` inclusive; `None` is unbounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChunkDigest {
    /// The key after which the chunk starts (`None`: from the first row).
    pub lo: Option<Vec<String>>,
    /// The last key of the chunk (`None`: to the last row).
    pub hi: Option<Vec<String>>,
    /// Rows in the range.
    pub rows: u64,
    /// Sum of the rows' hashes, mod 2^64.
    pub sum: u64,
}

/// A table's digest, chunk by chunk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableDigest {
    /// The table.
    pub table: String,
    /// The key the chunks are ranges of.
    pub key: Vec<String>,
    /// The columns encoded, in order.
    pub columns: Vec<String>,
    /// The chunks, in key order; together they cover every key.
    pub chunks: Vec<ChunkDigest>,
}

impl TableDigest {
    /// Rows in the table.
    pub fn rows(&self) -> u64 {
        self.chunks.iter().map(|c| c.rows).sum()
    }

    /// The sum of every row's hash mod 2^64: independent of the chunking, so two
    /// databases compare by this number alone.
    pub fn digest(&self) -> u64 {
        self.chunks.iter().fold(0u64, |a, c| a.wrapping_add(c.sum))
    }
}

/// How a row differs between two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffKind {
    /// The key is on both sides, with different values.
    Changed,
    /// The key is only (or fewer times) on the first side.
    Deleted,
    /// The key is only on the second side.
    Inserted,
    /// The key is more times on the second side than on the first.
    Duplicated,
}

/// A differing row, by its key (`(a, b)` for a composite key).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RowDiff {
    /// The row's key, as text.
    pub key: String,
    /// How it differs.
    pub kind: DiffKind,
}

/// The table's key and the columns to encode (all of them when `columns` is `None`); a
/// column that is not in the table is an error naming it.
pub(crate) async fn resolve<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    columns: Option<&[&str]>,
    fallback_key: Option<&[String]>,
) -> Result<(TableInfo, Vec<Col>), DbErr> {
    let info = table_info(conn, table, fallback_key).await?;
    let cols = match columns {
        None => info.columns.clone(),
        Some(names) => names
            .iter()
            .map(|n| {
                info.columns
                    .iter()
                    .find(|c| c.name == *n)
                    .cloned()
                    .ok_or_else(|| {
                        DbErr::Migration(format!(
                            "checksum: table {} has no column {}",
                            autogen_schema::escape::terminal(table),
                            autogen_schema::escape::terminal(n)
                        ))
                    })
            })
            .collect::<Result<_, _>>()?,
    };
    Ok((info, cols))
}

fn quoted_table(backend: DbBackend, table: &str) -> String {
    sql::dialect(backend).quote_ident(table)
}

fn range_where(
    backend: DbBackend,
    key: &[Col],
    lo: Option<&[String]>,
    hi: Option<&[String]>,
) -> String {
    let mut parts = Vec::new();
    if let Some(lo) = lo {
        parts.push(key_compare(backend, key, ">", lo));
    }
    if let Some(hi) = hi {
        parts.push(key_compare(backend, key, "<=", hi));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", parts.join(" AND "))
    }
}

fn order_by(backend: DbBackend, key: &[Col]) -> String {
    let d = sql::dialect(backend);
    key.iter()
        .map(|c| d.quote_ident(&c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The chunk boundaries: every `chunk_rows`-th key, in key order.
pub(crate) async fn boundaries<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    key: &[Col],
    chunk_rows: u64,
) -> Result<Vec<Vec<String>>, DbErr> {
    let backend = conn.get_database_backend();
    let keys = key_select(backend, key);
    let mut bounds: Vec<Vec<String>> = Vec::new();
    loop {
        let sql = format!(
            "SELECT {} FROM {}{} ORDER BY {} LIMIT 1 OFFSET {}",
            keys.join(", "),
            quoted_table(backend, table),
            range_where(backend, key, bounds.last().map(Vec::as_slice), None),
            order_by(backend, key),
            chunk_rows.max(1) - 1
        );
        let Some(row) = text_rows(conn, &sql, keys.len()).await?.into_iter().next() else {
            return Ok(bounds);
        };
        bounds.push(row.into_iter().map(Option::unwrap_or_default).collect());
    }
}

/// The key columns as text, named apart from the columns: PostgreSQL names `"id"::text`
/// `id`, and `ORDER BY id` would then sort the text ("10" before "7").
fn key_select(backend: DbBackend, key: &[Col]) -> Vec<String> {
    key.iter()
        .enumerate()
        .map(|(i, c)| format!("{} AS autogen_key_{i}", key_text(backend, c)))
        .collect()
}

/// The key display of a row from its key texts.
fn display_key(parts: &[String]) -> String {
    if parts.len() == 1 {
        parts[0].clone()
    } else {
        format!("({})", parts.join(", "))
    }
}

/// Each row's key and hash in a key range, in key order.
pub async fn row_hashes<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    key: &[Col],
    columns: &[Col],
    lo: Option<&[String]>,
    hi: Option<&[String]>,
) -> Result<Vec<(String, u64)>, DbErr> {
    let backend = conn.get_database_backend();
    let mut select = key_select(backend, key);
    let values = row_select(backend, columns);
    let hashed_in_db = backend != DbBackend::Sqlite;
    select.extend(values.iter().enumerate().map(|(i, v)| {
        if !hashed_in_db {
            format!("{v} AS autogen_value_{i}")
        } else if backend == DbBackend::Postgres {
            format!("({v})::text AS autogen_hash")
        } else {
            format!("CAST({v} AS CHAR) AS autogen_hash")
        }
    }));
    let sql = format!(
        "SELECT {} FROM {}{} ORDER BY {}",
        select.join(", "),
        quoted_table(backend, table),
        range_where(backend, key, lo, hi),
        order_by(backend, key)
    );
    let n = key.len();
    text_rows(conn, &sql, select.len())
        .await?
        .into_iter()
        .map(|row| {
            let key_parts: Vec<String> = row[..n]
                .iter()
                .map(|v| v.clone().unwrap_or_default())
                .collect();
            let h = if hashed_in_db {
                let text = row[n].clone().unwrap_or_default();
                text.parse::<u64>().map_err(|_| {
                    DbErr::Migration(format!("checksum: the database returned hash {text:?}"))
                })?
            } else {
                sqlite_row_hash(&row[n..], columns)
            };
            Ok((display_key(&key_parts), h))
        })
        .collect()
}

/// `h` of one SQLite row from its tagged stored values.
fn sqlite_row_hash(stored: &[Option<String>], columns: &[Col]) -> u64 {
    let fields: Vec<Option<String>> = stored
        .iter()
        .zip(columns)
        .map(|(v, c)| v.as_deref().map(|v| sqlite_canonical(v, c.class)))
        .collect();
    row_hash(&encode_fields(&fields))
}

/// One key range's `(rows, sum)`.
pub(crate) async fn chunk_digest<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    key: &[Col],
    columns: &[Col],
    lo: Option<&[String]>,
    hi: Option<&[String]>,
) -> Result<(u64, u64), DbErr> {
    let backend = conn.get_database_backend();
    if backend == DbBackend::Sqlite {
        let rows = row_hashes(conn, table, key, columns, lo, hi).await?;
        let sum = rows.iter().fold(0u64, |a, (_, h)| a.wrapping_add(*h));
        return Ok((rows.len() as u64, sum));
    }
    let h = &row_select(backend, columns)[0];
    let (count, sum) = if backend == DbBackend::Postgres {
        ("COUNT(*)::text", "SUM(h)::text")
    } else {
        ("CAST(COUNT(*) AS CHAR)", "CAST(SUM(h) AS CHAR)")
    };
    let sql = format!(
        "SELECT {count}, {sum} FROM (SELECT {h} AS h FROM {}{}) hashed",
        quoted_table(backend, table),
        range_where(backend, key, lo, hi)
    );
    let row = text_rows(conn, &sql, 2).await?.into_iter().next();
    let text = |i: usize| {
        row.as_ref()
            .and_then(|r| r.get(i).cloned().flatten())
            .unwrap_or_else(|| "0".into())
    };
    let parse = |t: String| {
        t.parse::<u128>()
            .map_err(|_| DbErr::Migration(format!("checksum: the database returned sum {t:?}")))
    };
    Ok((parse(text(0))? as u64, parse(text(1))? as u64))
}

/// One end of a key range: the key's column values as text; `None` is unbounded.
pub(crate) type Bound = Option<Vec<String>>;

/// The chunk ranges for boundaries `b1..bk`: `(-, b1], (b1, b2], …, (bk, -)`.
pub(crate) fn ranges(bounds: &[Vec<String>]) -> Vec<(Bound, Bound)> {
    let mut out = Vec::with_capacity(bounds.len() + 1);
    let mut lo = None;
    for b in bounds {
        out.push((lo.clone(), Some(b.clone())));
        lo = Some(b.clone());
    }
    out.push((lo, None));
    out
}

/// The digest of `table` on `conn` (run it inside one transaction for one snapshot),
/// chunked every `chunk_rows` keys; `columns` `None` encodes every column.
pub async fn table_digest<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    columns: Option<&[&str]>,
    chunk_rows: u64,
) -> Result<TableDigest, DbErr> {
    let (info, cols) = resolve(conn, table, columns, None).await?;
    let bounds = boundaries(conn, table, &info.key, chunk_rows).await?;
    let mut chunks = Vec::new();
    for (lo, hi) in ranges(&bounds) {
        let (rows, sum) =
            chunk_digest(conn, table, &info.key, &cols, lo.as_deref(), hi.as_deref()).await?;
        chunks.push(ChunkDigest { lo, hi, rows, sum });
    }
    Ok(TableDigest {
        table: table.to_string(),
        key: info.key.iter().map(|c| c.name.clone()).collect(),
        columns: cols.iter().map(|c| c.name.clone()).collect(),
        chunks,
    })
}

/// The rows that differ between two lists of `(key, hash)`.
pub fn diff_rows(before: &[(String, u64)], after: &[(String, u64)]) -> Vec<RowDiff> {
    let mut by_key: BTreeMap<&str, (Vec<u64>, Vec<u64>)> = BTreeMap::new();
    for (k, h) in before {
        by_key.entry(k).or_default().0.push(*h);
    }
    for (k, h) in after {
        by_key.entry(k).or_default().1.push(*h);
    }
    let mut out = Vec::new();
    for (key, (mut b, mut a)) in by_key {
        let kind = if b.is_empty() {
            DiffKind::Inserted
        } else if a.len() > b.len() {
            DiffKind::Duplicated
        } else if a.len() < b.len() {
            DiffKind::Deleted
        } else {
            b.sort_unstable();
            a.sort_unstable();
            if a == b {
                continue;
            }
            DiffKind::Changed
        };
        out.push(RowDiff {
            key: key.to_string(),
            kind,
        });
    }
    out
}

/// Begins a read transaction that sees one snapshot: REPEATABLE READ on PostgreSQL and
/// MySQL (InnoDB takes its consistent snapshot at the first read), a deferred
/// transaction on SQLite (its first read fixes what the transaction sees).
async fn snapshot(
    db: &sea_orm_migration::sea_orm::DatabaseConnection,
) -> Result<sea_orm_migration::sea_orm::DatabaseTransaction, DbErr> {
    let txn = match db.get_database_backend() {
        DbBackend::Sqlite => db.begin().await?,
        _ => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?
        }
    };
    if txn.get_database_backend() == DbBackend::MySql {
        // TIMESTAMP columns are read in the session's zone: UTC, so that no DST hour is
        // ambiguous.
        txn.execute_unprepared("SET time_zone = '+00:00'").await?;
    }
    Ok(txn)
}

/// The user tables of the connection's database (PostgreSQL: of the current schema),
/// without the migration tools' bookkeeping tables.
async fn user_tables<C: ConnectionTrait>(conn: &C) -> Result<Vec<String>, DbErr> {
    let sql = match conn.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
        DbBackend::MySql => {
            "SELECT CAST(table_name AS CHAR) FROM information_schema.tables \
             WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
        _ => {
            "SELECT name FROM sqlite_schema WHERE type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY 1"
        }
    };
    Ok(text_rows(conn, sql, 1)
        .await?
        .into_iter()
        .filter_map(|r| r.into_iter().next().flatten())
        .filter(|t| !autogen_reflect::is_bookkeeping_table(t) && t != CHECKSUM_TABLE)
        .collect())
}

/// Connects to `url` with bounded connect and acquire times.
async fn connect(
    url: &str,
    timeout: Duration,
) -> Result<sea_orm_migration::sea_orm::DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_string());
    options
        .connect_timeout(timeout)
        .acquire_timeout(timeout)
        .max_connections(1)
        .sqlx_logging(false);
    Database::connect(options).await.map_err(|e| {
        DbErr::Migration(format!(
            "checksum: cannot connect: {}",
            crate::redact_urls(&e.to_string())
        ))
    })
}

/// Digests of `tables` (every user table when empty) of the database at `url`, all read
/// in one snapshot, in table-name order. The whole run is bounded by `timeout`.
pub async fn database_digests(
    url: &str,
    tables: &[String],
    chunk_rows: u64,
    timeout: Duration,
) -> Result<Vec<TableDigest>, DbErr> {
    bounded(timeout, async {
        let db = connect(url, timeout).await?;
        let txn = snapshot(&db).await?;
        let mut names = if tables.is_empty() {
            user_tables(&txn).await?
        } else {
            tables.to_vec()
        };
        names.sort();
        names.dedup();
        let mut out = Vec::new();
        for t in &names {
            out.push(table_digest(&txn, t, None, chunk_rows).await?);
        }
        txn.rollback().await?;
        db.close().await?;
        Ok(out)
    })
    .await
}

/// The rows of `table` that differ from the database at `url` to the one at `other`
/// (each read in one snapshot): chunks of the first side's key ranges are compared, and
/// the mismatched ones drilled down row by row.
pub async fn compare_table(
    url: &str,
    other: &str,
    table: &str,
    chunk_rows: u64,
    timeout: Duration,
) -> Result<Vec<RowDiff>, DbErr> {
    bounded(timeout, async {
        let (a, b) = (connect(url, timeout).await?, connect(other, timeout).await?);
        let (ta, tb) = (snapshot(&a).await?, snapshot(&b).await?);
        let (ia, ca) = resolve(&ta, table, None, None).await?;
        let names: Vec<&str> = ca.iter().map(|c| c.name.as_str()).collect();
        let key: Vec<String> = ia.key.iter().map(|c| c.name.clone()).collect();
        let (ib, cb) = resolve(&tb, table, Some(&names), Some(&key)).await?;
        let bounds = boundaries(&ta, table, &ia.key, chunk_rows).await?;
        let mut diffs = Vec::new();
        for (lo, hi) in ranges(&bounds) {
            let (lo, hi) = (lo.as_deref(), hi.as_deref());
            let da = chunk_digest(&ta, table, &ia.key, &ca, lo, hi).await?;
            let db_ = chunk_digest(&tb, table, &ib.key, &cb, lo, hi).await?;
            if da != db_ {
                let ra = row_hashes(&ta, table, &ia.key, &ca, lo, hi).await?;
                let rb = row_hashes(&tb, table, &ib.key, &cb, lo, hi).await?;
                diffs.extend(diff_rows(&ra, &rb));
            }
        }
        ta.rollback().await?;
        tb.rollback().await?;
        a.close().await?;
        b.close().await?;
        Ok(diffs)
    })
    .await
}

async fn bounded<T>(
    timeout: Duration,
    work: impl std::future::Future<Output = Result<T, DbErr>>,
) -> Result<T, DbErr> {
    tokio::time::timeout(timeout, work)
        .await
        .unwrap_or_else(|_| {
            Err(DbErr::Migration(format!(
                "checksum: not done within {}s (--timeout)",
                timeout.as_secs()
            )))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(list: &[(&str, u64)]) -> Vec<(String, u64)> {
        list.iter().map(|(k, h)| (k.to_string(), *h)).collect()
    }

    #[test]
    fn each_kind_of_difference_is_named_by_key() {
        let before = rows(&[("1", 10), ("2", 20), ("3", 30), ("4", 40)]);
        let after = rows(&[("1", 10), ("2", 21), ("4", 40), ("4", 40), ("5", 50)]);
        let kinds: Vec<(String, DiffKind)> = diff_rows(&before, &after)
            .into_iter()
            .map(|d| (d.key, d.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("2".to_string(), DiffKind::Changed),
                ("3".to_string(), DiffKind::Deleted),
                ("4".to_string(), DiffKind::Duplicated),
                ("5".to_string(), DiffKind::Inserted),
            ]
        );
        assert!(diff_rows(&before, &before).is_empty());
    }

    #[test]
    fn sums_wrap_at_64_bits_and_do_not_depend_on_chunking() {
        let max = (1u64 << 60) - 1;
        let chunk = |rows: u64, sum: u64| ChunkDigest {
            lo: None,
            hi: None,
            rows,
            sum,
        };
        // 32 rows of hash 2^60-1 in one chunk, or in two of 16: the same digest.
        let one = TableDigest {
            table: "t".into(),
            key: vec![],
            columns: vec![],
            chunks: vec![chunk(32, (u128::from(max) * 32) as u64)],
        };
        let half = (u128::from(max) * 16) as u64;
        let two = TableDigest {
            chunks: vec![chunk(16, half), chunk(16, half)],
            ..one.clone()
        };
        assert_eq!((one.rows(), one.digest()), (two.rows(), two.digest()));
        assert_eq!(one.digest(), max.wrapping_mul(32));
        assert_eq!(
            ranges(&[vec!["5".into()]]),
            [
                (None, Some(vec!["5".into()])),
                (Some(vec!["5".into()]), None)
            ]
        );
    }
}
