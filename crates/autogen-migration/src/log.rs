//! The audit log: one row per statement a run executes, in `autogen_migration_log`, written
//! on a connection of its own (outside the migration's transaction), so that a statement
//! that failed, and the transaction that rolled back with it, are recorded too.
//!
//! Statements are seen through sea-orm's metric callback on the run's connection: every
//! statement a migration runs through its `SchemaManager` passes there, with its duration
//! and whether it failed. Reads (`SELECT`, `SHOW`: the catalog checks that make a step
//! safe to rerun) are recorded only when they fail. Each statement is attributed to the
//! revision the runner knows is running: the runner holds the run lock and lists the
//! pending revisions itself, and sea-orm-migration records each finished revision in
//! `seaql_migrations`, which moves the log to the next one.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sea_orm_migration::sea_orm::metric::Info;
use sea_orm_migration::sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
    Value,
};
use tokio::sync::mpsc;

use crate::lock::host_name;

/// Records one statement: `(text, duration, failed)`.
pub(crate) type Recorder = Arc<dyn Fn(&str, Duration, bool) + Send + Sync>;

tokio::task_local! {
    /// The running audit log, for statements that bypass sea-orm's metric callback
    /// (`execute_unprepared`, which [`crate::run_sql`] uses so that a statement is sent
    /// as written).
    pub(crate) static UNMETERED: Recorder;
}

/// Records a statement run outside the metric callback, when a run's log is listening.
pub(crate) fn record_unmetered(sql: &str, elapsed: Duration, failed: bool) {
    let _ = UNMETERED.try_with(|record| record(sql, elapsed, failed));
}

/// The audit log table.
pub const LOG_TABLE: &str = autogen_reflect::MIGRATION_LOG_TABLE;

/// The columns after `id`, in the order [`LogRow`] and the insert use them.
const COLUMNS: &str = "run_id, revision, direction, attempt, statement_index, statement_hash, \
                       statement, started_at, finished_at, rows_affected, outcome, error, host, pid";

/// One row of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRow {
    /// Identifies the run (process, start time): the rows of one `up` or `down`.
    pub run_id: String,
    /// The revision (migration name) the statement belongs to.
    pub revision: String,
    /// `up` or `down`.
    pub direction: String,
    /// 1 for the first try, 2 and on for retries after a lock timeout.
    pub attempt: i32,
    /// The statement's position in the revision, from 1; `None` for an error raised
    /// between statements.
    pub statement_index: Option<i32>,
    /// 64-bit FNV-1a of the statement text, in hex.
    pub statement_hash: Option<String>,
    /// The statement as sent (bound values are not recorded).
    pub statement: Option<String>,
    /// UTC, ISO 8601 with microseconds.
    pub started_at: String,
    /// UTC, ISO 8601 with microseconds.
    pub finished_at: String,
    /// Rows affected, where the backend reports it (not yet: see docs/runtime.md).
    pub rows_affected: Option<i64>,
    /// `ok`, `failed` or `lock-timeout` (failed on a lock, then retried or given up).
    pub outcome: String,
    /// The error, for a failed statement.
    pub error: Option<String>,
    /// The runner's host.
    pub host: String,
    /// The runner's process id.
    pub pid: i64,
}

/// What the metric callback knows about the run.
struct Cursor {
    run_id: String,
    direction: &'static str,
    revisions: VecDeque<String>,
    index: i32,
    attempt: i32,
    /// The last failed statement, held until the runner hands over the error text
    /// (the metric callback only says that it failed).
    failure: Option<LogRow>,
    /// The text of the last statement that failed in this attempt.
    failed_statement: Option<String>,
    /// Statements of the running revision that succeeded in this attempt.
    ok_in_revision: i32,
}

/// A running audit log: its writer task and the state its callback updates.
pub(crate) struct AuditLog {
    cursor: Arc<Mutex<Cursor>>,
    /// Rows to write; `None` stops the writer (the callback keeps a sender as long as the
    /// run's connection lives).
    sender: mpsc::UnboundedSender<Option<LogRow>>,
    writer: tokio::task::JoinHandle<Vec<String>>,
}

impl AuditLog {
    /// Opens a connection of its own to `url`, creates the table when missing, and starts
    /// the writer.
    pub(crate) async fn open(url: &str, run_id: String) -> Result<AuditLog, DbErr> {
        let mut options = ConnectOptions::new(url.to_string());
        options.max_connections(1).sqlx_logging(false);
        let conn = Database::connect(options).await?;
        create_table(&conn).await?;
        let (sender, receiver) = mpsc::unbounded_channel();
        let writer = tokio::spawn(write_rows(conn, receiver));
        Ok(AuditLog {
            cursor: Arc::new(Mutex::new(Cursor {
                run_id,
                direction: "up",
                revisions: VecDeque::new(),
                index: 0,
                attempt: 1,
                failure: None,
                failed_statement: None,
                ok_in_revision: 0,
            })),
            sender,
            writer,
        })
    }

