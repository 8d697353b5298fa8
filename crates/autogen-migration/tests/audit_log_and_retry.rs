//! The audit log and the lock-timeout retry (issue 12, items 2 and 3) on real databases:
//! a failed statement is recorded with its error even though its revision rolled back; a
//! lock held by another connection makes a statement time out, and the run retries it
//! until the lock is gone, or gives up after the configured number of retries.

mod common;

use std::time::Duration;

use autogen_migration::runner::{Direction, RunReport, run};
use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;
use common::{AlterBlocked, Failing, IndexBlockedConcurrently, applied, config, hold, log};
use sea_orm_migration::MigratorTrait;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

async fn a_failed_statement_is_logged_with_its_error(dialect: Dialect) {
    {
        let db = ScratchDb::create(dialect).await;
        let error = run::<Failing>(
            &db.url,
            None,
            Direction::Up,
            None,
            &config(Duration::from_secs(5)),
        )
        .await
        .expect_err("the second revision fails")
        .to_string();
        assert!(error.contains("missing_table"), "{dialect}: {error}");
        assert_eq!(applied(&db.url).await, ["m1_create_fine"], "{dialect}");
        let rows = log(&db.url).await;
        let summary: Vec<_> = rows
            .iter()
            .map(|r| (r.revision.as_str(), r.statement_index, r.outcome.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("m1_create_fine", Some(1), "ok"),
                ("m2_alter_missing", Some(1), "ok"),
                ("m2_alter_missing", Some(2), "failed"),
            ],
            "{dialect}"
        );
        let failed = &rows[2];
        assert!(
            failed.error.as_deref().unwrap().contains("missing_table"),
            "{dialect}"
        );
        assert_eq!(
            failed.statement.as_deref(),
            Some("ALTER TABLE missing_table ADD COLUMN x INTEGER")
        );
        assert_eq!(
            failed.statement_hash.as_deref(),
            Some(
                autogen_migration::log::statement_hash(
                    "ALTER TABLE missing_table ADD COLUMN x INTEGER"
                )
                .as_str()
            )
        );
        assert!(failed.started_at <= failed.finished_at);
        assert_eq!(failed.pid, i64::from(std::process::id()));
        // `autogen log` reads the same rows through autogen-reflect.
        let reflected = autogen_reflect::Database::connect(&db.url).await.unwrap();
        let shown = reflected
            .migration_log(2)
            .await
            .unwrap()
            .expect("the log exists");
        reflected.close().await;
        let shown: Vec<_> = shown
            .iter()
            .map(|e| {
                (
                    e.revision.as_str(),
                    e.statement_index.as_str(),
                    e.outcome.as_str(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("m2_alter_missing", "1", "ok"),
                ("m2_alter_missing", "2", "failed")
            ],
            "{dialect}"
        );
        if dialect == Dialect::Postgres {
            // The revision ran in a transaction that rolled back; the log did not.
            let conn = common::connect(&db.url).await;
            let row = conn
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT to_regclass('also_fine')::text",
                ))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(row.try_get_by_index::<Option<String>>(0).unwrap(), None);
        }
    }
}

/// The statement that makes `blocked`'s lock wanted elsewhere, per server.
fn blocker(dialect: Dialect) -> &'static [&'static str] {
    match dialect {
        // An open transaction that wrote a row: ALTER TABLE waits for its lock; CREATE
        // INDEX CONCURRENTLY waits for it to end.
        Dialect::Postgres => &["INSERT INTO blocked (a) VALUES (1)"],
        // An open transaction that read the table holds its metadata lock.
        _ => &["SELECT * FROM blocked"],
    }
}

/// Runs `M` up on a table `blocked` whose lock another connection holds, released only
/// once the run has logged its first lock timeout.
async fn run_until_unblocked<M: MigratorTrait>(db: &ScratchDb) -> Result<RunReport, DbErr> {
    db.execute_all(&["CREATE TABLE blocked (a INTEGER)".to_string()])
        .await;
    let (conn, txn) = hold(&db.url, blocker(db.dialect)).await;
    let url = db.url.clone();
    let release = tokio::spawn(async move {
        release_after_first_timeout(&url).await;
        txn.commit().await.unwrap();
        conn.close().await.unwrap();
    });
    let report = run::<M>(
        &db.url,
        None,
        Direction::Up,
        None,
        &config(Duration::from_secs(5)),
    )
    .await;
    match report {
        Ok(report) => {
            release.await.unwrap();
            Ok(report)
        }
        // The run's own error, not the releaser's wait for a timeout that never came.
        Err(e) => {
            release.abort();
            Err(e)
        }
    }
}

