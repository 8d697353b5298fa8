use autogen_schema::{Column, ColumnType, Dialect, PrimaryKey, Schema, Table};

use super::PhasedChange;
use crate::op::Op;
use crate::plan::{DiffOptions, Renames};

fn users(column: Column) -> Schema {
    let mut t = Table::new("users");
    let mut id = Column::new("id", ColumnType::Integer);
    id.nullable = false;
    t.columns = vec![id, column];
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: None,
        columns: vec!["id".into()],
    });
    let mut s = Schema::default();
    s.tables.insert("users".into(), t);
    s
}

fn plan(from: &Schema, to: &Schema, d: Dialect, rename: Option<&str>) -> crate::Plan {
    let mut renames = Renames::default();
    if let Some(r) = rename {
        renames.add(r).unwrap();
    }
    crate::diff(
        from,
        to,
        &DiffOptions {
            dialect: Some(d),
            renames,
            ..Default::default()
        },
    )
}

#[test]
fn a_rename_expands_contracts_and_undoes_each_phase() {
    let from = users(Column::new("email", ColumnType::Text));
    let to = users(Column::new("mail", ColumnType::Text));
    let pg = plan(&from, &to, Dialect::Postgres, Some("users.email=mail"));
    let change = PhasedChange::find(&pg, &from, &to).unwrap();
    assert_eq!((change.key.as_str(), change.via.as_str()), ("id", "mail"));
    assert!(!change.same_name());
    for d in [Dialect::Postgres, Dialect::Mysql] {
        let (up, down) = change.expand(d, &pg);
        assert!(matches!(&up.ops[0], Op::AddColumn { column, .. } if column.name == "mail"));
        assert_eq!(down, up.inverse());
        let (up, down) = change.contract(d);
        assert!(
            up.ops
                .iter()
                .any(|o| matches!(o, Op::DropColumn { column, .. } if column.name == "email"))
        );
        // The undo re-adds the old column and copies the values back before the triggers.
        let copy = down
            .ops
            .iter()
            .position(|o| matches!(o, Op::RawSql { up, .. } if up.starts_with("UPDATE")))
            .expect("copy back");
        let add = down
            .ops
            .iter()
            .position(|o| matches!(o, Op::AddColumn { .. }))
            .unwrap();
        assert!(add < copy, "{down:#?}");
        assert_eq!(
            change.backfill_filter(d).unwrap(),
            format!(
                "{} IS NULL AND {} IS NOT NULL",
                d.quote_ident("mail"),
                d.quote_ident("email")
            )
        );
    }
    // SQLite: the whole change in expand.
    let lite = plan(&from, &to, Dialect::Sqlite, Some("users.email=mail"));
    let (up, _) = change.expand(Dialect::Sqlite, &lite);
    assert_eq!(up, lite);
    assert!(change.contract(Dialect::Sqlite).0.ops.is_empty());
    assert!(change.backfill_set(Dialect::Sqlite).is_none());
}

#[test]
fn a_type_change_goes_through_a_temporary_column() {
    let from = users(Column::new("score", ColumnType::Integer));
    let to = users(Column::new("score", ColumnType::BigInt));
    let pg = plan(&from, &to, Dialect::Postgres, None);
    let change = PhasedChange::find(&pg, &from, &to).unwrap();
    assert_eq!(change.via, "score_new");
    assert_eq!(
        change.backfill_set(Dialect::Postgres).unwrap(),
        r#""score_new" = CAST("score" AS bigint)"#
    );
    let (up, _) = change.contract(Dialect::Postgres);
    assert!(up.ops.iter().any(
        |o| matches!(o, Op::RenameColumn { from, to, .. } if from == "score_new" && to == "score")
    ));
}

#[test]
fn anything_else_in_the_plan_is_refused() {
    let from = users(Column::new("email", ColumnType::Text));
    let mut to = users(Column::new("mail", ColumnType::Text));
    to.tables
        .get_mut("users")
        .unwrap()
        .columns
        .push(Column::new("extra", ColumnType::Text));
    let pg = plan(&from, &to, Dialect::Postgres, Some("users.email=mail"));
    let err = PhasedChange::find(&pg, &from, &to).unwrap_err();
    assert!(err.contains("1 other step(s)"), "{err}");
    let same = users(Column::new("email", ColumnType::Text));
    let err =
        PhasedChange::find(&plan(&from, &same, Dialect::Postgres, None), &from, &same).unwrap_err();
    assert!(err.contains("neither"), "{err}");
}

#[test]
fn a_dollar_quote_in_a_name_cannot_end_the_function_body() {
    let from = users(Column::new("a$autogen$b", ColumnType::Text));
    let to = users(Column::new("c", ColumnType::Text));
    let pg = plan(&from, &to, Dialect::Postgres, Some("users.a$autogen$b=c"));
    let change = PhasedChange::find(&pg, &from, &to).unwrap();
    let (up, _) = change.expand(Dialect::Postgres, &pg);
    let Op::RawSql { up: function, .. } = &up.ops[1] else {
        panic!("{up:#?}")
    };
    assert!(function.contains("AS $autogen_$"), "{function}");
}
