//! PostgreSQL's online forms run outside a transaction; a run that fails on existing rows
//! leaves an invalid index or a `NOT VALID` constraint behind (issue 8, item 9). After the
//! data is fixed, running the same script again finishes the job instead of failing on
//! what the first run left.

use autogen_diff::{DiffOptions, Op, diff};
use autogen_schema::{
    Check, Column, ColumnType, Dialect, FkAction, ForeignKey, Index, IndexPart, PrimaryKey, Schema,
    Table, UniqueConstraint,
};
use autogen_testkit::{ScratchDb, describe_differences, ignoring_column_order};

fn table(name: &str, columns: &[&str]) -> Table {
    let mut t = Table::new(name);
    let mut id = Column::new("id", ColumnType::Integer);
    id.nullable = false;
    t.columns.push(id);
    for c in columns {
        t.columns.push(Column::new(*c, ColumnType::Integer));
    }
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some(format!("{name}_pkey")),
        columns: vec!["id".into()],
    });
    t
}

/// Runs each statement on its own (autocommit), stopping at the first error.
async fn run(db: &ScratchDb, statements: &[String]) -> Result<(), String> {
    let conn = db.connect().await;
    let mut result = Ok(());
    for s in statements {
        if let Err(e) = conn.execute(s).await {
            result = Err(format!("{s}: {e}"));
            break;
        }
    }
    conn.close().await;
    result
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn online_steps_rerun_after_a_partial_run() {
    let mut from = Schema::default();
    from.tables.insert("a".into(), table("a", &["n", "b_id"]));
    from.tables.insert("b".into(), table("b", &[]));
    let mut to = from.clone();
    let a = to.tables.get_mut("a").unwrap();
    a.columns[1].nullable = false;
    a.checks.push(Check {
        not_valid: false,
        no_inherit: false,
        name: "a_n_check".into(),
        expression: "n >= 0".into(),
    });
    a.indexes.push(Index {
        options: Default::default(),
        name: "a_n_key".into(),
        unique: true,
        parts: vec![IndexPart::column("n")],
        method: Default::default(),
        predicate: None,
    });
    // A unique constraint: its concurrent index build fails on the duplicates and leaves
    // an invalid index, which the rerun drops and builds again.
    a.uniques.push(UniqueConstraint {
        deferrable: Default::default(),
        nulls_not_distinct: false,
        name: "a_n_uniq".into(),
        columns: vec!["n".into()],
    });
    a.foreign_keys.push(ForeignKey {
        deferrable: Default::default(),
        not_valid: false,
        name: "a_b_id_fkey".into(),
        columns: vec!["b_id".into()],
        ref_table: "b".into(),
        ref_columns: vec!["id".into()],
        on_delete: FkAction::NoAction,
        on_update: FkAction::NoAction,
    });
    let plan = diff(
        &from,
        &to,
        &DiffOptions {
            dialect: Some(Dialect::Postgres),
            online: true,
            ..Default::default()
        },
    );
    assert!(
        plan.ops
            .iter()
            .any(|op| matches!(op, Op::CreateIndexConcurrently { .. })),
        "{:#?}",
        plan.ops
    );
    assert!(
        plan.ops
            .iter()
            .any(|op| matches!(op, Op::AddUniqueOnline { .. })),
        "{:#?}",
        plan.ops
    );
    let db = ScratchDb::create(Dialect::Postgres).await;
    let mut setup = Dialect::Postgres.create_statements(&from);
    setup.push("INSERT INTO b VALUES (1)".into());
    setup.push("INSERT INTO a VALUES (1, NULL, 1), (2, 5, 1), (3, 5, 99), (4, -1, 1)".into());
    db.execute_all(&setup).await;

    let sql = plan.to_sql(Dialect::Postgres).unwrap();
    let first = run(&db, &sql)
        .await
        .expect_err("the rows violate every new rule");
    assert!(!first.contains("already exists"), "{first}");

    // Each fix lets the run get further; a rerun never trips over the previous one.
    let fixes = ["UPDATE a SET n = id * 10", "UPDATE a SET b_id = 1"];
    let mut last = Err(first);
    for fix in fixes {
        db.execute_all(&[fix.to_string()]).await;
        last = run(&db, &sql).await;
        if let Err(e) = &last {
            assert!(
                !e.contains("already exists"),
                "rerun tripped over a leftover: {e}"
            );
        }
    }
    last.expect("the rerun after fixing the data");
    let reflected = ignoring_column_order(db.reflect().await);
    let expected = ignoring_column_order(Dialect::Postgres.lower(&to));
    assert!(
        reflected == expected,
        "{}",
        describe_differences(&expected, &reflected)
    );
}
