//! Data checksums (issue 12, item 5) on SQLite, PostgreSQL and MariaDB: the database's row
//! hash equals the Rust oracle on tricky values; a single changed, deleted, inserted or
//! duplicated row is named by its key; `verify_unchanged` passes a migration that keeps
//! the data and fails one that changes a value.

use autogen_migration::checksum::encode::{JsonStyle, Value, encode_row, row_hash};
use autogen_migration::checksum::sql::{json_style, table_info};
use autogen_migration::checksum::{self, DiffKind};
use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

/// One column type and its rows: `(SQL literal, the value the oracle takes)`.
struct Case {
    name: &'static str,
    ty: &'static str,
    rows: Vec<(&'static str, Value)>,
}

const TS: i64 = 1_704_157_445_123_456; // 2024-01-02 01:04:05.123456 UTC

fn cases(dialect: Dialect) -> Vec<Case> {
    use Value::*;
    let (pg, my) = (dialect == Dialect::Postgres, dialect == Dialect::Mysql);
    let pick = |p: &'static str, m: &'static str, s: &'static str| {
        if pg {
            p
        } else if my {
            m
        } else {
            s
        }
    };
    let mut cases = vec![
        Case {
            name: "text",
            ty: "TEXT",
            rows: vec![
                ("NULL", Null),
                ("''", Text(String::new())),
                ("'NULL'", Text("NULL".into())),
                ("'N'", Text("N".into())),
                ("'0:'", Text("0:".into())),
                (
                    "'h\u{e9}llo \u{2713} \u{1d11e}'",
                    Text("h\u{e9}llo \u{2713} \u{1d11e}".into()),
                ),
                ("'it''s'", Text("it's".into())),
            ],
        },
        Case {
            name: "integer",
            ty: "BIGINT",
            rows: vec![
                ("0", Int(0)),
                ("-1", Int(-1)),
                ("9223372036854775807", Int(i64::MAX)),
                ("NULL", Null),
            ],
        },
        Case {
            name: "boolean",
            ty: "BOOLEAN",
            rows: vec![
                (pick("true", "1", "1"), Bool(true)),
                (pick("false", "0", "0"), Bool(false)),
                ("NULL", Null),
            ],
        },
        Case {
            name: "float",
            ty: pick("DOUBLE PRECISION", "DOUBLE", "REAL"),
            rows: vec![
                ("-0.0e0", Float(-0.0)),
                ("0.0e0", Float(0.0)),
                ("1.5e0", Float(1.5)),
                ("-2.25e0", Float(-2.25)),
                ("1e10", Float(1e10)),
                ("0.1e0", Float(0.1)),
            ],
        },
        Case {
            name: "bytes",
            ty: pick("BYTEA", "VARBINARY(16)", "BLOB"),
            rows: vec![
                (
                    pick("'\\x00ff10'", "X'00FF10'", "X'00FF10'"),
                    Bytes(vec![0, 255, 16]),
                ),
                (pick("'\\x'", "X''", "X''"), Bytes(vec![])),
            ],
        },
        Case {
            name: "zoned",
            ty: pick("TIMESTAMPTZ", "TIMESTAMP(6) NULL", "TIMESTAMP"),
            rows: vec![
                (
                    pick(
                        "'2024-01-02 03:04:05.123456+02'",
                        "FROM_UNIXTIME(1704157445.123456)",
                        "'2024-01-02 03:04:05.123456+02:00'",
                    ),
                    Timestamp(TS),
                ),
                (
                    pick(
                        "'2024-01-02 01:04:05.123456Z'",
                        "FROM_UNIXTIME(1704157445.123456)",
                        "'2024-01-02T01:04:05.123456Z'",
                    ),
                    Timestamp(TS),
                ),
            ],
        },
        Case {
            name: "naive",
            ty: pick("TIMESTAMP", "DATETIME(6)", "DATETIME"),
            rows: vec![
                ("'2024-01-02 01:04:05.123456'", Timestamp(TS)),
                ("'1969-12-31 23:59:59.5'", Timestamp(-500_000)),
            ],
        },
        Case {
            name: "date",
            ty: "DATE",
            rows: vec![("'2024-02-29'", Date(2024, 2, 29))],
        },
    ];
    // Exact numerics: SQLite stores them as REAL, so its case stays within 15 digits.
    cases.push(if dialect == Dialect::Sqlite {
        Case {
            name: "numeric",
            ty: "DECIMAL(10,2)",
            rows: vec![
                ("1234.56", Decimal("1234.56".into())),
                ("-0.5", Decimal("-0.50".into())),
                ("0", Decimal("0.00".into())),
            ],
        }
    } else {
        Case {
            name: "numeric",
            ty: "DECIMAL(30,4)",
            rows: vec![
                (
                    "12345678901234567890.1234",
                    Decimal("12345678901234567890.1234".into()),
                ),
                ("-0.5", Decimal("-0.5000".into())),
                ("0", Decimal("0.0000".into())),
            ],
        }
    });
    // JSON: PostgreSQL's jsonb text; SQLite's compact text; MariaDB's JSON is LONGTEXT,
    // hashed as the text it stores.
    let json = r#"{"b": 1, "a": [1, "x"]}"#;
    cases.push(Case {
        name: "json",
        ty: pick("JSONB", "JSON", "JSON"),
        rows: vec![(
            r#"'{"b": 1, "a": [1, "x"]}'"#,
            if my {
                Text(json.into())
            } else {
                Json(json.into())
            },
        )],
    });
    cases
}

