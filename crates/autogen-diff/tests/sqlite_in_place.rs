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
