//! Data-dependent operations come first where nothing they use comes before them
//! (issue 8, item 9): on MySQL, which commits each DDL statement, a migration that fails
//! on existing rows then fails before anything else was applied.

use autogen_diff::{DiffOptions, Op, diff};
use autogen_schema::{
    Column, ColumnType, Dialect, ForeignKey, Index, IndexMethod, IndexPart, PrimaryKey, Schema,
    Table, UniqueConstraint,
};

fn users() -> Table {
    let mut t = Table::new("users");
    let mut id = Column::new("id", ColumnType::Integer);
    id.nullable = false;
    t.columns.push(id);
    t.columns
        .push(Column::new("email", ColumnType::varchar(100)));
    t.primary_key = Some(PrimaryKey {
        name: Some("users_pkey".into()),
        columns: vec!["id".into()],
    });
    t
}

fn unique(name: &str, column: &str) -> UniqueConstraint {
    UniqueConstraint {
        name: name.into(),
        columns: vec![column.into()],
    }
}

#[test]
fn unique_over_existing_rows_goes_before_new_columns() {
    let mut from = Schema::default();
    from.tables.insert("users".into(), users());
    let mut to = from.clone();
    let t = to.tables.get_mut("users").unwrap();
    t.columns.push(Column::new("nickname", ColumnType::Text));
    t.columns.push(Column::new("code", ColumnType::varchar(8)));
    t.uniques.push(unique("users_email_key", "email"));
    t.uniques.push(unique("users_code_key", "code"));
    for dialect in [Dialect::Mysql, Dialect::Postgres] {
        let plan = diff(
            &from,
            &to,
            &DiffOptions {
                dialect: Some(dialect),
                ..Default::default()
            },
        );
        let position = |f: &dyn Fn(&Op) -> bool| plan.ops.iter().position(f).unwrap();
        let email = position(
            &|op| matches!(op, Op::AddUnique { unique, .. } if unique.name == "users_email_key"),
        );
        let code_key = position(
            &|op| matches!(op, Op::AddUnique { unique, .. } if unique.name == "users_code_key"),
        );
        let code =
            position(&|op| matches!(op, Op::AddColumn { column, .. } if column.name == "code"));
        let nickname =
            position(&|op| matches!(op, Op::AddColumn { column, .. } if column.name == "nickname"));
        assert_eq!(email, 0, "{dialect}: {:#?}", plan.ops);
        assert!(
            code < code_key,
            "{dialect}: the unique over code needs the column first"
        );
        assert!(nickname < code_key || code_key < nickname);
    }
}

#[test]
fn a_key_does_not_pass_what_it_references() {
    let mut from = Schema::default();
    from.tables.insert("users".into(), users());
    let mut posts = Table::new("posts");
    posts.columns.push(Column::new("id", ColumnType::Integer));
    posts
        .columns
        .push(Column::new("user_email", ColumnType::varchar(100)));
    from.tables.insert("posts".into(), posts);
    let mut to = from.clone();
    to.tables
        .get_mut("users")
        .unwrap()
        .uniques
        .push(unique("users_email_key", "email"));
    to.tables
        .get_mut("posts")
        .unwrap()
        .foreign_keys
        .push(autogen_schema::ForeignKey {
            name: "posts_user_email_fkey".into(),
            columns: vec!["user_email".into()],
            ref_table: "users".into(),
            ref_columns: vec!["email".into()],
            on_delete: Default::default(),
            on_update: Default::default(),
        });
    let plan = diff(
        &from,
        &to,
        &DiffOptions {
            dialect: Some(Dialect::Postgres),
            ..Default::default()
        },
    );
    let unique_at = plan
        .ops
        .iter()
        .position(|op| matches!(op, Op::AddUnique { .. }))
        .unwrap();
    let key_at = plan
        .ops
        .iter()
        .position(|op| matches!(op, Op::AddForeignKey { .. }))
        .unwrap();
    assert!(unique_at < key_at, "{:#?}", plan.ops);
}

/// `users` plus `posts`, whose foreign key column is indexed.
fn users_and_posts() -> Schema {
    let mut posts = Table::new("posts");
    let mut id = Column::new("id", ColumnType::Integer);
    id.nullable = false;
    posts.columns.push(id);
    posts
        .columns
        .push(Column::new("author_id", ColumnType::Integer));
    posts.foreign_keys.push(ForeignKey {
        name: "posts_author_id_fkey".into(),
        columns: vec!["author_id".into()],
        ref_table: "users".into(),
        ref_columns: vec!["id".into()],
        on_delete: Default::default(),
        on_update: Default::default(),
    });
    for name in ["posts_author_id_idx", "posts_author_id_id_idx"] {
        let mut parts = vec![IndexPart::column("author_id")];
        if name.ends_with("_id_id_idx") {
            parts.push(IndexPart::column("id"));
        }
        posts.indexes.push(Index {
            name: name.into(),
            unique: false,
            parts,
            method: IndexMethod::Btree,
            predicate: None,
        });
    }
    let mut schema = Schema::default();
    schema.tables.insert("users".into(), users());
    schema.tables.insert("posts".into(), posts);
    schema
}