async fn connect(url: &str) -> DatabaseConnection {
    Database::connect(url).await.unwrap()
}

async fn the_database_hash_equals_the_oracle(dialect: Dialect) {
    let scratch = ScratchDb::create(dialect).await;
    let cases = cases(dialect);
    let mut setup = Vec::new();
    for case in &cases {
        setup.push(format!(
            "CREATE TABLE c_{} (id INTEGER PRIMARY KEY, v {})",
            case.name, case.ty
        ));
        for (i, (literal, _)) in case.rows.iter().enumerate() {
            setup.push(format!(
                "INSERT INTO c_{} (id, v) VALUES ({}, {literal})",
                case.name,
                i + 1
            ));
        }
    }
    scratch.execute_all(&setup).await;
    let db = connect(&scratch.url).await;
    let style: JsonStyle = json_style(db.get_database_backend());
    let mut seen = std::collections::HashMap::new();
    for case in &cases {
        let table = format!("c_{}", case.name);
        let info = table_info(&db, &table, None).await.unwrap();
        let v: Vec<_> = info
            .columns
            .iter()
            .filter(|c| c.name == "v")
            .cloned()
            .collect();
        let rows = checksum::row_hashes(&db, &table, &info.key, &v, None, None)
            .await
            .unwrap_or_else(|e| panic!("{dialect} {table}: {e}"));
        assert_eq!(rows.len(), case.rows.len(), "{dialect} {table}");
        for ((key, h), (literal, value)) in rows.iter().zip(&case.rows) {
            let e = encode_row(std::slice::from_ref(value), style);
            assert_eq!(
                *h,
                row_hash(&e),
                "{dialect} {table} row {key} ({literal}): the oracle's E is {e:?}"
            );
            seen.entry(*h).or_insert_with(Vec::new).push(e);
        }
    }
    // NULL, '', 'NULL' and 'N' are four different rows (as are 0 and -0.0 the same one).
    let text_hashes: Vec<u64> = ["N", "0:", "4:NULL", "1:N"]
        .iter()
        .map(|e| row_hash(e))
        .collect();
    for h in &text_hashes {
        assert!(seen.contains_key(h), "{dialect}: {h} not among the hashes");
    }
    assert_eq!(
        row_hash(&encode_row(&[Value::Float(-0.0)], style)),
        row_hash(&encode_row(&[Value::Float(0.0)], style))
    );
    db.close().await.unwrap();
}

