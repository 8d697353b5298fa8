//! Every operation kind of the differ rendered into migration files, compiled once into a
//! harness binary, and run up and down one revision at a time on SQLite, PostgreSQL and
//! MariaDB (the server tests are `#[ignore = "needs …"]`: `.ci/run` runs them with
//! `--include-ignored` and both `AUTOGEN_TEST_*_URL` set). After each step the database must reflect exactly `d.lower(expected)`.
//!
//! The harness crate is built by `autogen_testkit::harness` in `target/migration-harness`.

use std::sync::OnceLock;

use autogen_render::{DialectPlans, RevisionMeta, render_migration};
use autogen_schema::{
    Check, Column, ColumnType, DefaultValue, Dialect, EnumType, FkAction, ForeignKey, Identity,
    Index, IndexMethod, IndexPart, PrimaryKey, Schema, Table, UniqueConstraint,
};
use autogen_testkit::arbitrary::without_hints;
use autogen_testkit::harness::Harness;
use autogen_testkit::{ScratchDb, describe_differences, ignoring_column_order};

fn col(name: &str, ty: ColumnType) -> Column {
    Column::new(name, ty)
}

fn not_null(mut c: Column) -> Column {
    c.nullable = false;
    c
}

fn with_default(mut c: Column, d: DefaultValue) -> Column {
    c.default = Some(d);
    c
}

fn pk(table: &str, cols: &[&str]) -> Option<PrimaryKey> {
    Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some(format!("{table}_pkey")),
        columns: cols.iter().map(|c| c.to_string()).collect(),
    })
}

fn fk(name: &str, cols: &[&str], ref_table: &str, on_delete: FkAction) -> ForeignKey {
    ForeignKey {
        deferrable: Default::default(),
        not_valid: false,
        name: name.into(),
        columns: cols.iter().map(|c| c.to_string()).collect(),
        ref_table: ref_table.into(),
        ref_columns: vec!["id".into()],
        on_delete,
        on_update: FkAction::NoAction,
    }
}

fn index(name: &str, parts: Vec<IndexPart>) -> Index {
    Index {
        options: Default::default(),
        name: name.into(),
        unique: false,
        parts,
        method: IndexMethod::Btree,
        predicate: None,
    }
}

fn id_table(name: &str) -> Table {
    let mut t = Table::new(name);
    t.columns.push(not_null(col("id", ColumnType::Integer)));
    t.primary_key = pk(name, &["id"]);
    t
}

