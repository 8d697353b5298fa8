//! The example migrations crate, run through its own binary (sea-orm-migration's CLI) on
//! each dialect: revisions applied one at a time up to head, where the database equals the
//! models lowered to the dialect, then rolled back one at a time, each step restoring the
//! schema recorded before that revision was applied, down to an empty database.
//!
//! SQLite always runs; the PostgreSQL and MariaDB tests are `#[ignore = "needs …"]`, run
//! by `.ci/run` with `--include-ignored` and `AUTOGEN_TEST_POSTGRES_URL` /
//! `AUTOGEN_TEST_MYSQL_URL` set.

use std::path::Path;
use std::process::Command;

use autogen_schema::{Dialect, Schema};
use autogen_testkit::{ScratchDb, assert_schema_eq, ignoring_column_order};

/// The revision files in `src/`: `m<digits>….rs`, one per migration.
fn revisions() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut names: Vec<String> = std::fs::read_dir(&src)
        .unwrap_or_else(|e| panic!("read {}: {e}", src.display()))
        .map(|entry| entry.expect("directory entry").file_name())
        .filter_map(|name| name.into_string().ok())
        .filter(|name| {
            name.strip_prefix('m')
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                && name.ends_with(".rs")
        })
        .map(|name| name.trim_end_matches(".rs").to_string())
        .collect();
    names.sort();
    names
}

/// Runs the migration binary with `args` against `db`, panicking with its output when it
/// fails; returns its standard output.
fn migration(db: &ScratchDb, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_migration"))
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env_remove("DATABASE_SCHEMA")
        .output()
        .unwrap_or_else(|e| panic!("run the migration binary: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        panic!(
            "{}: `migration {}` failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{}",
            db.dialect,
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    stdout
}

/// The revisions `status` reports as applied, in its order.
fn applied(db: &ScratchDb) -> Vec<String> {
    migration(db, &["status"])
        .lines()
        .filter(|line| line.ends_with("... Applied"))
        .filter_map(|line| line.split('\'').nth(1))
        .map(str::to_string)
        .collect()
}

fn models_schema() -> Schema {
    models::base()
        .and_then(|base| base.schema())
        .unwrap_or_else(|e| panic!("the models do not build a schema: {e}"))
}

async fn up_to_head_and_back(dialect: Dialect) {
    let db = ScratchDb::create(dialect).await;
    let revisions = revisions();
    assert!(!revisions.is_empty(), "no revision files in migrations/src");

    // before[i]: the schema before revision i was applied.
    let mut before: Vec<Schema> = Vec::new();
    let mut current = ignoring_column_order(db.reflect().await);
    for (i, revision) in revisions.iter().enumerate() {
        before.push(current);
        migration(&db, &["up", "-n", "1"]);
        assert_eq!(
            applied(&db),
            revisions[..=i],
            "{dialect}: applied revisions after `up -n 1` to {revision}"
        );
        current = ignoring_column_order(db.reflect().await);
    }

    let mut models = ignoring_column_order(dialect.lower(&models_schema()));
    // What the models cannot declare (the hand-written revision's extension and
    // function) is the database's, as `check` takes it (docs/views-and-triggers.md).
    models.keep_unmanaged(&current);
    assert_schema_eq!(
        current,
        models,
        "{dialect}: the database at head (left) and the models (right)"
    );

    for (i, revision) in revisions.iter().enumerate().rev() {
        migration(&db, &["down", "-n", "1"]);
        assert_eq!(
            applied(&db),
            revisions[..i],
            "{dialect}: applied revisions after `down -n 1` from {revision}"
        );
        let reflected = ignoring_column_order(db.reflect().await);
        assert_schema_eq!(
            reflected,
            before[i],
            "{dialect}: after rolling back {revision} (left), before applying it (right)"
        );
    }

    let base = db.reflect().await;
    assert!(
        base.tables.is_empty() && base.enums.is_empty(),
        "{dialect}: left at base: tables {:?}, enums {:?}",
        base.tables.keys().collect::<Vec<_>>(),
        base.enums.keys().collect::<Vec<_>>()
    );
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn postgres_up_to_head_and_back() {
    up_to_head_and_back(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn mysql_up_to_head_and_back() {
    up_to_head_and_back(Dialect::Mysql).await;
}

#[tokio::test]
async fn sqlite_up_to_head_and_back() {
    up_to_head_and_back(Dialect::Sqlite).await;
}
