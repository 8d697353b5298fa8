//! SQLite: what `ALTER TABLE` can do is done in place, on a real database with rows, and
//! names SQLite does not keep are not compared.

use autogen_diff::{DiffOptions, Op, diff};
use autogen_schema::{Column, ColumnType, Dialect, Index, IndexPart};
use autogen_testkit::ScratchDb;

fn options() -> DiffOptions {
    DiffOptions {
        dialect: Some(Dialect::Sqlite),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_nullable_indexed_column_is_added_without_a_rebuild() {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    db.execute_all(&[
        "CREATE TABLE t (id integer PRIMARY KEY, n integer NOT NULL)".to_string(),
        "INSERT INTO t (n) VALUES (1), (2)".to_string(),
    ])
    .await;
    let start = db.reflect().await;
    let mut target = start.clone();
    let t = target.tables.get_mut("t").unwrap();
    t.columns
        .push(Column::new("email", ColumnType::varchar(100)));
    t.columns.last_mut().unwrap().nullable = true;
    t.indexes.push(Index {
        options: Default::default(),
        name: "t_email_idx".into(),
        unique: false,
        parts: vec![IndexPart::column("email")],
        method: Default::default(),
        predicate: None,
    });
    let plan = diff(&start, &target, &options());
    assert!(
        matches!(
            plan.ops.as_slice(),
            [Op::AddColumn { .. }, Op::CreateIndex { .. }]
        ),
        "{:#?}",
        plan.ops
    );
    db.execute_all(&plan.to_sql(Dialect::Sqlite).unwrap()).await;
    assert!(diff(&db.reflect().await, &target, &options()).is_empty());
    db.execute_all(&plan.inverse().to_sql(Dialect::Sqlite).unwrap())
        .await;
    assert!(diff(&db.reflect().await, &start, &options()).is_empty());
}

#[tokio::test]
async fn unnamed_constraints_equal_named_ones() {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    // SeaORM's DDL: an inline key and foreign key, neither named.
    db.execute_all(&[
        "CREATE TABLE p (id integer NOT NULL PRIMARY KEY AUTOINCREMENT)".to_string(),
        "CREATE TABLE c (id integer NOT NULL PRIMARY KEY, p_id integer NOT NULL, \
         FOREIGN KEY (p_id) REFERENCES p (id))"
            .to_string(),
    ])
    .await;
    let reflected = db.reflect().await;
    let mut models = reflected.clone();
    let c = models.tables.get_mut("c").unwrap();
    c.foreign_keys[0].name = "fk-c-p_id".into();
    c.primary_key.as_mut().unwrap().name = Some("c_pkey".into());
    assert!(diff(&reflected, &models, &options()).is_empty());
    // A real change is still one.
    let c = models.tables.get_mut("c").unwrap();
    c.foreign_keys[0].on_delete = autogen_schema::FkAction::Cascade;
    assert!(!diff(&reflected, &models, &options()).is_empty());
}

/// A view on the table, a view on that view, a trigger on the table and an `INSTEAD OF`
/// trigger on the view: a rebuild of the table drops them first and recreates them after,
/// in the script's one transaction, with rows kept; down restores the start.
#[tokio::test]
async fn a_rebuild_drops_and_recreates_the_views_and_triggers_that_depend_on_it() {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    db.execute_all(&[
        "CREATE TABLE users (id integer PRIMARY KEY, name text, age integer)".to_string(),
        "CREATE TABLE logs (body text)".to_string(),
        "CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18".to_string(),
        "CREATE VIEW adult_names AS SELECT name FROM adults".to_string(),
        "CREATE TRIGGER users_log AFTER INSERT ON users BEGIN \
         INSERT INTO logs VALUES ('user ' || new.name); END"
            .to_string(),
        "CREATE TRIGGER adults_insert INSTEAD OF INSERT ON adults BEGIN \
         INSERT INTO users (id, name, age) VALUES (new.id, new.name, 18); END"
            .to_string(),
        "INSERT INTO users VALUES (1, 'ann', 30), (2, 'bob', 10)".to_string(),
    ])
    .await;
    let start = db.reflect().await;
    assert_eq!(start.views.len(), 2);
    assert_eq!(start.triggers.len(), 2);
    assert_eq!(
        start.views["adult_names"].depends_on,
        vec!["adults".to_string()]
    );
    let mut target = start.clone();
    // NOT NULL on a column: SQLite cannot alter it in place.
    let users = target.tables.get_mut("users").unwrap();
    users
        .columns
        .iter_mut()
        .find(|c| c.name == "name")
        .unwrap()
        .nullable = false;
    let plan = diff(&start, &target, &options());
    let kinds: Vec<String> = plan
        .ops
        .iter()
        .map(|op| match op {
            Op::DropView { view, because } => format!("drop view {} {because:?}", view.name),
            Op::CreateView { view, .. } => format!("create view {}", view.name),
            Op::DropTrigger { trigger, .. } => format!("drop trigger {}", trigger.name),
            Op::CreateTrigger { trigger, .. } => format!("create trigger {}", trigger.name),
            Op::RebuildTable { to, .. } => format!("rebuild {}", to.name),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "drop trigger adults_insert",
            "drop trigger users_log",
            "drop view adult_names Some(\"table users is rebuilt\")",
            "drop view adults Some(\"table users is rebuilt\")",
            "rebuild users",
            "create view adults",
            "create view adult_names",
            "create trigger adults_insert",
            "create trigger users_log",
        ],
        "{:#?}",
        plan.ops
    );
    assert!(
        plan.hazards()
            .iter()
            .all(|h| *h != autogen_diff::Hazard::BackwardIncompatible)
    );
    db.execute_all(&plan.to_sql(Dialect::Sqlite).unwrap()).await;
    let after = db.reflect().await;
    assert!(diff(&after, &target, &options()).is_empty());
    assert_eq!(after.views, target.views);
    assert_eq!(after.triggers, target.triggers);
    // The recreated triggers fire.
    db.execute_all(&["INSERT INTO adults (id, name) VALUES (3, 'cy')".to_string()])
        .await;
    let pool = sqlx::SqlitePool::connect(&db.url).await.unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM logs WHERE body = 'user cy'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
    pool.close().await;
    db.execute_all(&["DELETE FROM users WHERE id = 3".to_string()])
        .await;
    db.execute_all(&plan.inverse().to_sql(Dialect::Sqlite).unwrap())
        .await;
    let back = db.reflect().await;
    assert!(diff(&back, &start, &options()).is_empty());
    assert_eq!(back.views, start.views);
    assert_eq!(back.triggers, start.triggers);
}

/// A VIRTUAL generated column is added in place; a STORED one needs a rebuild (SQLite
/// cannot fill it for existing rows), and the report says so.
#[tokio::test]
async fn generated_columns_are_added_in_place_when_sqlite_allows_it() {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    db.execute_all(&[
        "CREATE TABLE t (id integer PRIMARY KEY, c integer)".to_string(),
        "INSERT INTO t (c) VALUES (1)".to_string(),
    ])
    .await;
    let start = db.reflect().await;
    for stored in [false, true] {
        let mut target = start.clone();
        let mut g = Column::new("g", ColumnType::Integer);
        g.generated = Some(autogen_schema::Generated {
            expression: "c + 1".into(),
            stored,
        });
        target.tables.get_mut("t").unwrap().columns.push(g);
        let plan = diff(&start, &target, &options());
        if stored {
            assert!(
                matches!(plan.ops.as_slice(), [Op::RebuildTable { .. }]),
                "{:#?}",
                plan.ops
            );
        } else {
            assert!(
                matches!(plan.ops.as_slice(), [Op::AddColumn { .. }]),
                "{:#?}",
                plan.ops
            );
        }
        db.execute_all(&plan.to_sql(Dialect::Sqlite).unwrap()).await;
        assert!(diff(&db.reflect().await, &target, &options()).is_empty());
        db.execute_all(&plan.inverse().to_sql(Dialect::Sqlite).unwrap())
            .await;
        assert!(diff(&db.reflect().await, &start, &options()).is_empty());
    }
}
