//! The example's SQLite table rebuild (revision 5 narrows
//! `dataset_collection_bindings.collection_name`, which SQLite can only do by rebuilding
//! the table) on a database where a view and a trigger use the table: issue 8, item 4.
//! Before the rebuild ran in one transaction with its dependents saved and recreated, the
//! `DROP` succeeded, the `RENAME` failed on the view, and the table was gone.

use std::process::Command;

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

fn migration(db: &ScratchDb, args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_migration"))
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env_remove("DATABASE_SCHEMA")
        .output()
        .expect("run the migration binary");
    assert!(
        output.status.success(),
        "`migration {}` failed:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

async fn strings(db: &ScratchDb, sql: &str) -> Vec<String> {
    let conn = Database::connect(db.url.as_str()).await.expect("connect");
    let rows = conn
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let out = rows
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).expect("text column"))
        .collect();
    conn.close().await.expect("close");
    out
}

#[tokio::test]
async fn rebuild_keeps_views_triggers_and_rows() {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    migration(&db, &["up", "-n", "4"]);
    db.execute_all(&[
        "INSERT INTO dataset_collection_bindings (id, provider_name, model_name, collection_name) \
         VALUES ('00000000-0000-0000-0000-000000000001', 'openai', 'ada', 'c1')"
            .into(),
        "CREATE VIEW v AS SELECT * FROM dataset_collection_bindings".into(),
        "CREATE VIEW v2 AS SELECT collection_name FROM v".into(),
        "CREATE TABLE audit (note text)".into(),
        "CREATE TRIGGER t AFTER INSERT ON dataset_collection_bindings \
         BEGIN INSERT INTO audit VALUES (new.collection_name); END"
            .into(),
    ])
    .await;

    migration(&db, &["up", "-n", "1"]);

    let objects = strings(
        &db,
        "SELECT type || ' ' || name FROM sqlite_schema \
         WHERE name IN ('dataset_collection_bindings', 'v', 'v2', 't') ORDER BY name",
    )
    .await;
    assert_eq!(
        objects,
        [
            "table dataset_collection_bindings",
            "trigger t",
            "view v",
            "view v2"
        ]
    );
    assert_eq!(strings(&db, "SELECT collection_name FROM v2").await, ["c1"]);
    let leftovers = strings(
        &db,
        "SELECT name FROM sqlite_schema WHERE name LIKE '\\_autogen\\_new\\_%' ESCAPE '\\'",
    )
    .await;
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    // The new table has the narrowed column; the trigger fires on it.
    let ddl = strings(
        &db,
        "SELECT sql FROM sqlite_schema WHERE name = 'dataset_collection_bindings'",
    )
    .await;
    assert!(ddl[0].contains("varchar(64)"), "{}", ddl[0]);
    db.execute_all(&[
        "INSERT INTO dataset_collection_bindings (id, provider_name, model_name, collection_name) \
         VALUES ('00000000-0000-0000-0000-000000000002', 'openai', 'ada', 'c2')"
            .into(),
    ])
    .await;
    assert_eq!(strings(&db, "SELECT note FROM audit").await, ["c2"]);

    // And back: the downgrade rebuilds the table again, with the same dependents.
    migration(&db, &["down", "-n", "1"]);
    assert_eq!(
        strings(&db, "SELECT collection_name FROM v2 ORDER BY 1").await,
        ["c1", "c2"]
    );
}