    /// Starts an attempt: `revisions` will run in this order, in `direction`.
    pub(crate) fn begin(&self, direction: &'static str, revisions: Vec<String>, attempt: i32) {
        let mut c = lock(&self.cursor);
        c.direction = direction;
        c.revisions = revisions.into();
        c.index = 0;
        c.attempt = attempt;
        c.failure = None;
        c.failed_statement = None;
        c.ok_in_revision = 0;
    }

    /// How many of the attempt's revisions have not finished.
    pub(crate) fn revisions_left(&self) -> usize {
        lock(&self.cursor).revisions.len()
    }

    /// The last statement that failed in this attempt.
    pub(crate) fn failed_statement(&self) -> Option<String> {
        lock(&self.cursor).failed_statement.clone()
    }

    /// The callback to install on the run's connection.
    pub(crate) fn callback(&self) -> impl Fn(&Info<'_>) + Send + Sync + 'static {
        let record = self.recorder();
        move |info: &Info<'_>| record(info.statement.sql.as_str(), info.elapsed, info.failed)
    }

    /// Records one statement: its text, how long it ran, whether it failed.
    pub(crate) fn recorder(&self) -> Recorder {
        let cursor = Arc::clone(&self.cursor);
        let sender = self.sender.clone();
        Arc::new(move |sql: &str, elapsed: Duration, failed: bool| {
            let mut c = lock(&cursor);
            if sql.contains("seaql_migrations") {
                let head = first_word(sql);
                let finished = (c.direction == "up" && head == "INSERT")
                    || (c.direction == "down" && head == "DELETE");
                if finished && !failed {
                    c.revisions.pop_front();
                    c.index = 0;
                    c.ok_in_revision = 0;
                }
                return;
            }
            if !failed && matches!(first_word(sql).as_str(), "SELECT" | "SHOW" | "WITH") {
                return;
            }
            c.index += 1;
            let finished = SystemTime::now();
            let row = LogRow {
                run_id: c.run_id.clone(),
                revision: c.revisions.front().cloned().unwrap_or_default(),
                direction: c.direction.to_string(),
                attempt: c.attempt,
                statement_index: Some(c.index),
                statement_hash: Some(statement_hash(sql)),
                statement: Some(sql.to_string()),
                started_at: utc(finished.checked_sub(elapsed).unwrap_or(finished)),
                finished_at: utc(finished),
                rows_affected: None,
                outcome: if failed { "failed" } else { "ok" }.to_string(),
                error: None,
                host: host_name(),
                pid: i64::from(std::process::id()),
            };
            if failed {
                c.failed_statement = Some(sql.to_string());
                // Written when the runner knows the error; a second failure flushes the first.
                if let Some(previous) = c.failure.replace(row) {
                    let _ = sender.send(Some(previous));
                }
            } else {
                c.ok_in_revision += 1;
                let _ = sender.send(Some(row));
            }
        })
    }

    /// Records the error that ended an attempt: on the failed statement when there was
    /// one, else on a row of its own. `outcome` is `failed` or `lock-timeout`.
    pub(crate) fn fail(&self, error: &str, outcome: &str) {
        let mut c = lock(&self.cursor);
        let now = utc(SystemTime::now());
        let row = match c.failure.take() {
            Some(mut row) => {
                row.error = Some(error.to_string());
                row.outcome = outcome.to_string();
                row
            }
            None => LogRow {
                run_id: c.run_id.clone(),
                revision: c.revisions.front().cloned().unwrap_or_default(),
                direction: c.direction.to_string(),
                attempt: c.attempt,
                statement_index: None,
                statement_hash: None,
                statement: None,
                started_at: now.clone(),
                finished_at: now,
                rows_affected: None,
                outcome: outcome.to_string(),
                error: Some(error.to_string()),
                host: host_name(),
                pid: i64::from(std::process::id()),
            },
        };
        let _ = self.sender.send(Some(row));
    }

    /// The statements of the running revision that completed in this attempt.
    pub(crate) fn statements_done_in_revision(&self) -> i32 {
        lock(&self.cursor).ok_in_revision
    }

    /// Waits until every row is written; the rows that could not be written, as errors.
    pub(crate) async fn close(self) -> Vec<String> {
        let AuditLog {
            cursor,
            sender,
            writer,
        } = self;
        if let Some(row) = lock(&cursor).failure.take() {
            let _ = sender.send(Some(row));
        }
        let _ = sender.send(None);
        drop(cursor);
        writer
            .await
            .unwrap_or_else(|e| vec![format!("the audit log writer stopped: {e}")])
    }
}

fn lock(cursor: &Mutex<Cursor>) -> std::sync::MutexGuard<'_, Cursor> {
    // A panic in the callback cannot leave the cursor half-updated in a way that matters
    // more than losing the log: keep going with what is there.
    cursor
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn first_word(sql: &str) -> String {
    sql.trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_uppercase()
}

/// 64-bit FNV-1a of the text, 16 hex digits: stable across runs and platforms.
pub fn statement_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// `2026-11-30T17:45:01.123456Z`.
pub(crate) fn utc(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let secs = d.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_micros()
    )
}

