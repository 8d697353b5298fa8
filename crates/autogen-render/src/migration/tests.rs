use autogen_schema::{Column, ColumnType, EnumType, PrimaryKey, Schema, Table};

use super::*;

fn meta(parents: &[&str]) -> RevisionMeta {
    RevisionMeta {
        revision: "3f2a9c1b4d5e".into(),
        parents: parents.iter().map(|p| p.to_string()).collect(),
        message: "add column".into(),
        created: "2026-11-24T22:40:00Z".into(),
    }
}

fn accounts(extra: Option<Column>) -> Schema {
    let mut t = Table::new("accounts");
    let mut id = Column::new("id", ColumnType::Integer);
    id.nullable = false;
    t.columns.push(id);
    t.columns
        .push(Column::new("email", ColumnType::varchar(255)));
    t.columns.extend(extra);
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some("accounts_pkey".into()),
        columns: vec!["id".into()],
    });
    let mut s = Schema::default();
    s.tables.insert("accounts".into(), t);
    s
}

#[test]
fn header_is_exact() {
    let nickname = Column::new("nickname", ColumnType::Text);
    let file = render_migration(
        &meta(&["1a2b3c4d5e6f"]),
        &DialectPlans::diff(&accounts(Some(nickname)), &accounts(None)),
    )
    .unwrap();
    let expected = "//! Revision: 3f2a9c1b4d5e\n\
                    //! Parents: 1a2b3c4d5e6f\n\
                    //! Message: add column\n\
                    //! Created: 2026-11-24T22:40:00Z\n\
                    //!\n\
                    //! Hazards:\n\
                    //! - 1. drop column accounts.nickname (text NULL): deletes-data, backward-incompatible\n";
    assert!(file.starts_with(expected), "{file}");
    assert!(
        file.contains("use sea_orm_migration::prelude::*;"),
        "{file}"
    );
    assert!(file.contains("#[derive(DeriveMigrationName)]\npub struct Migration;"));
    assert!(file.contains("#[async_trait::async_trait]\nimpl MigrationTrait for Migration {"));
    // Dropping a column is the same builder call everywhere: written once, no branch.
    assert!(file.contains(".drop_column(\"nickname\")"), "{file}");
    assert!(
        !file.contains("matches!(manager.get_database_backend()"),
        "{file}"
    );
    // down re-adds it, from the inverse plan.
    assert!(
        file.contains(".add_column(ColumnDef::new(\"nickname\").text().null())"),
        "{file}"
    );
    assert!(!file.contains("use_transaction"), "{file}");
}

#[test]
fn no_op_plan_and_merge_parents() {
    let s = accounts(None);
    let file = render_migration(
        &meta(&["1a2b3c4d5e6f", "aaaaaaaaaaaa"]),
        &DialectPlans::diff(&s, &s),
    )
    .unwrap();
    assert!(
        file.contains("//! Parents: 1a2b3c4d5e6f, aaaaaaaaaaaa\n"),
        "{file}"
    );
    assert!(file.contains("//! Hazards: none\n"), "{file}");
    assert!(
        file.contains("async fn up(&self, _manager: &SchemaManager) -> Result<(), DbErr> {\n        Ok(())\n    }"),
        "{file}"
    );
    let first = render_migration(&meta(&[]), &DialectPlans::diff(&s, &s)).unwrap();
    assert!(first.contains("//! Parents: \n"), "{first}");
}