/// MySQL refuses to drop an index that a foreign key of its table needs (ERROR 1553), so a
/// dropped table takes its indexes with it, in a diff and in the inverse of a creation; and
/// inverting twice gives the creation back, indexes in their order.
#[test]
fn a_dropped_table_takes_its_indexes_with_it() {
    let both = users_and_posts();
    for dialect in [Dialect::Mysql, Dialect::Postgres, Dialect::Sqlite] {
        let options = DiffOptions {
            dialect: Some(dialect),
            ..Default::default()
        };
        let create = diff(&Schema::default(), &both, &options);
        let drop = diff(&both, &Schema::default(), &options);
        for plan in [&drop, &create.inverse()] {
            assert!(
                !plan.ops.iter().any(|op| matches!(op, Op::DropIndex { .. })),
                "{dialect}: {:#?}",
                plan.ops
            );
            let posts = plan.ops.iter().find_map(|op| match op {
                Op::DropTable { table } if table.name == "posts" => Some(table),
                _ => None,
            });
            let names: Vec<&str> = posts
                .unwrap_or_else(|| panic!("{dialect}: posts not dropped: {:#?}", plan.ops))
                .indexes
                .iter()
                .map(|i| i.name.as_str())
                .collect();
            // In the order the creation made them.
            let created: Vec<&str> = create
                .ops
                .iter()
                .filter_map(|op| match op {
                    Op::CreateIndex { index, .. } => Some(index.name.as_str()),
                    _ => None,
                })
                .collect();
            assert_eq!(names, created, "{dialect}");
            assert_eq!(names.len(), 2, "{dialect}");
        }
        assert_eq!(create.inverse().inverse().ops, create.ops, "{dialect}");
        assert_eq!(drop.inverse(), create.inverse().inverse(), "{dialect}");
    }
}

/// The kind of each operation, for order assertions.
fn kinds(ops: &[Op]) -> Vec<String> {
    ops.iter()
        .map(|op| {
            let text = format!("{op:?}");
            text[..text.find([' ', '{']).unwrap_or(text.len())].to_string()
        })
        .collect()
}

#[test]
fn an_auto_increment_key_column_is_released_around_a_primary_key_change_on_mysql() {
    // MySQL refuses (ERROR 1075) to drop the key of an AUTO_INCREMENT column, and to add
    // such a column before its key.
    let mut from = Schema::default();
    let mut t = users();
    t.columns[0].identity = Some(autogen_schema::Identity::AutoIncrement);
    from.tables.insert("users".into(), t);
    let mut to = from.clone();
    let t = to.tables.get_mut("users").unwrap();
    t.columns[1].nullable = false;
    t.primary_key.as_mut().unwrap().columns.push("email".into());
    let options = DiffOptions {
        dialect: Some(Dialect::Mysql),
        ..DiffOptions::default()
    };
    let plan = diff(&from, &to, &options);
    let ops: Vec<&Op> = plan
        .ops
        .iter()
        .filter(|op| !matches!(op, Op::AlterColumn { to, .. } if to.name == "email"))
        .collect();
    assert_eq!(
        kinds(&ops.into_iter().cloned().collect::<Vec<_>>()),
        [
            "AlterColumn",
            "DropPrimaryKey",
            "AddPrimaryKey",
            "AlterColumn"
        ],
        "{:#?}",
        plan.ops
    );
    let released = plan.ops.iter().position(|op| {
        matches!(op, Op::AlterColumn { from, to, .. } if from.identity.is_some() && to.identity.is_none())
    });
    let restored = plan.ops.iter().position(|op| {
        matches!(op, Op::AlterColumn { from, to, .. } if from.identity.is_none() && to.identity.is_some())
    });
    assert!(released < restored, "{:#?}", plan.ops);
    // The down is the reverse, with the same care.
    assert_eq!(plan.inverse().ops, diff(&to, &from, &options).ops);

    // A new AUTO_INCREMENT key column: added plain, then keyed, then AUTO_INCREMENT.
    let mut bare = from.clone();
    let t = bare.tables.get_mut("users").unwrap();
    t.columns.remove(0);
    t.primary_key = None;
    let plan = diff(&bare, &from, &options);
    assert_eq!(
        kinds(&plan.ops),
        ["AddColumn", "AddPrimaryKey", "AlterColumn"],
        "{:#?}",
        plan.ops
    );
    assert!(matches!(&plan.ops[0], Op::AddColumn { column, .. } if column.identity.is_none()));
    // Other dialects are left alone.
    let postgres = DiffOptions {
        dialect: Some(Dialect::Postgres),
        ..DiffOptions::default()
    };
    assert_eq!(
        kinds(&diff(&bare, &from, &postgres).ops),
        ["AddColumn", "AddPrimaryKey"]
    );
}

#[test]
fn a_new_column_placed_after_another_new_one_stays_after_it_on_mysql() {
    let mut from = Schema::default();
    from.tables.insert("users".into(), users());
    let mut to = from.clone();
    let t = to.tables.get_mut("users").unwrap();
    // id, nickname, code, email: `code` goes `AFTER nickname`, and as a NOT NULL column
    // over existing rows it is data-dependent, so it would otherwise move first.
    t.columns
        .insert(1, Column::new("nickname", ColumnType::Text));
    let mut code = Column::new("code", ColumnType::SmallInt);
    code.nullable = false;
    t.columns.insert(2, code);
    let plan = diff(
        &from,
        &to,
        &DiffOptions {
            dialect: Some(Dialect::Mysql),
            ..Default::default()
        },
    );
    let sql = plan.to_sql(Dialect::Mysql).unwrap().join("\n");
    let nickname = sql.find("ADD COLUMN `nickname`").unwrap();
    let code = sql.find("ADD COLUMN `code`").unwrap();
    assert!(
        sql.contains("`code` smallint NOT NULL AFTER `nickname`"),
        "{sql}"
    );
    assert!(nickname < code, "{sql}");
}
