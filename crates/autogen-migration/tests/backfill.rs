//! Batched backfill (issue 12, item 6) on a real SQLite file, PostgreSQL and MariaDB:
//! batches of primary-key ranges, each committed with its progress row; a failure loses
//! only its own batch, and a rerun resumes after the last committed one.

use std::time::Duration;

use autogen_migration::{Backfill, backfill};
use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;
use sea_orm_migration::SchemaManager;
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, Statement, TransactionTrait};

fn spec<'a>(set: &'a str) -> Backfill<'a> {
    Backfill {
        name: "items.b",
        table: "items",
        key: "id",
        set,
        filter: Some("b IS NULL"),
        batch_size: 100,
        pause: Duration::ZERO,
    }
}

async fn a_backfill_runs_in_batches_and_resumes_after_a_failure(dialect: Dialect) {
    {
        let scratch = ScratchDb::create(dialect).await;
        // Keys 1..=1000 with gaps of 3 beyond 900 (sparse keys still make full batches),
        // and a check that refuses b = 2 * id once id > 550.
        let mut setup = vec![
            "CREATE TABLE items (id INTEGER PRIMARY KEY, b INTEGER, CHECK (b <= 1100))".to_string(),
        ];
        let keys: Vec<i64> = (1..=900).chain((903..=1200).step_by(3)).collect();
        for chunk in keys.chunks(200) {
            let values: Vec<String> = chunk.iter().map(|k| format!("({k}, NULL)")).collect();
            setup.push(format!(
                "INSERT INTO items (id, b) VALUES {}",
                values.join(", ")
            ));
        }
        scratch.execute_all(&setup).await;
        let db = Database::connect(&scratch.url).await.unwrap();
        let manager = SchemaManager::new(&db);

        let error = backfill(&manager, &spec("b = id * 2"))
            .await
            .expect_err("the check stops the sixth batch")
            .to_string();
        assert!(
            error.contains("backfill items.b") && error.contains("keys 500..=600"),
            "{dialect}: {error}"
        );
        let done = |sql: &'static str| {
            let db = &db;
            async move {
                db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                    .await
                    .unwrap()
                    .unwrap()
                    .try_get_by_index::<i64>(0)
                    .unwrap()
            }
        };
        // Five batches committed, the sixth rolled back whole.
        assert_eq!(
            done("SELECT COUNT(*) FROM items WHERE b IS NOT NULL").await,
            500,
            "{dialect}"
        );

        // The rerun (with an assignment the check accepts) starts after key 500.
        let report = backfill(&manager, &spec("b = 1"))
            .await
            .unwrap_or_else(|e| panic!("{dialect}: {e}"));
        assert_eq!(report.resumed_after, Some(500), "{dialect}");
        assert_eq!(report.batches, 5, "{dialect}: {report:?}");
        assert_eq!(report.rows, 500, "{dialect}: {report:?}");
        assert_eq!(
            done("SELECT COUNT(*) FROM items WHERE b = id * 2").await,
            500,
            "{dialect}"
        );
        assert_eq!(
            done("SELECT COUNT(*) FROM items WHERE b = 1").await,
            500,
            "{dialect}"
        );
        assert_eq!(
            done("SELECT COUNT(*) FROM items WHERE b IS NULL").await,
            0,
            "{dialect}"
        );

        // A third run has nothing left to do.
        let report = backfill(&manager, &spec("b = 1")).await.unwrap();
        assert_eq!(
            (report.resumed_after, report.batches),
            (Some(1200), 0),
            "{dialect}"
        );
        assert_eq!(
            done("SELECT COUNT(*) FROM autogen_migration_log WHERE outcome = 'backfill'").await,
            10,
            "{dialect}"
        );

        // Inside a transaction a backfill cannot commit its batches: it says so.
        let txn = db.begin().await.unwrap();
        let error = backfill(&SchemaManager::new(&txn), &spec("b = 1"))
            .await
            .unwrap_err()
            .to_string();
        txn.rollback().await.unwrap();
        assert!(
            error.contains("without a transaction"),
            "{dialect}: {error}"
        );
        db.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backfill_runs_in_batches_and_resumes_after_a_failure_on_sqlite() {
    a_backfill_runs_in_batches_and_resumes_after_a_failure(Dialect::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn a_backfill_runs_in_batches_and_resumes_after_a_failure_on_postgres() {
    a_backfill_runs_in_batches_and_resumes_after_a_failure(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn a_backfill_runs_in_batches_and_resumes_after_a_failure_on_mysql() {
    a_backfill_runs_in_batches_and_resumes_after_a_failure(Dialect::Mysql).await;
}
