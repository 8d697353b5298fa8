//! The online forms (PostgreSQL, MySQL/MariaDB): which operations take them, their SQL,
//! hazards and inverses.
//! (That they apply and invert on a real server is in `properties.rs`.)

use autogen_diff::{DiffOptions, Hazard, Op, diff};
use autogen_schema::{
    Check, Column, ColumnType, Dialect, FkAction, ForeignKey, Index, IndexPart, PrimaryKey, Schema,
    Table, UniqueConstraint,
};

fn table(name: &str) -> Table {
    let mut t = Table::new(name);
    let mut id = Column::new("id", ColumnType::Integer);
    id.nullable = false;
    t.columns.push(id);
    t.columns.push(Column::new("n", ColumnType::Integer));
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some(format!("{name}_pkey")),
        columns: vec!["id".into()],
    });
    t
}

fn options(online: bool) -> DiffOptions {
    DiffOptions {
        dialect: Some(Dialect::Postgres),
        online,
        ..Default::default()
    }
}

#[test]
fn existing_tables_get_online_forms_and_new_tables_do_not() {
    let mut from = Schema::default();
    from.tables.insert("a".into(), table("a"));
    let mut to = from.clone();
    let a = to.tables.get_mut("a").unwrap();
    a.columns[1].nullable = false;
    a.indexes.push(Index {
        options: Default::default(),
        name: "a_n_idx".into(),
        unique: false,
        parts: vec![IndexPart::column("n")],
        method: Default::default(),
        predicate: None,
    });
    a.checks.push(Check {
        not_valid: false,
        no_inherit: false,
        name: "a_n_check".into(),
        expression: "n >= 0".into(),
    });
    a.uniques.push(UniqueConstraint {
        deferrable: Default::default(),
        nulls_not_distinct: false,
        name: "a_n_key".into(),
        columns: vec!["n".into()],
    });
    let mut b = table("b");
    b.uniques.push(UniqueConstraint {
        deferrable: Default::default(),
        nulls_not_distinct: false,
        name: "b_n_key".into(),
        columns: vec!["n".into()],
    });
    b.indexes.push(Index {
        options: Default::default(),
        name: "b_n_idx".into(),
        unique: false,
        parts: vec![IndexPart::column("n")],
        method: Default::default(),
        predicate: None,
    });
    b.foreign_keys.push(ForeignKey {
        deferrable: Default::default(),
        not_valid: false,
        name: "b_a_fkey".into(),
        columns: vec!["n".into()],
        ref_table: "a".into(),
        ref_columns: vec!["id".into()],
        on_delete: FkAction::Cascade,
        on_update: FkAction::NoAction,
    });
    to.tables.insert("b".into(), b);
    let a = to.tables.get_mut("a").unwrap();
    a.foreign_keys.push(ForeignKey {
        deferrable: Default::default(),
        not_valid: false,
        name: "a_self_fkey".into(),
        columns: vec!["n".into()],
        ref_table: "a".into(),
        ref_columns: vec!["id".into()],
        on_delete: FkAction::NoAction,
        on_update: FkAction::NoAction,
    });

    let plain = diff(&from, &to, &options(false));
    let online = diff(&from, &to, &options(true));
    assert_eq!(plain.ops.len(), online.ops.len());
    let has = |pred: &dyn Fn(&Op) -> bool| online.ops.iter().any(pred);
    assert!(has(
        &|op| matches!(op, Op::CreateIndexConcurrently { index, .. } if index.name == "a_n_idx")
    ));
    assert!(has(
        &|op| matches!(op, Op::CreateIndex { index, .. } if index.name == "b_n_idx")
    ));
    assert!(has(
        &|op| matches!(op, Op::AddCheckOnline { check, .. } if check.name == "a_n_check")
    ));
    assert!(has(
        &|op| matches!(op, Op::AddUniqueOnline { unique, .. } if unique.name == "a_n_key")
    ));
    assert!(has(
        &|op| matches!(op, Op::SetNotNullOnline { to, .. } if to.name == "n")
    ));
    assert!(has(
        &|op| matches!(op, Op::AddForeignKeyOnline { foreign_key, .. } if foreign_key.name == "a_self_fkey")
    ));

    let sql = online.to_sql(Dialect::Postgres).unwrap().join(";\n");
    assert!(
        sql.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"a_n_idx\" ON \"a\""),
        "{sql}"
    );
    // A unique constraint adopts an index built concurrently; the new table's is plain.
    assert!(
        sql.contains(
            "DROP INDEX CONCURRENTLY IF EXISTS \"a_n_key\";\n\
             CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"a_n_key\" ON \"a\" (\"n\");\n\
             ALTER TABLE \"a\" ADD CONSTRAINT \"a_n_key\" UNIQUE USING INDEX \"a_n_key\""
        ),
        "{sql}"
    );
    assert!(
        sql.contains("CONSTRAINT \"b_n_key\" UNIQUE (\"n\")"),
        "{sql}"
    );
    assert!(sql.contains("CREATE INDEX \"b_n_idx\" ON \"b\""), "{sql}");
    assert!(
        sql.contains("ADD CONSTRAINT \"a_n_check\" CHECK (n >= 0) NOT VALID"),
        "{sql}"
    );
    assert!(sql.contains("VALIDATE CONSTRAINT \"a_n_check\""), "{sql}");
    assert!(sql.contains("CHECK (\"n\" IS NOT NULL) NOT VALID"), "{sql}");
    assert!(sql.contains("ALTER COLUMN \"n\" SET NOT NULL"), "{sql}");
    assert!(sql.contains("VALIDATE CONSTRAINT \"a_self_fkey\""), "{sql}");

    // The locks that block writes are gone; what remains is data and transactions.
    let index = online
        .ops
        .iter()
        .position(|op| matches!(op, Op::CreateIndexConcurrently { .. }))
        .unwrap();
    assert_eq!(online.hazards_of(index), vec![Hazard::NonTransactional]);
    assert!(!online.hazards().contains(&Hazard::BlocksWrites));
    assert!(!online.hazards().contains(&Hazard::FullScanUnderLock));
    assert!(plain.hazards().contains(&Hazard::BlocksWrites));

    // The inverse drops the index concurrently too.
    let down = online
        .inverse()
        .to_sql(Dialect::Postgres)
        .unwrap()
        .join(";\n");
    assert!(
        down.contains("DROP INDEX CONCURRENTLY IF EXISTS \"a_n_idx\""),
        "{down}"
    );

    let plan_in = |dialect, online| {
        diff(
            &from,
            &to,
            &DiffOptions {
                dialect: Some(dialect),
                online,
                ..Default::default()
            },
        )
    };
    // SQLite ignores the option.
    assert_eq!(
        plan_in(Dialect::Sqlite, true),
        plan_in(Dialect::Sqlite, false)
    );

    // MySQL/MariaDB: the index and the unique key on the existing table say how they are
    // built (so the server refuses rather than copies); the new table's, the check and the
    // foreign key (which InnoDB copies for) keep the plain form.
    let mysql = plan_in(Dialect::Mysql, true);
    let sql = mysql.to_sql(Dialect::Mysql).unwrap();
    let plain_sql = plan_in(Dialect::Mysql, false)
        .to_sql(Dialect::Mysql)
        .unwrap();
    let changed: Vec<(&String, &String)> =
        plain_sql.iter().zip(&sql).filter(|(a, b)| a != b).collect();
    assert_eq!(
        changed,
        vec![
            (
                &"ALTER TABLE `a` ADD CONSTRAINT `a_n_key` UNIQUE (`n`)".to_string(),
                &"ALTER TABLE `a` ADD CONSTRAINT `a_n_key` UNIQUE (`n`), ALGORITHM=INPLACE, LOCK=NONE"
                    .to_string()
            ),
            (
                &"CREATE INDEX `a_n_idx` ON `a` (`n`)".to_string(),
                &"CREATE INDEX `a_n_idx` ON `a` (`n`) ALGORITHM=INPLACE LOCK=NONE".to_string()
            ),
        ],
        "{sql:#?}"
    );
    assert!(!mysql.hazards().contains(&Hazard::BlocksWrites));
    assert!(!mysql.hazards().contains(&Hazard::NonTransactional));
    let down = mysql.inverse().to_sql(Dialect::Mysql).unwrap();
    assert!(
        down.contains(
            &"ALTER TABLE `a` DROP INDEX `a_n_idx`, ALGORITHM=INPLACE, LOCK=NONE".to_string()
        ),
        "{down:#?}"
    );
}

