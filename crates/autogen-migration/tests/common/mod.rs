//! Migrations written for the runtime's tests, and helpers to read what a run left.
#![allow(dead_code)]

use std::time::Duration;

use autogen_migration::config::RuntimeConfig;
use autogen_migration::log::{LogRow, read_log};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, Statement,
    TransactionTrait,
};

/// How long the first revision of [`Slow`] holds the run: long enough that a second
/// runner started at the same time finds the lock taken.
pub const SLOW: Duration = Duration::from_millis(1500);

/// A migration: a name and its statements up and down, run with `run_sql`.
pub struct Sql {
    pub name: &'static str,
    pub up: &'static [&'static str],
    pub down: &'static [&'static str],
    pub pause: Duration,
    pub transaction: Option<bool>,
}

impl MigrationName for Sql {
    fn name(&self) -> &str {
        self.name
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Sql {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        autogen_migration::run_sql(manager, self.up).await?;
        tokio::time::sleep(self.pause).await;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        autogen_migration::run_sql(manager, self.down).await
    }

    fn use_transaction(&self) -> Option<bool> {
        self.transaction
    }
}

/// Two revisions, the first one slow.
pub struct Slow;

#[async_trait::async_trait]
impl MigratorTrait for Slow {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(Sql {
                name: "m1_create_runs_a",
                up: &["CREATE TABLE runs_a (id INTEGER PRIMARY KEY)"],
                down: &["DROP TABLE runs_a"],
                pause: SLOW,
                transaction: None,
            }),
            Box::new(Sql {
                name: "m2_create_runs_b",
                up: &["CREATE TABLE runs_b (id INTEGER PRIMARY KEY)"],
                down: &["DROP TABLE runs_b"],
                pause: Duration::ZERO,
                transaction: None,
            }),
        ]
    }
}

/// Adds a column to `blocked` (a table the test creates and locks from elsewhere).
pub struct AlterBlocked;

#[async_trait::async_trait]
impl MigratorTrait for AlterBlocked {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(Sql {
            name: "m1_alter_blocked",
            up: &["ALTER TABLE blocked ADD COLUMN b INTEGER"],
            down: &["ALTER TABLE blocked DROP COLUMN b"],
            pause: Duration::ZERO,
            transaction: None,
        })]
    }
}

/// Builds an index on `blocked` concurrently (PostgreSQL), outside a transaction.
pub struct IndexBlockedConcurrently;

#[async_trait::async_trait]
impl MigratorTrait for IndexBlockedConcurrently {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(Sql {
            name: "m1_index_blocked",
            up: &["CREATE INDEX CONCURRENTLY ix_blocked_a ON blocked (a)"],
            down: &["DROP INDEX CONCURRENTLY ix_blocked_a"],
            pause: Duration::ZERO,
            transaction: Some(false),
        })]
    }
}

/// A first revision that works, a second one that fails on a missing table.
pub struct Failing;

#[async_trait::async_trait]
impl MigratorTrait for Failing {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(Sql {
                name: "m1_create_fine",
                up: &["CREATE TABLE fine (id INTEGER PRIMARY KEY)"],
                down: &["DROP TABLE fine"],
                pause: Duration::ZERO,
                transaction: None,
            }),
            Box::new(Sql {
                name: "m2_alter_missing",
                up: &[
                    "CREATE TABLE also_fine (id INTEGER PRIMARY KEY)",
                    "ALTER TABLE missing_table ADD COLUMN x INTEGER",
                ],
                down: &["DROP TABLE also_fine"],
                pause: Duration::ZERO,
                transaction: None,
            }),
        ]
    }
}

/// A configuration for tests: short waits.
pub fn config(run_lock_wait: Duration) -> RuntimeConfig {
    RuntimeConfig {
        run_lock_wait,
        lock_timeout: Duration::from_secs(1),
        statement_timeout: Duration::ZERO,
        busy_timeout: Duration::from_secs(5),
        lock_retries: 3,
        retry_backoff: Duration::from_millis(200),
    }
}

pub async fn connect(url: &str) -> DatabaseConnection {
    let mut options = ConnectOptions::new(url.to_string());
    options.max_connections(1).sqlx_logging(false);
    Database::connect(options).await.expect("connect")
}

/// The versions in `seaql_migrations`.
pub async fn applied(url: &str) -> Vec<String> {
    let db = connect(url).await;
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT version FROM seaql_migrations ORDER BY version",
        ))
        .await
        .expect("read seaql_migrations");
    let out = rows
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect();
    db.close().await.unwrap();
    out
}

/// The audit log.
pub async fn log(url: &str) -> Vec<LogRow> {
    let db = connect(url).await;
    let rows = read_log(&db).await.expect("read the audit log");
    db.close().await.unwrap();
    rows
}

/// The audit log, or nothing while the table does not exist yet.
pub async fn try_log(url: &str) -> Vec<LogRow> {
    let db = connect(url).await;
    let rows = read_log(&db).await.unwrap_or_default();
    db.close().await.unwrap();
    rows
}

/// A transaction on a connection of its own that has run `statements` and holds their
/// locks until it is dropped or committed.
pub async fn hold(url: &str, statements: &[&str]) -> (DatabaseConnection, DatabaseTransaction) {
    let db = connect(url).await;
    let txn = db.begin().await.expect("begin");
    for s in statements {
        txn.execute_unprepared(s).await.expect("blocking statement");
    }
    (db, txn)
}
