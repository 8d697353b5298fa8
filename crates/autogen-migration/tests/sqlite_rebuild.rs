//! SQLite table rebuilds on a real SQLite file (issue 8, item 4): a rebuild that fails
//! leaves the database exactly as it was and can be rerun once the data is fixed; views
//! and triggers that use the table survive; a copy table left by an older autogen does not
//! block the rerun; a broken foreign key rolls the rebuild back. The same for the SQL
//! script form (`diff --format sql --dialect sqlite`).

use autogen_diff::{DiffOptions, Op, diff};
use autogen_schema::{
    Column, ColumnType, Dialect, ForeignKey, PrimaryKey, Schema, Table, UniqueConstraint,
};
use autogen_testkit::ScratchDb;
use sea_orm_migration::SchemaManager;
use sea_orm_migration::sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};

fn table(name: &str, columns: &[(&str, ColumnType)]) -> Table {
    let mut t = Table::new(name);
    for (i, (c, ty)) in columns.iter().enumerate() {
        let mut column = Column::new(*c, ty.clone());
        column.nullable = i != 0;
        t.columns.push(column);
    }
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: None,
        columns: vec![columns[0].0.to_string()],
    });
    t
}

/// `parent(id)`, `t(id, email, parent_id)`.
fn base() -> Schema {
    let mut s = Schema::default();
    s.tables.insert(
        "parent".into(),
        table("parent", &[("id", ColumnType::Integer)]),
    );
    s.tables.insert(
        "t".into(),
        table(
            "t",
            &[
                ("id", ColumnType::Integer),
                ("email", ColumnType::Text),
                ("parent_id", ColumnType::Integer),
            ],
        ),
    );
    s
}

fn with_unique_email(mut s: Schema) -> Schema {
    s.tables
        .get_mut("t")
        .unwrap()
        .uniques
        .push(UniqueConstraint {
            deferrable: Default::default(),
            nulls_not_distinct: false,
            name: "t_email_key".into(),
            columns: vec!["email".into()],
        });
    s
}

fn with_parent_key(mut s: Schema) -> Schema {
    s.tables
        .get_mut("t")
        .unwrap()
        .foreign_keys
        .push(ForeignKey {
            deferrable: Default::default(),
            not_valid: false,
            name: "t_parent_id_fkey".into(),
            columns: vec!["parent_id".into()],
            ref_table: "parent".into(),
            ref_columns: vec!["id".into()],
            on_delete: Default::default(),
            on_update: Default::default(),
        });
    s
}

/// The rebuild statements of `t` as a generated migration passes them (without the
/// script's pragmas).
fn rebuild_statements(from: &Schema, to: &Schema) -> Vec<String> {
    let plan = diff(
        from,
        to,
        &DiffOptions {
            dialect: Some(Dialect::Sqlite),
            ..Default::default()
        },
    );
    let [op @ Op::RebuildTable { .. }] = plan.ops.as_slice() else {
        panic!("expected one rebuild: {:#?}", plan.ops);
    };
    autogen_diff::sql::op_sql(op, Dialect::Sqlite)
        .unwrap()
        .into_iter()
        .filter(|s| !s.starts_with("PRAGMA "))
        .collect()
}

async fn setup(schema: &Schema, extra: &[&str]) -> (ScratchDb, DatabaseConnection) {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    let mut statements = Dialect::Sqlite.create_statements(schema);
    statements.extend(extra.iter().map(|s| s.to_string()));
    db.execute_all(&statements).await;
    let conn = Database::connect(db.url.as_str()).await.expect("connect");
    (db, conn)
}

/// Everything in the database: the schema's text and every row of `t`.
async fn snapshot(conn: &DatabaseConnection) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name",
        "SELECT id || ' ' || coalesce(email, '') || ' ' || coalesce(parent_id, '') FROM t ORDER BY id",
    ] {
        let rows = conn
            .query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
            .await
            .unwrap();
        out.extend(
            rows.iter()
                .map(|r| r.try_get_by_index::<String>(0).unwrap()),
        );
    }
    out
}

async fn rebuild(conn: &DatabaseConnection, statements: &[String]) -> Result<(), String> {
    let manager = SchemaManager::new(conn);
    let refs: Vec<&str> = statements.iter().map(String::as_str).collect();
    autogen_migration::sqlite_rebuild(&manager, "t", &refs)
        .await
        .map_err(|e| e.to_string())
}