/// A dropped unique, check, foreign key or unique index loosens what the data must
/// satisfy: what relied on it breaks (squawk's `ban-drop-constraint`), in every form and on
/// every backend; a plain index dropped without `CONCURRENTLY` blocks writes.
#[test]
fn dropped_guarantees_are_backward_incompatible() {
    let mut from = Schema::default();
    let mut a = table("a");
    a.uniques.push(UniqueConstraint {
        deferrable: Default::default(),
        nulls_not_distinct: false,
        name: "a_n_key".into(),
        columns: vec!["n".into()],
    });
    a.checks.push(Check {
        not_valid: false,
        no_inherit: false,
        name: "a_n_check".into(),
        expression: "n >= 0".into(),
    });
    a.foreign_keys.push(ForeignKey {
        deferrable: Default::default(),
        not_valid: false,
        name: "a_self_fkey".into(),
        columns: vec!["n".into()],
        ref_table: "a".into(),
        ref_columns: vec!["id".into()],
        on_delete: FkAction::NoAction,
        on_update: FkAction::NoAction,
    });
    for (name, unique) in [("a_n_unique_idx", true), ("a_n_idx", false)] {
        a.indexes.push(Index {
            options: Default::default(),
            name: name.into(),
            unique,
            parts: vec![IndexPart::column("n")],
            method: Default::default(),
            predicate: None,
        });
    }
    from.tables.insert("a".into(), a);
    let mut to = Schema::default();
    to.tables.insert("a".into(), table("a"));

    for online in [true, false] {
        let plan = diff(&from, &to, &options(online));
        let by_op = plan.hazards_by_op();
        let hazards_of = |pred: &dyn Fn(&Op) -> bool| {
            let i = plan.ops.iter().position(pred).expect("the step is planned");
            by_op[i].clone()
        };
        for (what, hazards) in [
            (
                "unique",
                hazards_of(&|op| matches!(op, Op::DropUnique { .. })),
            ),
            (
                "check",
                hazards_of(&|op| matches!(op, Op::DropCheck { .. })),
            ),
            (
                "foreign key",
                hazards_of(&|op| matches!(op, Op::DropForeignKey { .. })),
            ),
            (
                "unique index",
                hazards_of(&|op| {
                    matches!(op, Op::DropIndex { index, .. } | Op::DropIndexConcurrently { index, .. }
                        if index.name == "a_n_unique_idx")
                }),
            ),
        ] {
            assert!(
                hazards.contains(&Hazard::BackwardIncompatible),
                "online {online}: drop {what}: {hazards:?}"
            );
        }
        let index = hazards_of(&|op| {
            matches!(op, Op::DropIndex { index, .. } | Op::DropIndexConcurrently { index, .. }
                if index.name == "a_n_idx")
        });
        assert!(!index.contains(&Hazard::BackwardIncompatible), "{index:?}");
        assert_eq!(
            index.contains(&Hazard::BlocksWrites),
            !online,
            "DROP INDEX blocks writes, CONCURRENTLY does not: {index:?}"
        );
    }
    // SQLite drops them by rebuilding the table: the rebuild says so.
    let sqlite = diff(
        &from,
        &to,
        &DiffOptions {
            dialect: Some(Dialect::Sqlite),
            ..Default::default()
        },
    );
    let rebuild = sqlite
        .ops
        .iter()
        .position(|op| matches!(op, Op::RebuildTable { .. }))
        .expect("a rebuild");
    assert!(
        sqlite
            .hazards_of(rebuild)
            .contains(&Hazard::BackwardIncompatible)
    );
    // A table that keeps its constraints is no such drop.
    let same = diff(&from, &from, &options(true));
    assert!(same.ops.is_empty());
}