/// Creates the log table when it does not exist.
pub(crate) async fn create_table<C: ConnectionTrait>(conn: &C) -> Result<(), DbErr> {
    let id = match conn.get_database_backend() {
        DbBackend::Postgres => "id BIGSERIAL PRIMARY KEY",
        DbBackend::MySql => "id BIGINT AUTO_INCREMENT PRIMARY KEY",
        _ => "id INTEGER PRIMARY KEY AUTOINCREMENT",
    };
    conn.execute_unprepared(&format!(
        "CREATE TABLE IF NOT EXISTS {LOG_TABLE} ({id}, run_id VARCHAR(64) NOT NULL, \
         revision VARCHAR(255) NOT NULL, direction VARCHAR(8) NOT NULL, attempt INTEGER NOT NULL, \
         statement_index INTEGER, statement_hash VARCHAR(16), statement TEXT, \
         started_at VARCHAR(32) NOT NULL, finished_at VARCHAR(32) NOT NULL, rows_affected BIGINT, \
         outcome VARCHAR(16) NOT NULL, error TEXT, host VARCHAR(255) NOT NULL, pid BIGINT NOT NULL, \
         progress VARCHAR(64))"
    ))
    .await
    .map(drop)
}

async fn write_rows(
    conn: DatabaseConnection,
    mut rows: mpsc::UnboundedReceiver<Option<LogRow>>,
) -> Vec<String> {
    let backend = conn.get_database_backend();
    let placeholders: Vec<String> = (1..=14)
        .map(|i| match backend {
            DbBackend::Postgres => format!("${i}"),
            _ => "?".to_string(),
        })
        .collect();
    let sql = format!(
        "INSERT INTO {LOG_TABLE} ({COLUMNS}) VALUES ({})",
        placeholders.join(", ")
    );
    let mut errors = Vec::new();
    while let Some(Some(row)) = rows.recv().await {
        let values: Vec<Value> = vec![
            row.run_id.into(),
            row.revision.into(),
            row.direction.into(),
            row.attempt.into(),
            row.statement_index.into(),
            row.statement_hash.into(),
            row.statement.into(),
            row.started_at.into(),
            row.finished_at.into(),
            row.rows_affected.into(),
            row.outcome.into(),
            row.error.into(),
            row.host.into(),
            row.pid.into(),
        ];
        // SQLite: the migration's connection may hold the write lock for a while (a table
        // rebuild); wait for it rather than lose the row.
        let mut tries = 0;
        loop {
            let statement = Statement::from_sql_and_values(backend, &sql, values.clone());
            match conn.execute_raw(statement).await {
                Ok(_) => break,
                Err(e) if tries < 10 && e.to_string().contains("database is locked") => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => {
                    errors.push(e.to_string());
                    break;
                }
            }
        }
    }
    let _ = conn.close().await;
    errors
}

/// Reads the log of the database `conn` is connected to, oldest first; an empty list when
/// no run has written one yet.
pub async fn read_log(conn: &DatabaseConnection) -> Result<Vec<LogRow>, DbErr> {
    let backend = conn.get_database_backend();
    let rows = conn
        .query_all_raw(Statement::from_string(
            backend,
            format!("SELECT {COLUMNS} FROM {LOG_TABLE} ORDER BY id"),
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(LogRow {
                run_id: r.try_get_by_index(0)?,
                revision: r.try_get_by_index(1)?,
                direction: r.try_get_by_index(2)?,
                attempt: r.try_get_by_index(3)?,
                statement_index: r.try_get_by_index(4)?,
                statement_hash: r.try_get_by_index(5)?,
                statement: r.try_get_by_index(6)?,
                started_at: r.try_get_by_index(7)?,
                finished_at: r.try_get_by_index(8)?,
                rows_affected: r.try_get_by_index(9)?,
                outcome: r.try_get_by_index(10)?,
                error: r.try_get_by_index(11)?,
                host: r.try_get_by_index(12)?,
                pid: r.try_get_by_index(13)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_timestamps() {
        assert_eq!(utc(UNIX_EPOCH), "1970-01-01T00:00:00.000000Z");
        let t = UNIX_EPOCH + Duration::from_micros(1_796_061_901_123_456);
        assert_eq!(utc(t), "2026-11-30T18:05:01.123456Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(utc(leap), "2000-02-29T00:00:00.000000Z");
    }

    #[test]
    fn statement_hash_is_fnv1a() {
        assert_eq!(statement_hash(""), "cbf29ce484222325");
        assert_eq!(statement_hash("a"), "af63dc4c8601ec8c");
    }
}