#[test]
fn use_transaction_is_off_only_for_postgres_steps_that_need_it() {
    let mut from = accounts(None);
    from.enums.insert(
        "mood".into(),
        EnumType {
            name: "mood".into(),
            values: vec!["happy".into()],
        },
    );
    let mut to = from.clone();
    to.enums.get_mut("mood").unwrap().values.push("sad".into());
    let file = render_migration(&meta(&[]), &DialectPlans::diff(&from, &to)).unwrap();
    assert!(
        file.contains("fn use_transaction(&self) -> Option<bool> {\n        Some(false)"),
        "{file}"
    );
    assert!(
        file.contains(r##"r#"ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'sad'"#"##),
        "{file}"
    );

    // A NOT NULL change: PostgreSQL alters, SQLite rebuilds.
    let mut to = accounts(None);
    to.tables.get_mut("accounts").unwrap().columns[1].nullable = false;
    let file = render_migration(&meta(&[]), &DialectPlans::diff(&accounts(None), &to)).unwrap();
    assert!(file.contains("sqlite_rebuild(manager, "), "{file}");
    // SQLite runs migrations outside a transaction anyway; PostgreSQL keeps its own.
    assert!(!file.contains("Some(false)"), "{file}");
    assert!(
        !file.contains("PRAGMA foreign_keys = OFF"),
        "the helper turns foreign keys off: {file}"
    );

    // The same change online: PostgreSQL's validation must commit on its own.
    let online = DialectPlans {
        postgres: autogen_diff::diff(
            &accounts(None),
            &to,
            &autogen_diff::DiffOptions {
                dialect: Some(Dialect::Postgres),
                online: true,
                ..Default::default()
            },
        ),
        ..DialectPlans::diff(&accounts(None), &to)
    };
    let file = render_migration(&meta(&[]), &online).unwrap();
    assert!(file.contains("NOT VALID"), "{file}");
    assert!(file.contains("Some(false)"), "{file}");
}

#[test]
fn wrong_dialect_and_bad_header_are_errors() {
    let s = accounts(None);
    let mut p = DialectPlans::diff(&s, &s);
    p.mysql.dialect = Some(Dialect::Sqlite);
    assert!(matches!(
        render_migration(&meta(&[]), &p),
        Err(RenderError::WrongDialect { .. })
    ));
    let mut m = meta(&[]);
    m.revision = "xyz".into();
    assert!(matches!(
        render_migration(&m, &DialectPlans::diff(&s, &s)),
        Err(RenderError::Header(_))
    ));
    let bad_parent = meta(&["m2026_x; drop"]);
    assert!(matches!(
        render_migration(&bad_parent, &DialectPlans::diff(&s, &s)),
        Err(RenderError::Header(_))
    ));
}

/// The first revision of an adopted crate names the last hand-written migration, by its
/// module name, as its parent (docs/revisions.md).
#[test]
fn a_hand_written_module_name_is_a_parent() {
    let s = accounts(None);
    let file = render_migration(
        &meta(&["m20260406_000001_toolchain_component"]),
        &DialectPlans::diff(&s, &s),
    )
    .unwrap();
    assert!(
        file.contains("//! Parents: m20260406_000001_toolchain_component\n"),
        "{file}"
    );
}

/// The spellings in `sea_query_type` are what sea-query 1.0 writes.
#[test]
fn sea_query_spellings_are_current() {
    use sea_query::{MysqlQueryBuilder, PostgresQueryBuilder, SqliteQueryBuilder};
    let types = [
        ColumnType::TinyInt,
        ColumnType::SmallInt,
        ColumnType::Integer,
        ColumnType::BigInt,
        ColumnType::Decimal {
            precision: Some(10),
            scale: Some(2),
        },
        ColumnType::Real,
        ColumnType::Double,
        ColumnType::varchar(64),
        ColumnType::Char { length: Some(3) },
        ColumnType::Text,
        ColumnType::Boolean,
        ColumnType::Date,
        ColumnType::Time {
            precision: None,
            tz: false,
        },
        ColumnType::Timestamp {
            precision: None,
            tz: false,
        },
        ColumnType::Timestamp {
            precision: None,
            tz: true,
        },
        ColumnType::Uuid,
        ColumnType::Json,
        ColumnType::Jsonb,
        ColumnType::Blob,
    ];
    for ty in types {
        let (method, spellings) = builder::sea_query_type(&ty).expect("a method");
        let mut def = sea_query::ColumnDef::new("c");
        let def = match method.split('(').next().unwrap() {
            "tiny_integer" => def.tiny_integer(),
            "small_integer" => def.small_integer(),
            "integer" => def.integer(),
            "big_integer" => def.big_integer(),
            "decimal_len" => def.decimal_len(10, 2),
            "float" => def.float(),
            "double" => def.double(),
            "string_len" => def.string_len(64),
            "char_len" => def.char_len(3),
            "text" => def.text(),
            "boolean" => def.boolean(),
            "date" => def.date(),
            "time" => def.time(),
            "date_time" => def.date_time(),
            "timestamp_with_time_zone" => def.timestamp_with_time_zone(),
            "uuid" => def.uuid(),
            "json" => def.json(),
            "json_binary" => def.json_binary(),
            "blob" => def.blob(),
            other => panic!("untested method {other}"),
        };
        let stmt = sea_query::Table::create()
            .table("t")
            .col(def.clone())
            .to_owned();
        let written = [
            stmt.to_string(PostgresQueryBuilder),
            stmt.to_string(MysqlQueryBuilder),
            stmt.to_string(SqliteQueryBuilder),
        ];
        for (sql, spelling) in written.iter().zip(&spellings) {
            assert!(
                sql.contains(&format!("c\" {spelling} )"))
                    || sql.contains(&format!("c` {spelling} )")),
                "{method}: {sql} does not spell {spelling}"
            );
        }
    }
}

#[test]
fn probable_renames_are_warned_in_the_header_on_one_line_each() {
    // A dropped and an added column of one type: the differ notes a probable rename.
    let before = accounts(Some(Column::new("nick\nname", ColumnType::Text)));
    let after = accounts(Some(Column::new("alias", ColumnType::Text)));
    let plans = DialectPlans::diff(&before, &after);
    assert!(!plans.postgres.notes.is_empty(), "{:?}", plans.postgres);
    let file = render_migration(&meta(&[]), &plans).unwrap();
    let header: Vec<&str> = file.lines().take_while(|l| !l.is_empty()).collect();
    assert!(header.iter().all(|l| l.starts_with("//!")), "{file}");
    let warnings = header
        .iter()
        .position(|l| *l == "//! Warnings:")
        .unwrap_or_else(|| panic!("no warnings section: {file}"));
    let note = header[warnings + 1];
    assert!(
        note.starts_with("//! - accounts.nick\\nname is dropped and accounts.alias added"),
        "{file}"
    );
    // Each note once, though all three backends' plans carry it.
    assert_eq!(
        header.iter().filter(|l| l.contains("is dropped")).count(),
        1
    );
}

/// What sea-query 1.0 escapes: table, column and check names (its `prepare_iden`) but not
/// index, primary-key, unique or foreign-key names, which it writes between quotes as they
/// are. `builder::names_written_raw` lists the latter; when this test fails after a
/// sea-query upgrade, narrow that list.
#[test]
fn sea_query_escapes_table_column_and_check_names_only() {
    use sea_query::{
        Expr, ForeignKey, Index, MysqlQueryBuilder, PostgresQueryBuilder, SqliteQueryBuilder,
    };
    let (pg, my, lite) = (
        || PostgresQueryBuilder,
        || MysqlQueryBuilder,
        || SqliteQueryBuilder,
    );
    let table = sea_query::Table::create()
        .table("t\"`")
        .col(sea_query::ColumnDef::new("c\"`").integer())
        .check(("k\"`", Expr::cust("1 = 1")))
        .to_owned();
    assert!(
        table
            .to_string(pg())
            .contains(r#""t""`" ( "c""`" integer, CONSTRAINT "k""`""#)
    );
    assert!(
        table
            .to_string(lite())
            .contains(r#""t""`" ( "c""`" integer"#)
    );
    assert!(table.to_string(my()).contains("`t\"``` ( `c\"``` int"));

    let index = Index::create().name("i\"`").table("t").col("c").to_owned();
    assert!(
        index.to_string(pg()).contains(r#"INDEX "i"`""#),
        "{}",
        index.to_string(pg())
    );
    assert!(
        index.to_string(my()).contains("INDEX `i\"``"),
        "{}",
        index.to_string(my())
    );
    let fk = ForeignKey::create()
        .name("f\"`")
        .from("t", "c")
        .to("u", "id")
        .to_owned();
    assert!(
        fk.to_string(pg()).contains(r#"CONSTRAINT "f"`""#),
        "{}",
        fk.to_string(pg())
    );
    assert!(
        fk.to_string(my()).contains("CONSTRAINT `f\"``"),
        "{}",
        fk.to_string(my())
    );
}

/// Index and constraint names holding a quote character of any dialect are not handed to
/// sea-query: their statements are autogen's SQL, quoted by each dialect.
#[test]
fn names_sea_query_would_not_escape_become_quoted_sql() {
    let mut to = accounts(None);
    let t = to.tables.get_mut("accounts").unwrap();
    t.primary_key.as_mut().unwrap().name = Some("pk\"`".into());
    t.indexes.push(autogen_schema::Index {
        options: Default::default(),
        name: "ix\"`".into(),
        unique: false,
        parts: vec![autogen_schema::IndexPart::column("email")],
        method: autogen_schema::IndexMethod::Btree,
        predicate: None,
    });
    let file = render_migration(&meta(&[]), &DialectPlans::diff(&Schema::default(), &to)).unwrap();
    // MySQL's primary key is always `PRIMARY`: its table keeps the builder.
    assert_eq!(file.matches("Table::create()").count(), 1, "{file}");
    assert!(!file.contains(".name(\"ix"), "{file}");
    assert!(!file.contains(".name(\"pk"), "{file}");
    assert!(file.contains(r#"CONSTRAINT "pk""`" PRIMARY KEY"#), "{file}");
    assert!(file.contains(r#"CREATE INDEX "ix""`" ON"#), "{file}");
    assert!(file.contains(r#"CREATE INDEX `ix"``` ON"#), "{file}");
    // Plain names still use the builders.
    let file = render_migration(
        &meta(&[]),
        &DialectPlans::diff(&Schema::default(), &accounts(None)),
    )
    .unwrap();
    assert!(file.contains("Table::create()"), "{file}");
}

/// A name's line breaks and control characters end neither a `//` comment nor the header.
#[test]
fn hostile_names_stay_inside_comments_and_literals() {
    let evil = "evil\nDROP TABLE keep.victim; --\r\u{1b}[2J\u{2028}\u{202e}";
    let mut to = Schema::default();
    let mut t = Table::new(evil);
    t.columns.push(Column::new(evil, ColumnType::Integer));
    to.tables.insert(evil.into(), t);
    let mut m = meta(&[]);
    m.message = format!("msg {evil}");
    let file = render_migration(&m, &DialectPlans::diff(&Schema::default(), &to)).unwrap();
    for line in file.lines() {
        assert!(!line.trim_start().starts_with("DROP TABLE"), "{file}");
        assert!(
            !line.contains(autogen_schema::escape::is_unsafe_char),
            "{line:?}"
        );
    }
    assert!(
        file.contains("//! Message: msg evil DROP TABLE keep.victim; -- \\x1b[2J \\u{202e}\n"),
        "{file}"
    );
    assert!(
        file.contains(
            "// 1. create table evil\\nDROP TABLE keep.victim; --\\r\\x1b[2J\\u{2028}\\u{202e} ("
        ),
        "{file}"
    );
}

/// sea-query writes MySQL comments with backslash escapes (`'it\'s'`), which
/// `NO_BACKSLASH_ESCAPES` reads differently: such comments are autogen's SQL, whose
/// quotes are doubled.
#[test]
fn comments_with_quotes_or_backslashes_are_not_handed_to_sea_query() {
    let mut c = Column::new("nickname", ColumnType::Text);
    c.comment = Some("it's a \\ comment".into());
    let file = render_migration(
        &meta(&[]),
        &DialectPlans::diff(&accounts(None), &accounts(Some(c.clone()))),
    )
    .unwrap();
    assert!(!file.contains(".comment("), "{file}");
    assert!(file.contains(r"COMMENT 'it''s a \\ comment'"), "{file}");
    c.comment = Some("plain".into());
    let file = render_migration(
        &meta(&[]),
        &DialectPlans::diff(&accounts(None), &accounts(Some(c))),
    )
    .unwrap();
    assert!(file.contains(".comment(\"plain\")"), "{file}");
}

/// A table like the example's: a uuid key with a PostgreSQL-only default, timestamps.
fn with_uuid_key() -> Schema {
    let mut t = Table::new("notes");
    let mut id = Column::new("id", ColumnType::Uuid);
    id.nullable = false;
    id.default = Some(autogen_schema::DefaultValue::Function(
        "uuid_generate_v4".into(),
    ));
    let mut created = Column::new(
        "created_at",
        ColumnType::Timestamp {
            precision: None,
            tz: false,
        },
    );
    created.nullable = false;
    created.default = Some(autogen_schema::DefaultValue::CurrentTimestamp { precision: Some(0) });
    t.columns = vec![id, Column::new("title", ColumnType::varchar(60)), created];
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some("notes_pkey".into()),
        columns: vec!["id".into()],
    });
    let mut s = Schema::default();
    s.tables.insert("notes".into(), t);
    s
}

/// Backends that differ in one column's default share the statement: only that column
/// is a `match` on the backend, and each arm holds its own backends' values.
#[test]
fn a_difference_in_one_column_branches_at_that_column() {
    let file = render_migration(
        &meta(&[]),
        &DialectPlans::diff(&Schema::default(), &with_uuid_key()),
    )
    .unwrap();
    assert_eq!(file.matches("Table::create()").count(), 1, "{file}");
    assert_eq!(file.matches("get_database_backend()").count(), 1, "{file}");
    assert!(!file.contains("matches!("), "{file}");
    assert!(
        file.contains(".col(match manager.get_database_backend() {\n"),
        "{file}"
    );
    // The PostgreSQL arm is PostgreSQL's alone: a plain type, nothing left to pick.
    let arm = file
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with("sea_orm::DbBackend::Postgres =>")
        })
        .expect("a PostgreSQL arm");
    assert!(
        arm.contains("uuid_generate_v4()") && !arm.contains("per_backend"),
        "{arm}"
    );
    assert_eq!(
        file.matches("ColumnDef::new(\"title\")").count(),
        1,
        "{file}"
    );
    // The primary key's name is shared (MySQL ignores it).
    assert_eq!(file.matches(".primary_key(").count(), 1, "{file}");
}

/// A value the served backends agree on is written as that value, not picked at run
/// time; a value they do not agree on is.
#[test]
fn values_known_when_writing_are_written() {
    let p = DialectPlans::diff(&Schema::default(), &with_uuid_key());
    let all = render_migration(&meta(&[]), &p).unwrap();
    assert!(
        all.contains(r#"per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"])"#),
        "{all}"
    );
    let two = render_migration_for(&meta(&[]), &p, &[Dialect::Mysql, Dialect::Sqlite]).unwrap();
    assert!(
        two.contains(r#"default(sql("CURRENT_TIMESTAMP"))"#),
        "{two}"
    );
    assert!(!two.contains("CURRENT_TIMESTAMP(0)"), "{two}");
    for d in Dialect::ALL {
        let one = render_migration_for(&meta(&[]), &p, &[d]).unwrap();
        for branch in ["get_database_backend", "per_backend", "matches!"] {
            assert!(!one.contains(branch), "{d}: {branch}\n{one}");
        }
        assert!(one.contains("only (`[migrations] backends`)"), "{one}");
    }
    assert!(matches!(
        render_migration_for(&meta(&[]), &p, &[]),
        Err(RenderError::NoBackends)
    ));
}

/// SQL is written as raw strings whose hash count outlasts the text, and a statement
/// whose line breaks are inside a literal keeps them as escapes (indenting would change
/// the literal).
#[test]
fn sql_is_raw_strings_that_its_text_cannot_close() {
    let mut to = accounts(None);
    let t = to.tables.get_mut("accounts").unwrap();
    t.indexes.push(autogen_schema::Index {
        options: Default::default(),
        name: "ix\"##".into(),
        unique: false,
        parts: vec![autogen_schema::IndexPart::column("email")],
        method: autogen_schema::IndexMethod::Btree,
        predicate: None,
    });
    let file = render_migration(&meta(&[]), &DialectPlans::diff(&accounts(None), &to)).unwrap();
    assert!(
        file.contains(r####"r###"CREATE INDEX "ix""##" ON "accounts" ("email")"###"####),
        "{file}"
    );
    // SQLite rebuilds the table to narrow a column: the default's line break is inside
    // the multi-line `CREATE TABLE`.
    let mut c = Column::new("note", ColumnType::varchar(20));
    c.default = Some(autogen_schema::DefaultValue::String("two\nlines".into()));
    let mut narrow = c.clone();
    narrow.ty = ColumnType::varchar(10);
    let file = render_migration(
        &meta(&[]),
        &DialectPlans::diff(&accounts(Some(c)), &accounts(Some(narrow))),
    )
    .unwrap();
    assert!(file.contains("sqlite_rebuild("), "{file}");
    assert!(!file.contains("two\nlines"), "{file}");
    assert!(file.contains("'two\\nlines'"), "{file}");
}