const DEPENDENTS: [&str; 4] = [
    "CREATE VIEW v AS SELECT * FROM t",
    "CREATE VIEW v2 AS SELECT email FROM \"v\"",
    "CREATE TABLE audit (note text)",
    "CREATE TRIGGER t_audit AFTER INSERT ON t BEGIN INSERT INTO audit VALUES (new.email); END",
];

#[tokio::test]
async fn failed_copy_changes_nothing_and_rerun_succeeds() {
    let from = base();
    let to = with_unique_email(base());
    let mut extra = vec![
        "INSERT INTO parent VALUES (1)",
        "INSERT INTO t VALUES (1, 'a@x', 1), (2, 'a@x', 1), (3, 'b@x', 1)",
    ];
    extra.extend(DEPENDENTS);
    let (_db, conn) = setup(&from, &extra).await;
    let statements = rebuild_statements(&from, &to);
    let before = snapshot(&conn).await;

    let err = rebuild(&conn, &statements).await.expect_err("duplicates");
    assert!(err.contains("UNIQUE constraint failed"), "{err}");
    assert!(err.contains("rolled back"), "{err}");
    assert_eq!(
        snapshot(&conn).await,
        before,
        "the failed rebuild changed the database"
    );
    // A rerun without fixing the data fails the same way, not on a leftover.
    let again = rebuild(&conn, &statements)
        .await
        .expect_err("still duplicates");
    assert!(again.contains("UNIQUE constraint failed"), "{again}");

    conn.execute_unprepared("DELETE FROM t WHERE id = 2")
        .await
        .unwrap();
    rebuild(&conn, &statements)
        .await
        .expect("rerun after fixing the data");
    let after = snapshot(&conn).await;
    assert!(
        after
            .iter()
            .any(|s| s.starts_with("table t: ") && s.contains("UNIQUE")),
        "{after:#?}"
    );
    for name in ["view v:", "view v2:", "trigger t_audit:"] {
        assert!(
            after.iter().any(|s| s.starts_with(name)),
            "{name} lost: {after:#?}"
        );
    }
    assert!(
        after.iter().all(|s| !s.contains("_autogen_new_")),
        "{after:#?}"
    );
    assert!(after.contains(&"3 b@x 1".to_string()), "{after:#?}");
    // Once more: the table already is the target, and nothing changes.
    rebuild(&conn, &statements)
        .await
        .expect("rerun of a finished rebuild");
    assert_eq!(snapshot(&conn).await, after);
}

#[tokio::test]
async fn copy_left_by_an_older_autogen_does_not_block_the_rerun() {
    let from = base();
    let to = with_unique_email(base());
    let (_db, conn) = setup(
        &from,
        &[
            "INSERT INTO t VALUES (1, 'a@x', NULL)",
            "CREATE TABLE \"_autogen_new_t\" (id integer)",
        ],
    )
    .await;
    rebuild(&conn, &rebuild_statements(&from, &to))
        .await
        .expect("rebuild over a leftover copy");
    let after = snapshot(&conn).await;
    assert!(
        after.iter().all(|s| !s.contains("_autogen_new_")),
        "{after:#?}"
    );
    assert!(after.contains(&"1 a@x ".to_string()), "{after:#?}");
}

#[tokio::test]
async fn broken_foreign_key_rolls_back() {
    let from = base();
    let to = with_parent_key(base());
    let (_db, conn) = setup(&from, &["INSERT INTO t VALUES (1, 'a@x', 42)"]).await;
    let before = snapshot(&conn).await;
    let err = rebuild(&conn, &rebuild_statements(&from, &to))
        .await
        .expect_err("row 1 references a missing parent");
    assert!(err.contains("foreign keys are broken"), "{err}");
    assert!(err.contains("t rowid 1"), "{err}");
    assert_eq!(snapshot(&conn).await, before);
}