#[tokio::test]
async fn the_database_hash_equals_the_oracle_on_sqlite() {
    the_database_hash_equals_the_oracle(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn the_database_hash_equals_the_oracle_on_postgres() {
    the_database_hash_equals_the_oracle(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn the_database_hash_equals_the_oracle_on_mysql() {
    the_database_hash_equals_the_oracle(Dialect::Mysql).await;
}

fn items_setup() -> Vec<String> {
    let mut setup = vec![
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2))"
            .to_string(),
    ];
    let values: Vec<String> = (1..=50)
        .map(|i| format!("({i}, 'item {i}', {i}.25)"))
        .collect();
    setup.push(format!(
        "INSERT INTO items (id, name, price) VALUES {}",
        values.join(", ")
    ));
    setup
}

const COLUMNS: &[&str] = &["id", "name", "price"];

/// Records, runs `change`, verifies: the error (or `None` when unchanged).
async fn after(db: &DatabaseConnection, label: &str, change: &[String]) -> Option<String> {
    let manager = SchemaManager::new(db);
    autogen_migration::record_before(&manager, label, "items", COLUMNS)
        .await
        .unwrap();
    for sql in change {
        db.execute_raw(Statement::from_string(
            db.get_database_backend(),
            sql.clone(),
        ))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    autogen_migration::verify_unchanged(&manager, label, "items", COLUMNS)
        .await
        .err()
        .map(|e| e.to_string())
}

async fn a_single_differing_row_is_named_by_its_key(dialect: Dialect) {
    let scratch = ScratchDb::create(dialect).await;
    scratch.execute_all(&items_setup()).await;
    let db = connect(&scratch.url).await;
    let s = |sql: &str| vec![sql.to_string()];

    assert_eq!(after(&db, "same", &[]).await, None, "{dialect}");
    let e = after(
        &db,
        "update",
        &s("UPDATE items SET price = 17.26 WHERE id = 17"),
    )
    .await
    .expect("a changed row");
    assert!(
        e.contains("1 row(s) differ") && e.contains("changed key 17"),
        "{dialect}: {e}"
    );
    let e = after(&db, "delete", &s("DELETE FROM items WHERE id = 30"))
        .await
        .expect("a deleted row");
    assert!(
        e.contains("1 row(s) differ") && e.contains("deleted key 30"),
        "{dialect}: {e}"
    );
    let e = after(
        &db,
        "insert",
        &s("INSERT INTO items VALUES (100, 'new', 1.00)"),
    )
    .await
    .expect("an inserted row");
    assert!(
        e.contains("1 row(s) differ") && e.contains("inserted key 100"),
        "{dialect}: {e}"
    );
    // A NULL where '' was, and '' where 'NULL' was, are changes too.
    scratch
        .execute_all(&s("UPDATE items SET name = '' WHERE id = 5"))
        .await;
    let e = after(&db, "null", &s("UPDATE items SET name = NULL WHERE id = 5"))
        .await
        .expect("'' to NULL");
    assert!(e.contains("changed key 5"), "{dialect}: {e}");

    // A rebuild that lost the key and copied row 5 twice.
    let rename = "ALTER TABLE items_copy RENAME TO items";
    let e = after(
        &db,
        "duplicate",
        &[
            "CREATE TABLE items_copy (id INTEGER, name VARCHAR(40), price DECIMAL(10,2))".into(),
            "INSERT INTO items_copy SELECT * FROM items".into(),
            "INSERT INTO items_copy SELECT * FROM items WHERE id = 5".into(),
            "DROP TABLE items".into(),
            rename.into(),
        ],
    )
    .await
    .expect("a duplicated row");
    assert!(
        e.contains("1 row(s) differ") && e.contains("duplicated key 5"),
        "{dialect}: {e}"
    );
    db.close().await.unwrap();
}

#[tokio::test]
async fn a_single_differing_row_is_named_by_its_key_on_sqlite() {
    a_single_differing_row_is_named_by_its_key(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn a_single_differing_row_is_named_by_its_key_on_postgres() {
    a_single_differing_row_is_named_by_its_key(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn a_single_differing_row_is_named_by_its_key_on_mysql() {
    a_single_differing_row_is_named_by_its_key(Dialect::Mysql).await;
}

/// A migration that must keep `items`' data: it records, runs its statements, verifies.
struct Keeping {
    name: &'static str,
    statements: &'static [&'static str],
}

impl MigrationName for Keeping {
    fn name(&self) -> &str {
        self.name
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Keeping {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        autogen_migration::record_before(manager, self.name, "items", COLUMNS).await?;
        autogen_migration::run_sql(manager, self.statements).await?;
        autogen_migration::verify_unchanged(manager, self.name, "items", COLUMNS).await?;
        Ok(())
    }
}

struct AddsAColumn;

impl MigratorTrait for AddsAColumn {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(Keeping {
            name: "m1_add_note",
            statements: &["ALTER TABLE items ADD COLUMN note VARCHAR(10)"],
        })]
    }
}

struct ChangesAPrice;

impl MigratorTrait for ChangesAPrice {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(Keeping {
                name: "m1_add_note",
                statements: &["ALTER TABLE items ADD COLUMN note VARCHAR(10)"],
            }),
            Box::new(Keeping {
                name: "m2_reprice",
                statements: &["UPDATE items SET price = price + 1 WHERE id = 3"],
            }),
        ]
    }
}

async fn verify_unchanged_guards_a_migration(dialect: Dialect) {
    let scratch = ScratchDb::create(dialect).await;
    scratch.execute_all(&items_setup()).await;
    let db = connect(&scratch.url).await;
    AddsAColumn::up(&db, None)
        .await
        .unwrap_or_else(|e| panic!("{dialect}: a migration that keeps the data: {e}"));
    let error = ChangesAPrice::up(&db, None)
        .await
        .expect_err("a migration that changes a price fails")
        .to_string();
    assert!(
        error.contains("verify_unchanged m2_reprice") && error.contains("changed key 3"),
        "{dialect}: {error}"
    );
    let applied = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM seaql_migrations WHERE version = 'm2_reprice'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert_eq!(applied, 0, "{dialect}: the failed revision is not recorded");
    db.close().await.unwrap();
}

#[tokio::test]
async fn verify_unchanged_guards_a_migration_on_sqlite() {
    verify_unchanged_guards_a_migration(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn verify_unchanged_guards_a_migration_on_postgres() {
    verify_unchanged_guards_a_migration(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn verify_unchanged_guards_a_migration_on_mysql() {
    verify_unchanged_guards_a_migration(Dialect::Mysql).await;
}

async fn digests_compare_two_databases(dialect: Dialect) {
    let a = ScratchDb::create(dialect).await;
    let b = ScratchDb::create(dialect).await;
    a.execute_all(&items_setup()).await;
    b.execute_all(&items_setup()).await;
    let timeout = std::time::Duration::from_secs(60);
    let da = checksum::database_digests(&a.url, &[], 7, timeout)
        .await
        .unwrap();
    let db_ = checksum::database_digests(&b.url, &[], 13, timeout)
        .await
        .unwrap();
    assert_eq!(da.len(), 1, "{dialect}: {da:?}");
    assert_eq!(
        da[0].chunks.len(),
        8,
        "{dialect}: 50 rows in chunks of 7: {:?}",
        da[0].chunks
    );
    assert_eq!(
        (da[0].rows(), da[0].digest()),
        (db_[0].rows(), db_[0].digest()),
        "{dialect}"
    );
    b.execute_all(&["UPDATE items SET name = 'x' WHERE id = 44".into()])
        .await;
    let db_ = checksum::database_digests(&b.url, &[], 7, timeout)
        .await
        .unwrap();
    assert_ne!(da[0].digest(), db_[0].digest(), "{dialect}");
    let diffs = checksum::compare_table(&a.url, &b.url, "items", 7, timeout)
        .await
        .unwrap();
    assert_eq!(diffs.len(), 1, "{dialect}: {diffs:?}");
    assert_eq!(
        (diffs[0].key.as_str(), diffs[0].kind),
        ("44", DiffKind::Changed)
    );
    let error = checksum::database_digests(&a.url, &["missing".into()], 7, timeout)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("table missing does not exist"),
        "{dialect}: {error}"
    );
}

#[tokio::test]
async fn digests_compare_two_databases_on_sqlite() {
    digests_compare_two_databases(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn digests_compare_two_databases_on_postgres() {
    digests_compare_two_databases(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn digests_compare_two_databases_on_mysql() {
    digests_compare_two_databases(Dialect::Mysql).await;
}

#[tokio::test]
async fn a_table_without_a_key_is_refused() {
    let scratch = ScratchDb::create(Dialect::Sqlite).await;
    scratch
        .execute_all(&["CREATE TABLE loose (a INTEGER, b TEXT)".into()])
        .await;
    let db = connect(&scratch.url).await;
    let error = checksum::table_digest(&db, "loose", None, 10)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("table loose has no primary key and no unique key on NOT NULL columns"),
        "{error}"
    );
}

async fn quotes_and_backslashes_in_names_and_keys(dialect: Dialect) {
    let a = ScratchDb::create(dialect).await;
    let b = ScratchDb::create(dialect).await;
    let table = "it's \"odd\"";
    let d = dialect;
    let setup = vec![
        format!(
            "CREATE TABLE {} ({} VARCHAR(20) PRIMARY KEY, {} INTEGER)",
            d.quote_ident(table),
            d.quote_ident("k"),
            d.quote_ident("we\"ird")
        ),
        format!(
            "INSERT INTO {} VALUES ('a''b', 1), ({}, 2), ('e\"f', 3)",
            d.quote_ident(table),
            if d == Dialect::Mysql {
                r"'c\\d'"
            } else {
                r"'c\d'"
            }
        ),
    ];
    a.execute_all(&setup).await;
    b.execute_all(&setup).await;
    let timeout = std::time::Duration::from_secs(60);
    let tables = [table.to_string()];
    let one = checksum::database_digests(&a.url, &tables, 1, timeout)
        .await
        .unwrap_or_else(|e| panic!("{dialect}: {e}"));
    assert_eq!(one[0].chunks.len(), 4, "{dialect}: {:?}", one[0].chunks);
    let all = checksum::database_digests(&a.url, &tables, 100, timeout)
        .await
        .unwrap();
    assert_eq!(
        (one[0].rows(), one[0].digest()),
        (3, all[0].digest()),
        "{dialect}"
    );
    b.execute_all(&[format!(
        "UPDATE {} SET {} = 9 WHERE {} = {}",
        d.quote_ident(table),
        d.quote_ident("we\"ird"),
        d.quote_ident("k"),
        if d == Dialect::Mysql {
            r"'c\\d'"
        } else {
            r"'c\d'"
        }
    )])
    .await;
    let diffs = checksum::compare_table(&a.url, &b.url, table, 1, timeout)
        .await
        .unwrap();
    assert_eq!(diffs.len(), 1, "{dialect}: {diffs:?}");
    assert_eq!(diffs[0].key, r"c\d", "{dialect}");
}

#[tokio::test]
async fn quotes_and_backslashes_in_names_and_keys_on_sqlite() {
    quotes_and_backslashes_in_names_and_keys(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn quotes_and_backslashes_in_names_and_keys_on_postgres() {
    quotes_and_backslashes_in_names_and_keys(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn quotes_and_backslashes_in_names_and_keys_on_mysql() {
    quotes_and_backslashes_in_names_and_keys(Dialect::Mysql).await;
}
