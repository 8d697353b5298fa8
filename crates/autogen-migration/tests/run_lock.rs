//! One runner per database (issue 12, item 1), on a real SQLite file, PostgreSQL and
//! MariaDB: two runners started together apply each revision exactly once, the second
//! one waits and then has nothing to do; a runner that may not wait long enough fails
//! naming the holder.

mod common;

use std::time::Duration;

use autogen_migration::runner::{Direction, run};
use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;
use common::{Slow, applied, config, log};

async fn two_runners_apply_each_revision_once(dialect: Dialect) {
    {
        let db = ScratchDb::create(dialect).await;
        let cfg = config(Duration::from_secs(30));
        let (a, b) = tokio::join!(
            run::<Slow>(&db.url, None, Direction::Up, None, &cfg),
            run::<Slow>(&db.url, None, Direction::Up, None, &cfg),
        );
        let (a, b) = (
            a.unwrap_or_else(|e| panic!("{dialect}: first runner: {e}")),
            b.unwrap_or_else(|e| panic!("{dialect}: second runner: {e}")),
        );
        let (winner, loser) = if a.revisions.is_empty() {
            (b, a)
        } else {
            (a, b)
        };
        assert_eq!(
            winner.revisions,
            ["m1_create_runs_a", "m2_create_runs_b"],
            "{dialect}"
        );
        assert!(loser.revisions.is_empty(), "{dialect}: {loser:?}");
        assert!(
            loser.waited_for.is_some(),
            "{dialect}: the loser did not wait"
        );
        assert_eq!(
            applied(&db.url).await,
            ["m1_create_runs_a", "m2_create_runs_b"],
            "{dialect}"
        );
        let creates: Vec<_> = log(&db.url)
            .await
            .into_iter()
            .filter(|r| {
                r.statement
                    .as_deref()
                    .is_some_and(|s| s.starts_with("CREATE TABLE runs_"))
            })
            .collect();
        assert_eq!(creates.len(), 2, "{dialect}: {creates:#?}");
        assert_eq!(creates[0].revision, "m1_create_runs_a", "{dialect}");
        assert_eq!(creates[1].revision, "m2_create_runs_b", "{dialect}");
        assert!(
            creates
                .iter()
                .all(|r| r.outcome == "ok" && r.direction == "up")
        );

        // Down, the same way: each revision reverted once.
        let (a, b) = tokio::join!(
            run::<Slow>(&db.url, None, Direction::Down, Some(2), &cfg),
            run::<Slow>(&db.url, None, Direction::Down, Some(2), &cfg),
        );
        let mut reverted = a.unwrap().revisions;
        reverted.extend(b.unwrap().revisions);
        assert_eq!(
            reverted,
            ["m2_create_runs_b", "m1_create_runs_a"],
            "{dialect}"
        );
        assert!(applied(&db.url).await.is_empty(), "{dialect}");
    }
}

async fn a_runner_that_waits_too_long_names_the_holder(dialect: Dialect) {
    {
        let db = ScratchDb::create(dialect).await;
        let patient = config(Duration::from_secs(30));
        let impatient = config(Duration::from_millis(300));
        let first = run::<Slow>(&db.url, None, Direction::Up, None, &patient);
        let second = async {
            // Let the first runner take the lock.
            tokio::time::sleep(Duration::from_millis(500)).await;
            run::<Slow>(&db.url, None, Direction::Up, None, &impatient).await
        };
        let (first, second) = tokio::join!(first, second);
        assert_eq!(first.unwrap().revisions.len(), 2, "{dialect}");
        let error = second
            .expect_err("the impatient runner must fail")
            .to_string();
        assert!(error.contains("holds the lock"), "{dialect}: {error}");
        let names_holder = match dialect {
            Dialect::Postgres => error.contains("pid ") && error.contains("application_name"),
            Dialect::Mysql => error.contains("connection id ") && error.contains("client "),
            Dialect::Sqlite => error.contains(&format!("process {} on host", std::process::id())),
        };
        assert!(names_holder, "{dialect}: the holder is not named: {error}");
        // The failed runner applied nothing, and the lock is free again.
        assert_eq!(applied(&db.url).await.len(), 2, "{dialect}");
        let again = run::<Slow>(&db.url, None, Direction::Up, None, &impatient)
            .await
            .unwrap_or_else(|e| panic!("{dialect}: the lock was not released: {e}"));
        assert!(again.revisions.is_empty() && again.waited_for.is_none());
    }
}

#[tokio::test]
async fn a_sqlite_lock_row_left_by_a_dead_process_is_taken_over() {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    let conn = common::connect(&db.url).await;
    use sea_orm_migration::sea_orm::ConnectionTrait;
    // A process id that does not exist on this host (above Linux's pid_max limit).
    conn.execute_unprepared(
        "CREATE TABLE autogen_migration_lock (id INTEGER PRIMARY KEY CHECK (id = 1), \
         token TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL, acquired_at TEXT NOT NULL)",
    )
    .await
    .unwrap();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    conn.execute_unprepared(&format!(
        "INSERT INTO autogen_migration_lock VALUES (1, 'dead', 4194305, '{}', '2026-01-01')",
        host.trim()
    ))
    .await
    .unwrap();
    conn.close().await.unwrap();
    let report = run::<Slow>(
        &db.url,
        None,
        Direction::Up,
        None,
        &config(Duration::from_secs(2)),
    )
    .await
    .expect("a dead holder's row is taken over");
    assert_eq!(report.revisions.len(), 2);
    assert!(report.waited_for.unwrap().contains("process 4194305"));

    // A live holder on another host is never taken over: the runner names it and gives up.
    let conn = common::connect(&db.url).await;
    conn.execute_unprepared(
        "INSERT INTO autogen_migration_lock VALUES (1, 'other', 1, 'build-box-7', '2026-01-01')",
    )
    .await
    .unwrap();
    conn.close().await.unwrap();
    let error = run::<Slow>(
        &db.url,
        None,
        Direction::Down,
        None,
        &config(Duration::from_millis(300)),
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("process 1 on host build-box-7")
            && error.contains("DELETE FROM autogen_migration_lock"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_runners_apply_each_revision_once_on_sqlite() {
    two_runners_apply_each_revision_once(Dialect::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn two_runners_apply_each_revision_once_on_postgres() {
    two_runners_apply_each_revision_once(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn two_runners_apply_each_revision_once_on_mysql() {
    two_runners_apply_each_revision_once(Dialect::Mysql).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runner_that_waits_too_long_names_the_holder_on_sqlite() {
    a_runner_that_waits_too_long_names_the_holder(Dialect::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn a_runner_that_waits_too_long_names_the_holder_on_postgres() {
    a_runner_that_waits_too_long_names_the_holder(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn a_runner_that_waits_too_long_names_the_holder_on_mysql() {
    a_runner_that_waits_too_long_names_the_holder(Dialect::Mysql).await;
}