/// Runs a script's statements on one connection as `sqlite3 -bail` does: the first error
/// stops it, and closing the connection rolls back the open transaction.
async fn run_script(db: &ScratchDb, statements: &[String]) -> Result<(), String> {
    let conn = Database::connect(db.url.as_str()).await.expect("connect");
    let mut result = Ok(());
    for s in statements {
        if let Err(e) = conn.execute_unprepared(s).await {
            result = Err(format!("{s}: {e}"));
            break;
        }
    }
    conn.close().await.expect("close");
    result
}

#[tokio::test]
async fn script_is_one_transaction_and_keeps_views() {
    let from = base();
    let to = with_unique_email(base());
    let plan = diff(
        &from,
        &to,
        &DiffOptions {
            dialect: Some(Dialect::Sqlite),
            ..Default::default()
        },
    );
    let script = plan.to_sql(Dialect::Sqlite).unwrap();
    assert_eq!(script[0], "PRAGMA foreign_keys = OFF");
    assert_eq!(script[1], "BEGIN IMMEDIATE");
    assert_eq!(script[script.len() - 2], "COMMIT");

    let (db, conn) = setup(
        &from,
        &[
            "INSERT INTO t VALUES (1, 'a@x', NULL), (2, 'a@x', NULL)",
            "CREATE VIEW v AS SELECT * FROM t",
        ],
    )
    .await;
    let before = snapshot(&conn).await;
    let err = run_script(&db, &script).await.expect_err("duplicates");
    assert!(err.contains("UNIQUE"), "{err}");
    assert_eq!(
        snapshot(&conn).await,
        before,
        "a failed script changed the database"
    );

    conn.execute_unprepared("DELETE FROM t WHERE id = 2")
        .await
        .unwrap();
    run_script(&db, &script)
        .await
        .expect("script after fixing the data");
    let after = snapshot(&conn).await;
    assert!(after.iter().any(|s| s.starts_with("view v:")), "{after:#?}");
    assert!(
        after.iter().all(|s| !s.contains("_autogen_new_")),
        "{after:#?}"
    );
}

#[tokio::test]
async fn script_fails_on_a_broken_foreign_key() {
    let from = base();
    let to = with_parent_key(base());
    let plan = diff(
        &from,
        &to,
        &DiffOptions {
            dialect: Some(Dialect::Sqlite),
            ..Default::default()
        },
    );
    let (db, conn) = setup(&from, &["INSERT INTO t VALUES (1, 'a@x', 42)"]).await;
    let before = snapshot(&conn).await;
    let err = run_script(&db, &plan.to_sql(Dialect::Sqlite).unwrap())
        .await
        .expect_err("row 1 references a missing parent");
    assert!(err.contains("CHECK constraint failed"), "{err}");
    assert_eq!(snapshot(&conn).await, before);
}

/// Inside the migration's own transaction (`use_transaction() == Some(true)`), the
/// rebuild runs in a savepoint: a failure undoes the rebuild only, and the transaction
/// goes on.
#[tokio::test]
async fn inside_a_transaction_a_failure_undoes_only_the_rebuild() {
    use sea_orm_migration::sea_orm::TransactionTrait;
    let from = base();
    let to = with_unique_email(base());
    let (_db, conn) = setup(
        &from,
        &["INSERT INTO t VALUES (1, 'a@x', NULL), (2, 'a@x', NULL)"],
    )
    .await;
    let statements = rebuild_statements(&from, &to);
    let refs: Vec<&str> = statements.iter().map(String::as_str).collect();
    let before = snapshot(&conn).await;

    let txn = conn.begin().await.unwrap();
    let err = autogen_migration::sqlite_rebuild(&SchemaManager::new(&txn), "t", &refs)
        .await
        .expect_err("duplicates");
    assert!(err.to_string().contains("rolled back"), "{err}");
    txn.execute_unprepared("DELETE FROM t WHERE id = 2")
        .await
        .unwrap();
    autogen_migration::sqlite_rebuild(&SchemaManager::new(&txn), "t", &refs)
        .await
        .expect("rebuild after the fix, same transaction");
    txn.commit().await.unwrap();
    let after = snapshot(&conn).await;
    assert_ne!(after, before);
    assert!(
        after
            .iter()
            .any(|s| s.starts_with("table t: ") && s.contains("UNIQUE")),
        "{after:#?}"
    );
    assert!(
        after.iter().all(|s| !s.contains("_autogen_new_")),
        "{after:#?}"
    );
}
