//! The example models against real databases:
//!
//! - round trip per dialect: the models' `Schema` → `create_statements` → an empty scratch
//!   database → reflected → equal to the models lowered to that dialect;
//! - the Dify PostgreSQL fixture (what Dify's own migrations build) → reflected → equal to
//!   the models lowered to PostgreSQL: no phantom difference.
//!
//! SQLite always runs; the PostgreSQL and MariaDB tests are `#[ignore = "needs …"]`, run
//! by `.ci/run` with `--include-ignored` and `AUTOGEN_TEST_POSTGRES_URL` /
//! `AUTOGEN_TEST_MYSQL_URL` set.

use autogen_schema::{Dialect, Schema};
use autogen_testkit::{ScratchDb, assert_schema_eq};

const DIFY_POSTGRES: &str =
    include_str!("../../crates/autogen-reflect/tests/fixtures/dify_postgres.sql");

fn models_schema() -> Schema {
    models::base()
        .and_then(|base| base.schema())
        .unwrap_or_else(|e| panic!("the models do not build a schema: {e}"))
}

/// The extension and the `uuidv7()` function the id defaults call, as the fixture
/// creates them before its first table.
fn postgres_prelude() -> &'static str {
    let end = DIFY_POSTGRES
        .find("-- account.py")
        .expect("the Dify fixture marks where its tables start");
    &DIFY_POSTGRES[..end]
}

async fn run_script(db: &ScratchDb, script: &str) {
    let conn = db.connect().await;
    conn.execute(script)
        .await
        .unwrap_or_else(|e| panic!("{} script: {e}", db.dialect));
    conn.close().await;
}

async fn round_trip(dialect: Dialect) {
    let db = ScratchDb::create(dialect).await;
    let schema = models_schema();
    if dialect == Dialect::Postgres {
        run_script(&db, postgres_prelude()).await;
    }
    db.execute_all(&dialect.create_statements(&schema)).await;
    let reflected = db.reflect().await;
    assert_eq!(reflected.tables.len(), 33, "{dialect}: all 33 tables");
    // What the models cannot declare (the prelude's extension and function) is the
    // database's, as `check` takes it (docs/views-and-triggers.md).
    let mut models = dialect.lower(&schema);
    models.keep_unmanaged(&reflected);
    assert_schema_eq!(reflected, models, "{dialect} round trip");
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn postgres_round_trip() {
    round_trip(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn mysql_round_trip() {
    round_trip(Dialect::Mysql).await;
}

#[tokio::test]
async fn sqlite_round_trip() {
    round_trip(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn dify_postgres_database_equals_the_models() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    run_script(&db, DIFY_POSTGRES).await;
    let reflected = db.reflect().await;
    let mut models = Dialect::Postgres.lower(&models_schema());
    models.keep_unmanaged(&reflected);
    assert_schema_eq!(
        reflected,
        models,
        "the database Dify's migrations build (left) and the models (right)"
    );
}

#[test]
fn models_cover_both_dify_files_with_their_names() {
    let schema = models_schema();
    assert_eq!(schema.tables.len(), 33);
    let datasets = &schema.tables["datasets"];
    assert_eq!(
        datasets
            .primary_key
            .as_ref()
            .and_then(|p| p.name.as_deref()),
        Some("dataset_pkey")
    );
    let gin = datasets.index("retrieval_model_idx").expect("GIN index");
    assert_eq!(gin.method, autogen_schema::IndexMethod::Gin);
    // `unique=True` on dataset_keyword_tables.dataset_id, named by Dify's `uq` convention.
    assert!(
        schema.tables["dataset_keyword_tables"]
            .unique("dataset_keyword_tables_dataset_id_key")
            .is_some()
    );
    assert!(schema.enums.is_empty(), "Dify's EnumText is varchar");
}
