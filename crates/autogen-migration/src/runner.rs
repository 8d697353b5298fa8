//! A migration run with the safety net: the run lock, the audit log, the timeouts, and a
//! bounded retry after a lock timeout.
//!
//! The lock is taken before the migrator reads which revisions are pending, so a second
//! runner that waited sees the first one's work as applied and has nothing to do: a
//! revision is never applied twice. The run's connection is a single one (timeouts set
//! by a step apply to the statements after it) with the audit log's callback on it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sea_orm_migration::MigratorTrait;
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

use crate::config::RuntimeConfig;
use crate::lock::RunLock;
use crate::log::AuditLog;
use crate::timeouts::{Failure, classify, run_connect_options};

/// Which way a run goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Apply pending revisions, oldest first.
    Up,
    /// Revert applied revisions, newest first.
    Down,
}

impl Direction {
    fn word(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunReport {
    /// The revisions applied (up) or reverted (down), in order.
    pub revisions: Vec<String>,
    /// The holder of the run lock when this run had to wait for it.
    pub waited_for: Option<String>,
    /// How many times a lock timeout was retried.
    pub retries: u32,
    /// Audit log rows that could not be written (the run itself went on).
    pub log_errors: Vec<String>,
}

/// Runs `steps` revisions of `M` (all pending for `up`, when `None`) on the database at
/// `url`, under the run lock, with the audit log, the timeouts and the retry of
/// `config`. Schema `schema` is PostgreSQL's search path, when given.
pub async fn run<M: MigratorTrait>(
    url: &str,
    schema: Option<&str>,
    direction: Direction,
    steps: Option<u32>,
    config: &RuntimeConfig,
) -> Result<RunReport, DbErr> {
    let mut report = RunReport::default();
    let lock = RunLock::acquire(url, config.run_lock_wait, |holder| {
        eprintln!("waiting for the migration lock, held by {holder}");
        report.waited_for = Some(holder.clone());
    })
    .await?;
    let result = run_locked::<M>(url, schema, direction, steps, config, &mut report).await;
    let released = lock.release().await;
    result.and(released).map(|()| report)
}

async fn run_locked<M: MigratorTrait>(
    url: &str,
    schema: Option<&str>,
    direction: Direction,
    steps: Option<u32>,
    config: &RuntimeConfig,
    report: &mut RunReport,
) -> Result<(), DbErr> {
    let mut options = run_connect_options(url, config);
    if let Some(schema) = schema {
        options.set_schema_search_path(schema.to_string());
    }
    let mut db = Database::connect(options).await?;
    let log = AuditLog::open(url, run_id()).await?;
    db.set_metric_callback(log.callback());
    let result = attempts::<M>(&db, direction, steps, config, &log, report).await;
    let _ = db.close().await;
    report.log_errors = log.close().await;
    result
}

async fn attempts<M: MigratorTrait>(
    db: &DatabaseConnection,
    direction: Direction,
    steps: Option<u32>,
    config: &RuntimeConfig,
    log: &AuditLog,
    report: &mut RunReport,
) -> Result<(), DbErr> {
    let mut remaining = steps;
    let mut attempt: u32 = 1;
    loop {
        M::install(db).await?;
        let mut names: Vec<String> = match direction {
            Direction::Up => M::get_pending_migrations(db).await?,
            Direction::Down => {
                let mut applied = M::get_applied_migrations(db).await?;
                applied.reverse();
                applied
            }
        }
        .iter()
        .map(|m| m.name().to_string())
        .collect();
        if let Some(n) = remaining {
            names.truncate(n as usize);
        }
        log.begin(direction.word(), names.clone(), attempt as i32);
        let migrate = async {
            match direction {
                Direction::Up => M::up(db, remaining).await,
                Direction::Down => M::down(db, remaining).await,
            }
        };
        let result = crate::log::UNMETERED.scope(log.recorder(), migrate).await;
        let done = names.len() - log.revisions_left();
        report.revisions.extend(names.iter().take(done).cloned());
        let error = match result {
            Ok(()) => return Ok(()),
            Err(e) => e,
        };
        remaining = remaining.map(|n| n.saturating_sub(done as u32));
        let failed_revision = names.get(done).cloned().unwrap_or_default();
        let lock_timeout = classify(&error) == Failure::LockTimeout;
        if !lock_timeout {
            log.fail(&error.to_string(), "failed");
            return Err(error);
        }
        log.fail(&error.to_string(), "lock-timeout");
        if attempt > config.lock_retries {
            return Err(DbErr::Migration(format!(
                "{failed_revision}: a lock was not granted within {:?}, {} times; giving up: {error}",
                config.lock_timeout, attempt
            )));
        }
        if let Some(reason) = unsafe_to_retry::<M>(db, &failed_revision, log) {
            return Err(DbErr::Migration(format!(
                "{failed_revision}: a lock was not granted within {:?}; not retried because \
                 {reason}: {error}",
                config.lock_timeout
            )));
        }
        if let Some(statement) = log.failed_statement() {
            drop_invalid_index_left_by(db, &statement).await?;
        }
        let delay = backoff(config.retry_backoff, attempt);
        eprintln!(
            "{failed_revision}: a lock was not granted within {:?}; retry {attempt} of {} in {:.1}s",
            config.lock_timeout,
            config.lock_retries,
            delay.as_secs_f64()
        );
        tokio::time::sleep(delay).await;
        report.retries += 1;
        attempt += 1;
    }
}

/// Why rerunning the failed revision could apply a statement twice, if it could.
fn unsafe_to_retry<M: MigratorTrait>(
    db: &DatabaseConnection,
    revision: &str,
    log: &AuditLog,
) -> Option<String> {
    let done = log.statements_done_in_revision();
    if done == 0 {
        return None;
    }
    let transactional = db.get_database_backend() == DbBackend::Postgres
        && M::migrations()
            .iter()
            .find(|m| m.name() == revision)
            .is_none_or(|m| m.use_transaction() != Some(false));
    if transactional {
        // The revision's transaction rolled back: nothing of it is left.
        return None;
    }
    Some(format!(
        "{done} statement(s) of it had already run outside a transaction; rerun it when the \
         lock is free (generated steps check the catalog and skip what is done)"
    ))
}

/// A `CREATE INDEX CONCURRENTLY` that failed leaves an INVALID index behind, and a rerun
/// would fail on its name: drop it (concurrently too) before the retry.
async fn drop_invalid_index_left_by(db: &DatabaseConnection, statement: &str) -> Result<(), DbErr> {
    let upper = statement.to_ascii_uppercase();
    if db.get_database_backend() != DbBackend::Postgres
        || !(upper.contains("CREATE") && upper.contains("CONCURRENTLY"))
    {
        return Ok(());
    }
    let rows = db
        .query_all_raw(sea_orm_migration::sea_orm::Statement::from_string(
            DbBackend::Postgres,
            "SELECT c.relname::text, quote_ident(n.nspname) || '.' || quote_ident(c.relname) \
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND NOT i.indisvalid",
        ))
        .await?;
    for row in rows {
        let name: String = row.try_get_by_index(0)?;
        let qualified: String = row.try_get_by_index(1)?;
        if names_index(statement, &name) {
            let drop = format!("DROP INDEX CONCURRENTLY IF EXISTS {qualified}");
            eprintln!("dropping the invalid index the failed build left: {drop}");
            db.execute_unprepared(&drop).await?;
        }
    }
    Ok(())
}

/// Whether `statement` creates the index `name` (quoted or not).
fn names_index(statement: &str, name: &str) -> bool {
    let quoted = format!("\"{}\"", name.replace('"', "\"\""));
    statement.contains(&quoted)
        || statement
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .any(|word| word == name)
}

/// `base × 2^(attempt-1)`, plus up to half of that again at random, so that runners that
/// collided do not collide again.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let exp = base.saturating_mul(1u32 << (attempt - 1).min(16));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let jitter = exp.mul_f64(f64::from(nanos % 1000) / 2000.0);
    exp + jitter
}

fn run_id() -> String {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    format!("{}-{millis}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_bounded_jitter() {
        let base = Duration::from_millis(100);
        for attempt in 1..=4 {
            let d = backoff(base, attempt);
            let exp = base * (1 << (attempt - 1));
            assert!(d >= exp && d < exp + exp / 2, "{attempt}: {d:?}");
        }
    }

    #[test]
    fn finds_the_index_a_statement_creates() {
        let s =
            r#"CREATE INDEX CONCURRENTLY "ix_docs_meta" ON "documents" USING gin ("doc_metadata")"#;
        assert!(names_index(s, "ix_docs_meta"));
        assert!(!names_index(s, "ix_docs"));
        assert!(names_index(
            "CREATE INDEX CONCURRENTLY ix_a ON t (a)",
            "ix_a"
        ));
    }
}
