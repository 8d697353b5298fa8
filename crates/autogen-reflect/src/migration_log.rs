//! The audit log the migration runtime (`autogen-migration`) writes, read back for
//! `autogen log`. The table's name lives here, with the other bookkeeping tables, so that
//! reflection never mistakes it for the user's schema.

use crate::{Database, Pool, ReflectError};

/// The runtime's audit log: one row per statement a migration run executed.
pub const MIGRATION_LOG_TABLE: &str = "autogen_migration_log";

/// The runtime's run lock on SQLite (a row; PostgreSQL and MySQL use server locks).
pub const MIGRATION_LOCK_TABLE: &str = "autogen_migration_lock";

/// The runtime's "before" data checksums (`autogen_migration::checksum::record_before`),
/// kept until `verify_unchanged` compares them with the table after a migration step.
pub const MIGRATION_CHECKSUM_TABLE: &str = "autogen_migration_checksum";

/// One row of the audit log, as `autogen log` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MigrationLogEntry {
    /// The run (process id and start time).
    pub run_id: String,
    /// The revision's module name.
    pub revision: String,
    /// `up` or `down`.
    pub direction: String,
    /// 1, or later tries after a lock timeout.
    pub attempt: String,
    /// Position of the statement in the revision; empty for an error between statements.
    pub statement_index: String,
    /// The statement as sent.
    pub statement: String,
    /// UTC start time.
    pub started_at: String,
    /// UTC end time.
    pub finished_at: String,
    /// `ok`, `failed` or `lock-timeout`.
    pub outcome: String,
    /// The error, for a failed statement.
    pub error: String,
    /// The runner's host.
    pub host: String,
    /// The runner's process id.
    pub pid: String,
}

impl Database {
    /// The last `limit` rows of the audit log, oldest first; `None` when the database has
    /// no log (no run went through the runtime's runner).
    pub async fn migration_log(
        &self,
        limit: u32,
    ) -> Result<Option<Vec<MigrationLogEntry>>, ReflectError> {
        self.bounded(self.read_migration_log(limit)).await
    }

    async fn read_migration_log(
        &self,
        limit: u32,
    ) -> Result<Option<Vec<MigrationLogEntry>>, ReflectError> {
        let tables = self.reflect_table_names().await?;
        if !tables.iter().any(|t| t == MIGRATION_LOG_TABLE) {
            return Ok(None);
        }
        let text = match self.pool {
            Pool::Mysql(_) => "CHAR",
            _ => "TEXT",
        };
        let columns = [
            "run_id",
            "revision",
            "direction",
            "attempt",
            "statement_index",
            "statement",
            "started_at",
            "finished_at",
            "outcome",
            "error",
            "host",
            "pid",
        ]
        .map(|c| format!("COALESCE(CAST({c} AS {text}), '')"))
        .join(", ");
        let sql = format!(
            "SELECT {columns} FROM (SELECT * FROM {MIGRATION_LOG_TABLE} ORDER BY id DESC LIMIT {limit}) recent ORDER BY id"
        );
        type Row = (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        );
        let rows: Vec<Row> = match &self.pool {
            Pool::Postgres(pool) => {
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .fetch_all(pool)
                    .await?
            }
            Pool::Mysql(pool) => {
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .fetch_all(pool)
                    .await?
            }
            Pool::Sqlite(pool) => {
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .fetch_all(pool)
                    .await?
            }
        };
        Ok(Some(
            rows.into_iter()
                .map(|r| MigrationLogEntry {
                    run_id: r.0,
                    revision: r.1,
                    direction: r.2,
                    attempt: r.3,
                    statement_index: r.4,
                    statement: r.5,
                    started_at: r.6,
                    finished_at: r.7,
                    outcome: r.8,
                    error: r.9,
                    host: r.10,
                    pid: r.11,
                })
                .collect(),
        ))
    }
}