/// Waits until the run has logged a lock timeout (so the blocker is released only after
/// the runner has met it, however slow the machine).
async fn release_after_first_timeout(url: &str) {
    for _ in 0..600 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let logged = common::try_log(url).await;
        if logged.iter().any(|r| r.outcome == "lock-timeout") {
            return;
        }
    }
    panic!("the run never logged a lock timeout");
}

async fn a_lock_timeout_is_retried_until_the_lock_is_free(dialect: Dialect) {
    {
        let db = ScratchDb::create(dialect).await;
        let report = run_until_unblocked::<AlterBlocked>(&db)
            .await
            .unwrap_or_else(|e| panic!("{dialect}: {e}"));
        assert_eq!(report.revisions, ["m1_alter_blocked"], "{dialect}");
        assert!(report.retries >= 1, "{dialect}: no retry: {report:?}");
        let rows = log(&db.url).await;
        let outcomes: Vec<_> = rows
            .iter()
            .map(|r| (r.attempt, r.outcome.as_str()))
            .collect();
        assert_eq!(
            outcomes.first(),
            Some(&(1, "lock-timeout")),
            "{dialect}: {rows:#?}"
        );
        assert_eq!(
            outcomes.last().map(|o| o.1),
            Some("ok"),
            "{dialect}: {rows:#?}"
        );
        assert_eq!(
            outcomes.len() as u32,
            report.retries + 1,
            "{dialect}: {rows:#?}"
        );
        assert!(rows.iter().all(|r| r.statement.as_deref() == Some("ALTER TABLE blocked ADD COLUMN b INTEGER")));
        assert_eq!(applied(&db.url).await, ["m1_alter_blocked"], "{dialect}");
    }
}

async fn a_lock_that_stays_taken_fails_the_run_after_the_retries(dialect: Dialect) {
    {
        let db = ScratchDb::create(dialect).await;
        db.execute_all(&["CREATE TABLE blocked (a INTEGER)".to_string()])
            .await;
        let (conn, txn) = hold(&db.url, blocker(dialect)).await;
        let mut cfg = config(Duration::from_secs(5));
        cfg.lock_retries = 1;
        let error = run::<AlterBlocked>(&db.url, None, Direction::Up, None, &cfg)
            .await
            .expect_err("the lock is never free")
            .to_string();
        txn.rollback().await.unwrap();
        conn.close().await.unwrap();
        assert!(
            error.contains("m1_alter_blocked") && error.contains("2 times; giving up"),
            "{dialect}: {error}"
        );
        let outcomes: Vec<_> = log(&db.url)
            .await
            .iter()
            .map(|r| (r.attempt, r.outcome.clone()))
            .collect();
        assert_eq!(
            outcomes,
            [
                (1, "lock-timeout".to_string()),
                (2, "lock-timeout".to_string())
            ],
            "{dialect}"
        );
        assert!(applied(&db.url).await.is_empty(), "{dialect}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn a_concurrent_index_build_that_timed_out_is_dropped_then_retried() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    let report = run_until_unblocked::<IndexBlockedConcurrently>(&db)
        .await
        .expect("the build succeeds once the writer is gone");
    assert!(report.retries >= 1, "{report:?}");
    let conn = common::connect(&db.url).await;
    let valid = conn
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT c.relname::text, i.indisvalid FROM pg_index i \
             JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'ix_blocked%'",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.try_get_by_index::<String>(0).unwrap(),
                r.try_get_by_index::<bool>(1).unwrap(),
            )
        })
        .collect::<Vec<_>>();
    assert_eq!(valid, [("ix_blocked_a".to_string(), true)]);
    let outcomes: Vec<_> = log(&db.url).await.into_iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes.first().map(String::as_str), Some("lock-timeout"));
    assert_eq!(outcomes.last().map(String::as_str), Some("ok"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_statement_is_logged_with_its_error_on_sqlite() {
    a_failed_statement_is_logged_with_its_error(Dialect::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn a_failed_statement_is_logged_with_its_error_on_postgres() {
    a_failed_statement_is_logged_with_its_error(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn a_failed_statement_is_logged_with_its_error_on_mysql() {
    a_failed_statement_is_logged_with_its_error(Dialect::Mysql).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn a_lock_timeout_is_retried_until_the_lock_is_free_on_postgres() {
    a_lock_timeout_is_retried_until_the_lock_is_free(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn a_lock_timeout_is_retried_until_the_lock_is_free_on_mysql() {
    a_lock_timeout_is_retried_until_the_lock_is_free(Dialect::Mysql).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn a_lock_that_stays_taken_fails_the_run_after_the_retries_on_postgres() {
    a_lock_that_stays_taken_fails_the_run_after_the_retries(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn a_lock_that_stays_taken_fails_the_run_after_the_retries_on_mysql() {
    a_lock_that_stays_taken_fails_the_run_after_the_retries(Dialect::Mysql).await;
}