/// The chain of schemas; each revision goes from one to the next.
fn schemas() -> Vec<Schema> {
    let mut s0 = Schema::default();
    let empty = s0.clone();

    // 1: create enum, tables with every column kind, keys, checks, indexes, comments,
    // a foreign-key cycle and an auto-increment column.
    s0.enums.insert(
        "mood".into(),
        EnumType {
            name: "mood".into(),
            values: vec!["happy".into(), "sad".into()],
        },
    );
    let mut users = id_table("users");
    users.columns.extend([
        not_null(col("email", ColumnType::varchar(255))),
        {
            let mut c = with_default(
                col("name", ColumnType::Text),
                DefaultValue::String("it's".into()),
            );
            c.comment = Some("display name".into());
            c
        },
        not_null(with_default(
            col("active", ColumnType::Boolean),
            DefaultValue::Bool(true),
        )),
        col(
            "mood",
            ColumnType::Enum {
                name: "mood".into(),
            },
        ),
        // No default: MariaDB prints a decimal default as `0.00`.
        col(
            "balance",
            ColumnType::Decimal {
                precision: Some(12),
                scale: Some(2),
            },
        ),
        col("age", ColumnType::Integer),
        with_default(
            col(
                "created",
                ColumnType::Timestamp {
                    precision: None,
                    tz: true,
                },
            ),
            DefaultValue::CurrentTimestamp { precision: None },
        ),
        col("uid", ColumnType::Uuid),
        col("doc", ColumnType::Jsonb),
        col("born", ColumnType::Date),
        col("score", ColumnType::Double),
        col("small", ColumnType::SmallInt),
        col("big", ColumnType::BigInt),
    ]);
    users.comment = Some("people".into());
    users.uniques.push(UniqueConstraint {
        deferrable: Default::default(),
        nulls_not_distinct: false,
        name: "users_email_key".into(),
        columns: vec!["email".into()],
    });
    users.checks.push(Check {
        not_valid: false,
        no_inherit: false,
        name: "users_age_ck".into(),
        expression: "age >= 0".into(),
    });
    users.indexes.push(index(
        "users_created_ix",
        vec![IndexPart {
            descending: true,
            ..IndexPart::column("created")
        }],
    ));
    users.indexes.push(Index {
        method: IndexMethod::Gin,
        ..index("users_doc_gin", vec![IndexPart::column("doc")])
    });
    let mut posts = id_table("posts");
    posts.columns.extend([
        not_null(col("user_id", ColumnType::Integer)),
        col("parent_id", ColumnType::Integer),
        col("title", ColumnType::varchar(200)),
    ]);
    posts.foreign_keys.push(fk(
        "posts_user_fk",
        &["user_id"],
        "users",
        FkAction::Cascade,
    ));
    posts.foreign_keys.push(fk(
        "posts_parent_fk",
        &["parent_id"],
        "posts",
        FkAction::SetNull,
    ));
    posts
        .indexes
        .push(index("posts_title_ix", vec![IndexPart::column("title")]));
    let mut a = id_table("a");
    a.columns.push(col("b_id", ColumnType::Integer));
    a.foreign_keys
        .push(fk("a_b_fk", &["b_id"], "b", FkAction::NoAction));
    let mut b = id_table("b");
    b.columns.push(col("a_id", ColumnType::Integer));
    b.foreign_keys
        .push(fk("b_a_fk", &["a_id"], "a", FkAction::NoAction));
    let mut events = Table::new("events");
    events.columns.push({
        let mut c = not_null(col("id", ColumnType::Integer));
        c.identity = Some(Identity::AutoIncrement);
        c
    });
    events.columns.push(col("kind", ColumnType::varchar(32)));
    events.primary_key = pk("events", &["id"]);
    // Index and constraint names with each dialect's quote character, which sea-query
    // writes without escaping (issue 8, item 14).
    let mut quoted = id_table("quote\"d`bt");
    quoted.columns.extend([
        col("user_id", ColumnType::Integer),
        col("label", ColumnType::varchar(40)),
    ]);
    quoted.uniques.push(UniqueConstraint {
        deferrable: Default::default(),
        nulls_not_distinct: false,
        name: "uq\"d`bt".into(),
        columns: vec!["label".into()],
    });
    quoted.indexes.push(index(
        "ix\"d`bt",
        vec![IndexPart::column("label"), IndexPart::column("id")],
    ));
    quoted
        .foreign_keys
        .push(fk("fk\"d`bt", &["user_id"], "users", FkAction::Cascade));
    quoted.checks.push(Check {
        not_valid: false,
        no_inherit: false,
        name: "ck\"d`bt".into(),
        expression: "user_id > 0".into(),
    });
    for t in [users, posts, a, b, events, quoted] {
        s0.tables.insert(t.name.clone(), t);
    }
    let s1 = s0;

    // 2: columns and constraints change in place: add, drop, rename, alter type, null,
    // default and comment; enum value added; indexes, uniques, checks, keys added and
    // dropped; table comment; table renamed.
    let mut s2 = without_hints(s1.clone());
    s2.enums.get_mut("mood").unwrap().values.push("meh".into());
    {
        let users = s2.tables.get_mut("users").unwrap();
        users.columns.push(col("nickname", ColumnType::varchar(64)));
        users.columns.retain(|c| c.name != "score");
        let name = users.columns.iter_mut().find(|c| c.name == "name").unwrap();
        name.name = "full_name".into();
        name.renamed_from = Some("name".into());
        name.comment = Some("full name".into());
        let email = users
            .columns
            .iter_mut()
            .find(|c| c.name == "email")
            .unwrap();
        email.ty = ColumnType::varchar(320);
        let age = users.columns.iter_mut().find(|c| c.name == "age").unwrap();
        age.nullable = false;
        age.default = Some(DefaultValue::Number("18".into()));
        users.comment = Some("people, renamed".into());
        users.checks.clear();
        users.checks.push(Check {
            not_valid: false,
            no_inherit: false,
            // On an integer: PostgreSQL prints `balance >= 0::numeric` for a decimal.
            name: "users_small_ck".into(),
            expression: "small >= 0".into(),
        });
        users.uniques.push(UniqueConstraint {
            deferrable: Default::default(),
            nulls_not_distinct: false,
            name: "users_\"uid`_key".into(),
            columns: vec!["uid".into()],
        });
        users.indexes.retain(|i| i.name != "users_created_ix");
        users.indexes.push(index(
            "users_\"born`_age_ix",
            vec![IndexPart::column("born"), IndexPart::column("age")],
        ));
    }
    let mut posts = s2.tables.remove("posts").unwrap();
    posts.name = "articles".into();
    posts.renamed_from = Some("posts".into());
    posts.foreign_keys.retain(|f| f.name != "posts_parent_fk");
    posts.columns.retain(|c| c.name != "parent_id");
    posts.columns.push(col("editor_id", ColumnType::Integer));
    posts.foreign_keys.push(fk(
        "articles_\"editor`_fk",
        &["editor_id"],
        "users",
        FkAction::SetNull,
    ));
    posts.foreign_keys.iter_mut().for_each(|f| {
        if f.ref_table == "posts" {
            f.ref_table = "articles".into();
        }
    });
    s2.tables.insert("articles".into(), posts);

    // 3: primary key changed, the cycle and an enum dropped.
    let mut s3 = without_hints(s2.clone());
    s3.tables.remove("a");
    s3.tables.remove("b");
    {
        let users = s3.tables.get_mut("users").unwrap();
        users.columns.retain(|c| c.name != "mood");
    }
    s3.enums.remove("mood");
    let mut tags = id_table("tags");
    tags.columns
        .push(not_null(col("label", ColumnType::varchar(40))));
    s3.tables.insert("tags".into(), tags.clone());
    let mut s4 = without_hints(s3.clone());
    tags.primary_key = pk("tags", &["id", "label"]);
    s4.tables.insert("tags".into(), tags.clone());

    // 5: data-dependent steps on a table with rows (`rerun_after_fixing_the_data`): a
    // unique over an existing column, two new columns, a unique over a new one.
    let mut s5 = without_hints(s4.clone());
    tags.columns.push(col("note", ColumnType::Text));
    tags.columns.push(not_null(with_default(
        col("code", ColumnType::varchar(8)),
        DefaultValue::String("x".into()),
    )));
    for (name, column) in [("tags_label_key", "label"), ("tags_code_key", "code")] {
        tags.uniques.push(UniqueConstraint {
            deferrable: Default::default(),
            nulls_not_distinct: false,
            name: name.into(),
            columns: vec![column.into()],
        });
    }
    s5.tables.insert("tags".into(), tags);

    vec![empty, s1, s2, s3, s4, s5]
}

