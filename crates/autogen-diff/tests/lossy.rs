//! Lossy type changes (issue 8, item 5): a change that rounds or reinterpreted values
//! without an error is labelled `lossy-conversion` (a destructive hazard), not
//! `data-dependent` ("fails if existing rows violate the new rule"). Shown on real
//! PostgreSQL and MariaDB: `numeric(10,4)` → `numeric(10,2)` turns 1.2345 into 1.23, and
//! `double` → `real` rounds too, with no error.

use autogen_diff::hazard::{Conversion, conversion};
use autogen_diff::{DiffOptions, Hazard, Op, diff};
use autogen_schema::{Column, ColumnType, Dialect, PrimaryKey, Schema, Table};
use autogen_testkit::ScratchDb;

fn decimal(p: u32, s: u32) -> ColumnType {
    ColumnType::Decimal {
        precision: Some(p),
        scale: Some(s),
    }
}

fn schema(amount: ColumnType, ratio: ColumnType) -> Schema {
    let mut t = Table::new("ledger");
    let mut id = Column::new("id", ColumnType::Integer);
    id.nullable = false;
    t.columns.push(id);
    t.columns.push(Column::new("amount", amount));
    t.columns.push(Column::new("ratio", ratio));
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some("ledger_pkey".into()),
        columns: vec!["id".into()],
    });
    let mut s = Schema::default();
    s.tables.insert("ledger".into(), t);
    s
}

/// The value of `column` in row 1, as text.
async fn value(db: &ScratchDb, column: &str) -> String {
    match db.dialect {
        Dialect::Postgres => {
            let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
            let sql = format!("SELECT {column}::text FROM ledger WHERE id = 1");
            let v: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&pool)
                .await
                .unwrap();
            pool.close().await;
            v
        }
        _ => {
            let pool = sqlx::MySqlPool::connect(&db.url).await.unwrap();
            let sql = format!("SELECT CAST({column} AS CHAR) FROM ledger WHERE id = 1");
            let v: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&pool)
                .await
                .unwrap();
            pool.close().await;
            v
        }
    }
}

async fn lossy_change_is_labelled_and_changes_values(dialect: Dialect) {
    let from = schema(decimal(10, 4), ColumnType::Double);
    let to = schema(decimal(10, 2), ColumnType::Real);
    let plan = diff(
        &from,
        &to,
        &DiffOptions {
            dialect: Some(dialect),
            ..Default::default()
        },
    );
    assert_eq!(plan.ops.len(), 2, "{:#?}", plan.ops);
    for (i, op) in plan.ops.iter().enumerate() {
        assert!(matches!(op, Op::AlterColumn { .. }), "{op:#?}");
        let hazards = plan.hazards_of(i);
        assert!(
            hazards.contains(&Hazard::LossyConversion),
            "{dialect}: {op:?} has {hazards:?}"
        );
        assert!(hazards.iter().any(|h| h.is_destructive()));
    }
    let decimal_hazards = plan.hazards_of(0);
    assert!(
        !decimal_hazards.contains(&Hazard::DataDependent),
        "fewer decimals with more integer digits cannot fail: {decimal_hazards:?}"
    );

    let db = ScratchDb::create(dialect).await;
    let mut setup = dialect.create_statements(&from);
    setup.push("INSERT INTO ledger (id, amount, ratio) VALUES (1, 1.2345, 0.1234567890123)".into());
    db.execute_all(&setup).await;
    assert_eq!(value(&db, "amount").await, "1.2345");
    let ratio_before = value(&db, "ratio").await;

    // Runs without an error …
    db.execute_all(&plan.to_sql(dialect).unwrap()).await;
    // … and the values are not what they were.
    assert_eq!(value(&db, "amount").await, "1.23", "{dialect}");
    let ratio_after = value(&db, "ratio").await;
    assert_ne!(
        ratio_after, ratio_before,
        "{dialect}: double → real kept {ratio_before}"
    );
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn lossy_change_on_postgres() {
    lossy_change_is_labelled_and_changes_values(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn lossy_change_on_mysql() {
    lossy_change_is_labelled_and_changes_values(Dialect::Mysql).await;
}

fn ts(precision: Option<u32>, tz: bool) -> ColumnType {
    ColumnType::Timestamp { precision, tz }
}

/// Every kind of type change, classified: what fails on bad rows, what silently changes
/// values, what keeps every value.
#[test]
fn type_changes_are_classified() {
    use ColumnType as T;
    use Conversion::*;
    let pg = Some(Dialect::Postgres);
    let my = Some(Dialect::Mysql);
    let cases: Vec<(ColumnType, ColumnType, Option<Dialect>, Conversion)> = vec![
        (T::varchar(255), T::varchar(64), pg, Narrowing),
        (T::varchar(64), T::varchar(255), pg, Free),
        (T::varchar(64), T::Text, pg, Free),
        (T::Text, T::varchar(10), pg, Narrowing),
        (T::BigInt, T::Integer, pg, Narrowing),
        (T::Integer, T::BigInt, pg, Widening),
        (
            decimal(10, 4),
            decimal(10, 2),
            pg,
            Lossy { may_fail: false },
        ),
        (decimal(10, 2), decimal(8, 2), pg, Narrowing),
        (decimal(10, 4), decimal(6, 2), pg, Lossy { may_fail: true }),
        (decimal(10, 2), decimal(12, 4), pg, Widening),
        (T::Double, T::Real, pg, Lossy { may_fail: true }),
        (T::Real, T::Double, pg, Widening),
        (T::BigInt, T::Double, pg, Lossy { may_fail: false }),
        (T::Integer, T::Double, pg, Widening),
        (T::Double, T::Integer, pg, Lossy { may_fail: true }),
        (decimal(10, 2), T::Integer, pg, Lossy { may_fail: true }),
        (
            ts(None, false),
            ts(Some(3), false),
            pg,
            Lossy { may_fail: false },
        ),
        (ts(Some(3), false), ts(None, false), pg, Widening),
        // MySQL's unspecified precision is 0.
        (
            ts(Some(3), false),
            ts(None, false),
            my,
            Lossy { may_fail: false },
        ),
        (
            ts(None, true),
            ts(None, false),
            pg,
            Lossy { may_fail: false },
        ),
        (
            ts(None, false),
            ts(None, true),
            my,
            Lossy { may_fail: true },
        ),
        (ts(None, false), T::Date, pg, Lossy { may_fail: false }),
        (T::Date, ts(None, false), pg, Widening),
        (T::Integer, T::Boolean, pg, Lossy { may_fail: true }),
        (T::Json, T::Jsonb, pg, Cast),
        (T::Text, T::Integer, pg, Cast),
    ];
    for (from, to, d, expected) in cases {
        assert_eq!(
            conversion(&from, &to, d),
            expected,
            "{from:?} → {to:?} on {d:?}"
        );
    }
}
