//! Check expressions and defaults on real databases: what autogen writes applies, means
//! what the model says (valid rows in, invalid rows out), and reads back equal to the
//! model, with no drift, on PostgreSQL, MariaDB and SQLite.
//! Servers come from `AUTOGEN_TEST_POSTGRES_URL` / `AUTOGEN_TEST_MYSQL_URL`.

use autogen_schema::{
    Check, Column, ColumnType, DefaultValue, Dialect, EnumType, PrimaryKey, Schema, Table,
};
use autogen_testkit::{ScratchDb, assert_schema_eq};

/// A table whose checks use a reserved word, a keyword PostgreSQL quotes, `varchar`
/// columns (PostgreSQL adds `::text`), an IN list and a quote in a literal, spelled as
/// a model may spell them.
fn model(dialect: Dialect) -> Schema {
    let mut t = Table::new("items");
    let mut id = Column::new("id", ColumnType::Integer);
    id.nullable = false;
    t.columns.push(id);
    for (name, ty) in [
        ("group", ColumnType::varchar(10)),
        ("position", ColumnType::Integer),
        ("name", ColumnType::varchar(20)),
        ("status", ColumnType::varchar(10)),
    ] {
        let mut c = Column::new(name, ty);
        c.nullable = false;
        t.columns.push(c);
    }
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some("items_pkey".into()),
        columns: vec!["id".into()],
    });
    let checks = [
        ("group_not_x", "\"group\" <> 'x'"),
        ("group_not_y", "`group` <> 'y'"),
        ("position_positive", "\"position\" >= 0"),
        ("name_not_blank", "name <> ''"),
        ("name_no_quote", "name <> 'it''s'"),
        ("status_known", "status IN ('a', 'b')"),
        ("status_not_z", "status NOT IN ('z')"),
    ];
    for (name, expression) in checks {
        t.checks.push(Check {
            not_valid: false,
            no_inherit: false,
            name: name.into(),
            expression: expression.into(),
        });
    }
    let mut s = Schema::default();
    if dialect == Dialect::Postgres {
        // An enum type whose name needs quotes, with a quote in its default.
        s.enums.insert(
            "mood'x".into(),
            EnumType {
                name: "mood'x".into(),
                values: vec!["it's".into(), "b".into()],
            },
        );
        let mut m = Column::new(
            "m",
            ColumnType::Enum {
                name: "mood'x".into(),
            },
        );
        m.default = Some(DefaultValue::String("it's".into()));
        t.columns.push(m);
    }
    s.tables.insert(t.name.clone(), t);
    s
}

/// `INSERT INTO items` of one row; `Err` with the database's message when refused.
async fn insert(db: &ScratchDb, row: (&str, i64, &str, &str)) -> Result<(), String> {
    let d = db.dialect;
    let q = |n: &str| d.quote_ident(n);
    let lit = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let sql = format!(
        "INSERT INTO {} ({}, {}, {}, {}, {}) VALUES (1, {}, {}, {}, {})",
        q("items"),
        q("id"),
        q("group"),
        q("position"),
        q("name"),
        q("status"),
        lit(row.0),
        row.1,
        lit(row.2),
        lit(row.3)
    );
    let conn = db.connect().await;
    let result = conn.execute(&sql).await.map_err(|e| e.to_string());
    if result.is_ok() {
        conn.execute(&format!("DELETE FROM {}", q("items")))
            .await
            .expect("delete");
    }
    conn.close().await;
    result
}

async fn round_trip(dialect: Dialect) {
    let db = ScratchDb::create(dialect).await;
    let model = model(dialect);
    db.execute_all(&dialect.create_statements(&model)).await;
    let reflected = db.reflect().await;
    // No drift: the database's print-back equals the model.
    assert_schema_eq!(
        dialect.lower(&model),
        reflected,
        "{dialect}: model vs database"
    );

    // The checks mean what the model says.
    insert(&db, ("g", 1, "n", "a"))
        .await
        .unwrap_or_else(|e| panic!("{dialect}: a valid row was refused: {e}"));
    for bad in [
        ("x", 1, "n", "a"),
        ("y", 1, "n", "a"),
        ("g", -1, "n", "a"),
        ("g", 1, "", "a"),
        ("g", 1, "it's", "a"),
        ("g", 1, "n", "c"),
    ] {
        assert!(
            insert(&db, bad).await.is_err(),
            "{dialect}: the invalid row {bad:?} was accepted"
        );
    }

    // What was read back is written back the same way.
    let again = ScratchDb::create(dialect).await;
    again
        .execute_all(&dialect.create_statements(&reflected))
        .await;
    assert_schema_eq!(reflected, again.reflect().await, "{dialect}: re-reflection");
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn postgres_checks_and_enum_defaults_round_trip() {
    round_trip(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn mysql_checks_round_trip() {
    round_trip(Dialect::Mysql).await;
}

#[tokio::test]
async fn sqlite_checks_round_trip() {
    round_trip(Dialect::Sqlite).await;
}

/// A check nested deeper than the SQL parser of SQLite's stored DDL follows is neither a
/// stack overflow nor the end of the reflection: the table is read from the pragmas and
/// its check from the tokens (issue 10: one table never aborts the whole reflection).
#[tokio::test]
async fn sqlite_deep_check_is_read_without_the_parser() {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    let depth = 500; // under SQLite's own limit of 1000
    let check = format!("{}a > 0{}", "(".repeat(depth), ")".repeat(depth));
    db.execute_all(&[format!("CREATE TABLE deep (a integer CHECK ({check}))")])
        .await;
    let conn = db.connect().await;
    let result = conn
        .reflect(&autogen_reflect::ReflectOptions::default())
        .await;
    conn.close().await;
    let schema = result.expect("the table is read without the parser");
    let table = &schema.tables["deep"];
    assert_eq!(table.columns.len(), 1);
    assert_eq!(table.checks.len(), 1);
    assert!(
        table.checks[0].expression.contains("a > 0"),
        "{:?}",
        table.checks
    );
}