/// Renders the chain and builds it into a harness once.
fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let chain = schemas();
        let mut files = Vec::new();
        let mut parent: Option<String> = None;
        for i in 1..chain.len() {
            let revision = format!("{i:012x}");
            let meta = RevisionMeta {
                revision: revision.clone(),
                parents: parent.iter().cloned().collect(),
                message: format!("step {i}"),
                created: "2026-11-24T22:40:00Z".into(),
            };
            let file = render_migration(&meta, &DialectPlans::diff(&chain[i - 1], &chain[i]))
                .unwrap_or_else(|e| panic!("render revision {i}: {e}"));
            files.push((format!("m20261124_22400{i}_step{i}"), file));
            parent = Some(revision);
        }
        Harness::build("migration-harness", &files)
    })
}

fn run(url: &str, command: &str) {
    if let Err(e) = try_run(url, command) {
        panic!("{e}");
    }
}

/// Runs one revision up or down; the harness's output when it fails.
fn try_run(url: &str, command: &str) -> Result<(), String> {
    harness().run(url, command, 1)
}

fn check(db: &ScratchDb, expected: &Schema, label: &str) {
    let mut actual = db.reflect().await_blocking();
    actual.tables.remove("seaql_migrations");
    let expected = ignoring_column_order(without_hints(db.dialect.lower(expected)));
    let actual = ignoring_column_order(actual);
    if actual != expected {
        panic!(
            "{} {label}: the database differs from the expected schema:\n{}",
            db.dialect,
            describe_differences(&expected, &actual)
        );
    }
}

trait Blocking: std::future::Future + Sized {
    fn await_blocking(self) -> Self::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(self)
    }
}

impl<F: std::future::Future> Blocking for F {}

fn up_and_down(dialect: Dialect) {
    let db = ScratchDb::create(dialect).await_blocking();
    assert!(harness().binary.exists());
    let chain = schemas();
    for (i, expected) in chain.iter().enumerate().skip(1) {
        run(&db.url, "up");
        check(&db, expected, &format!("after up to revision {i}"));
    }
    for i in (0..chain.len() - 1).rev() {
        run(&db.url, "down");
        check(&db, &chain[i], &format!("after down to revision {i}"));
    }
}

/// Issue 8, item 9: revision 5 fails on existing rows (duplicate labels, then duplicate
/// codes once the new column exists); after each fix of the data a plain rerun goes on
/// where it stopped, and the end state is the target. On MariaDB, which commits each
/// DDL statement, the second failure comes after the new columns were added: the rerun
/// skips them (`autogen_migration::done`) instead of failing on `Duplicate column name`.
fn rerun_after_fixing_the_data(dialect: Dialect) {
    let db = ScratchDb::create(dialect).await_blocking();
    let chain = schemas();
    for _ in 1..chain.len() - 1 {
        run(&db.url, "up");
    }
    let exec = |sql: &str| db.execute_all(&[sql.to_string()]).await_blocking();
    exec("INSERT INTO tags (id, label) VALUES (1, 'a'), (2, 'a')");

    let err = try_run(&db.url, "up").expect_err("duplicate labels");
    check(
        &db,
        &chain[chain.len() - 2],
        "after a failure on duplicate labels",
    );
    assert!(
        err.to_lowercase().contains("dup") || err.contains("UNIQUE"),
        "{err}"
    );

    exec("UPDATE tags SET label = 'b' WHERE id = 2");
    let err = try_run(&db.url, "up").expect_err("duplicate codes");
    assert!(
        err.to_lowercase().contains("dup") || err.contains("UNIQUE"),
        "{err}"
    );

    exec("DELETE FROM tags WHERE id = 2");
    run(&db.url, "up");
    check(&db, &chain[chain.len() - 1], "after the rerun");
}

#[test]
fn rerun_after_fixing_the_data_on_sqlite() {
    rerun_after_fixing_the_data(Dialect::Sqlite);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
fn rerun_after_fixing_the_data_on_postgres() {
    rerun_after_fixing_the_data(Dialect::Postgres);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
fn rerun_after_fixing_the_data_on_mysql() {
    rerun_after_fixing_the_data(Dialect::Mysql);
}

#[test]
fn every_operation_runs_up_and_down_on_sqlite() {
    up_and_down(Dialect::Sqlite);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
fn every_operation_runs_up_and_down_on_postgres() {
    up_and_down(Dialect::Postgres);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
fn every_operation_runs_up_and_down_on_mysql() {
    up_and_down(Dialect::Mysql);
}

/// The chain covers every operation kind but raw SQL (hand edits only), on some dialect.
#[test]
fn the_chain_covers_every_operation_kind() {
    let chain = schemas();
    let mut kinds = std::collections::BTreeSet::new();
    for w in chain.windows(2) {
        for d in Dialect::ALL {
            let p = DialectPlans::diff(&w[0], &w[1]).each()
                [Dialect::ALL.iter().position(|x| *x == d).unwrap()]
            .clone();
            for op in p.ops.iter().chain(p.inverse().ops.iter()) {
                let v = serde_json::to_value(op).unwrap();
                kinds.insert(v["op"].as_str().unwrap().to_string());
            }
        }
    }
    let all = [
        "create_enum",
        "drop_enum",
        "alter_enum",
        "create_table",
        "drop_table",
        "rename_table",
        "add_column",
        "drop_column",
        "rename_column",
        "alter_column",
        "add_primary_key",
        "drop_primary_key",
        "create_index",
        "drop_index",
        "add_unique",
        "drop_unique",
        "add_foreign_key",
        "drop_foreign_key",
        "add_check",
        "drop_check",
        "set_table_comment",
        "rebuild_table",
    ];
    let missing: Vec<&str> = all
        .iter()
        .filter(|k| !kinds.contains(**k))
        .copied()
        .collect();
    assert!(missing.is_empty(), "not covered: {missing:?}");
}
