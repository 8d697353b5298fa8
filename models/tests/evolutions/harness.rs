//! The harness of the evolution tests: seeding, running a plan up and down, reading
//! rows back, and hazard assertions.

use std::collections::BTreeMap;

use autogen_diff::{DiffOptions, Hazard, Op, Plan, Renames, diff};
use autogen_reflect::{Database, Pool, ReflectOptions};
use autogen_schema::{Column, ColumnType, Dialect, Index, IndexMethod, IndexPart, Schema, Table};
use autogen_testkit::arbitrary::without_hints;
use autogen_testkit::{ScratchDb, describe_differences, ignoring_column_order};

/// Rows inserted into each table an evolution touches.
pub const ROWS: usize = 3;

pub const DIFY_POSTGRES: &str =
    include_str!("../../../crates/autogen-reflect/tests/fixtures/dify_postgres.sql");

pub fn models_schema() -> Schema {
    models::base()
        .and_then(|base| base.schema())
        .unwrap_or_else(|e| panic!("the models do not build a schema: {e}"))
}

/// The `uuid-ossp` extension and the `uuidv7()` function the models' id defaults call, as
/// the Dify fixture creates them before its first table.
pub fn postgres_prelude() -> &'static str {
    let end = DIFY_POSTGRES
        .find("-- account.py")
        .expect("the Dify fixture marks where its tables start");
    &DIFY_POSTGRES[..end]
}

// ---------------------------------------------------------------------------------------
// Editing the IR
// ---------------------------------------------------------------------------------------

pub fn table_mut<'a>(schema: &'a mut Schema, name: &str) -> &'a mut Table {
    schema
        .tables
        .get_mut(name)
        .unwrap_or_else(|| panic!("the models have no table {name}"))
}

pub fn column_mut<'a>(table: &'a mut Table, name: &str) -> &'a mut Column {
    let table_name = table.name.clone();
    table
        .columns
        .iter_mut()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{table_name} has no column {name}"))
}

pub fn drop_column(table: &mut Table, name: &str) {
    let before = table.columns.len();
    table.columns.retain(|c| c.name != name);
    assert_eq!(table.columns.len(), before - 1, "{}.{name}", table.name);
}

pub fn index(name: &str, columns: &[&str], method: IndexMethod, predicate: Option<&str>) -> Index {
    Index {
        options: Default::default(),
        name: name.to_string(),
        unique: false,
        parts: columns.iter().map(|c| IndexPart::column(*c)).collect(),
        method,
        predicate: predicate.map(str::to_string),
    }
}

/// Renames a table in the IR; `hint` sets `renamed_from` as `Base::renamed_from` does.
pub fn rename_table(schema: &mut Schema, old: &str, new: &str, hint: bool) {
    let mut table = schema.tables.remove(old).expect("table to rename");
    table.name = new.to_string();
    table.renamed_from = hint.then(|| old.to_string());
    schema.tables.insert(new.to_string(), table);
}

// ---------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------

/// A literal of `ty` for row `n` (1-based) of `column`, valid on every dialect.
pub fn literal(dialect: Dialect, column: &str, ty: &ColumnType, n: usize) -> String {
    use ColumnType as T;
    let text = |limit: Option<u32>| {
        let mut s = format!("{column}-{n}");
        if let Some(l) = limit {
            s.truncate(l as usize);
        }
        format!("'{s}'")
    };
    match ty {
        T::Uuid => format!("'00000000-0000-4000-8000-{n:012}'"),
        T::Varchar { length } | T::Char { length } => text(*length),
        T::Text => text(None),
        T::TinyInt | T::SmallInt | T::Integer | T::BigInt => n.to_string(),
        T::Real | T::Double | T::Decimal { .. } => format!("{n}.5"),
        T::Boolean => if n.is_multiple_of(2) { "TRUE" } else { "FALSE" }.to_string(),
        T::Timestamp { .. } => format!("'2024-01-0{n} 12:00:00'"),
        T::Date => format!("'2024-01-0{n}'"),
        // Spelled as PostgreSQL's jsonb and MySQL print it, so the text survives json → jsonb.
        T::Json | T::Jsonb => format!("'{{\"n\": {n}}}'"),
        T::Blob => match dialect {
            Dialect::Postgres => format!("'\\x01{n:02}'"),
            _ => format!("X'01{n:02}'"),
        },
        other => panic!("no test literal for {other:?} ({column})"),
    }
}

/// `ROWS` rows with a value in every column (but identities), so that a rebuild or a
/// cast that loses any of them shows.
pub fn insert_statement(dialect: Dialect, table: &Table) -> String {
    let columns: Vec<&Column> = table
        .columns
        .iter()
        .filter(|c| c.identity.is_none())
        .collect();
    let rows: Vec<String> = (1..=ROWS)
        .map(|n| {
            let values: Vec<String> = columns
                .iter()
                .map(|c| literal(dialect, &c.name, &c.ty, n))
                .collect();
            format!("({})", values.join(", "))
        })
        .collect();
    let names: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
    format!(
        "INSERT INTO {} ({}) VALUES {}",
        dialect.quote_ident(&table.name),
        dialect.quote_list(&names),
        rows.join(", ")
    )
}

/// A column's values as text, one spelling per value across dialects for booleans.
pub fn value_sql(dialect: Dialect, column: &Column) -> String {
    let q = dialect.quote_ident(&column.name);
    if column.ty == ColumnType::Boolean {
        return format!("CASE WHEN {q} IS NULL THEN NULL WHEN {q} THEN '1' ELSE '0' END");
    }
    match dialect {
        Dialect::Mysql => format!("CAST({q} AS CHAR)"),
        Dialect::Postgres | Dialect::Sqlite => format!("CAST({q} AS TEXT)"),
    }
}

/// Each column's values, in `id` order.
pub type Rows = BTreeMap<String, Vec<Option<String>>>;

pub async fn read_rows(db: &Database, dialect: Dialect, table: &Table) -> Rows {
    use sqlx::Row;
    let exprs: Vec<String> = table
        .columns
        .iter()
        .map(|c| value_sql(dialect, c))
        .collect();
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        exprs.join(", "),
        dialect.quote_ident(&table.name),
        dialect.quote_ident("id")
    );
    let width = table.columns.len();
    macro_rules! fetch {
        ($pool:expr) => {
            sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all($pool)
                .await
                .unwrap_or_else(|e| panic!("{dialect}: {sql}: {e}"))
                .iter()
                .map(|row| {
                    (0..width)
                        .map(|i| {
                            row.try_get::<Option<String>, _>(i)
                                .unwrap_or_else(|e| panic!("{dialect}: {sql}: column {i}: {e}"))
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
    }
    let rows = match db.pool() {
        Pool::Postgres(pool) => fetch!(pool),
        Pool::Mysql(pool) => fetch!(pool),
        Pool::Sqlite(pool) => fetch!(pool),
    };
    table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.clone(), rows.iter().map(|r| r[i].clone()).collect()))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Running an evolution
// ---------------------------------------------------------------------------------------

pub struct Evolution {
    /// The models' schema after the change.
    pub evolved: Schema,
    /// Renames declared as on the command line (`--rename`).
    pub renames: Renames,
    /// Tables, by their name in the models, that hold rows when the plan runs.
    pub fill: &'static [&'static str],
    /// `(table, column)` in the models whose values the evolution changes or deletes by
    /// design: left out of the generic comparison (each test asserts what they become).
    pub changed: &'static [(&'static str, &'static str)],
}

impl Evolution {
    pub fn new(evolved: Schema, fill: &'static [&'static str]) -> Self {
        Evolution {
            evolved,
            renames: Renames::default(),
            fill,
            changed: &[],
        }
    }

    pub fn options(&self, dialect: Dialect) -> DiffOptions {
        DiffOptions {
            dialect: Some(dialect),
            renames: self.renames.clone(),
            ..Default::default()
        }
    }

    pub fn plan(&self, dialect: Dialect) -> Plan {
        diff(&models_schema(), &self.evolved, &self.options(dialect))
    }

    /// A models table's name after the evolution (declared table renames followed).
    pub fn new_table_name(&self, old: &str) -> String {
        let hinted = self
            .evolved
            .tables
            .values()
            .find(|t| t.renamed_from.as_deref() == Some(old))
            .map(|t| t.name.clone());
        let declared = self
            .renames
            .tables
            .iter()
            .find(|(o, _)| o == old)
            .map(|(_, n)| n.clone());
        hinted.or(declared).unwrap_or_else(|| old.to_string())
    }

    /// A column's name after the evolution (declared column renames followed).
    pub fn new_column_name(&self, new_table: &str, old: &str) -> String {
        let hinted = self.evolved.tables.get(new_table).and_then(|t| {
            t.columns
                .iter()
                .find(|c| c.renamed_from.as_deref() == Some(old))
                .map(|c| c.name.clone())
        });
        let declared = self
            .renames
            .columns
            .iter()
            .find(|(t, o, _)| t == new_table && o == old)
            .map(|(_, _, n)| n.clone());
        hinted.or(declared).unwrap_or_else(|| old.to_string())
    }
}

/// What the database held, table by table (by the name at that moment).
pub struct Outcome {
    /// Before the upgrade.
    pub before: BTreeMap<String, Rows>,
    /// After the upgrade.
    pub up: BTreeMap<String, Rows>,
    /// After the downgrade.
    pub down: BTreeMap<String, Rows>,
}

pub fn assert_same_schema(
    dialect: Dialect,
    label: &str,
    actual: &Schema,
    expected: &Schema,
    sql: &[String],
) {
    // The differ never reorders columns: a column it restores goes last.
    let actual = ignoring_column_order(actual.clone());
    let mut expected = ignoring_column_order(without_hints(expected.clone()));
    // What the models cannot declare (the prelude's extension and function) is the
    // database's, as `check` takes it.
    expected.keep_unmanaged(&actual);
    if actual != expected {
        panic!(
            "{dialect} {label}: the database (right) differs from the expected schema (left):\n{}\nSQL run:\n{};",
            describe_differences(&expected, &actual),
            sql.join(";\n")
        );
    }
}

pub async fn execute_all(db: &Database, dialect: Dialect, label: &str, sql: &[String]) {
    for statement in sql {
        if let Err(e) = db.execute(statement).await {
            panic!("{dialect} {label}: {e}\nall SQL:\n{};", sql.join(";\n"));
        }
    }
}

/// A scratch database holding the models, with `ROWS` rows in each table of `fill`.
pub async fn seeded(dialect: Dialect, fill: &[&str]) -> (ScratchDb, Database) {
    let models = models_schema();
    let scratch = ScratchDb::create(dialect).await;
    let db = scratch.connect().await;
    if dialect == Dialect::Postgres {
        db.execute(postgres_prelude())
            .await
            .unwrap_or_else(|e| panic!("postgres prelude: {e}"));
    }
    execute_all(
        &db,
        dialect,
        "create the models",
        &dialect.create_statements(&models),
    )
    .await;
    let inserts: Vec<String> = fill
        .iter()
        .map(|t| insert_statement(dialect, &models.tables[*t]))
        .collect();
    execute_all(&db, dialect, "insert rows", &inserts).await;
    (scratch, db)
}

/// Runs the evolution up and down on a seeded database and checks schemas and rows.
pub async fn run(dialect: Dialect, ev: &Evolution) -> Outcome {
    let models = models_schema();
    let (_scratch, db) = seeded(dialect, ev.fill).await;
    let options = ev.options(dialect);
    let reflect = || async {
        db.reflect(&ReflectOptions::default())
            .await
            .expect("reflect")
    };

    let mut before = BTreeMap::new();
    for t in ev.fill {
        let rows = read_rows(&db, dialect, &models.tables[*t]).await;
        assert_eq!(rows["id"].len(), ROWS, "{dialect}: rows in {t}");
        before.insert(t.to_string(), rows);
    }

    let plan = diff(&models, &ev.evolved, &options);
    let up = plan
        .to_sql(dialect)
        .unwrap_or_else(|e| panic!("{dialect}: {e}"));
    execute_all(&db, dialect, "upgrade", &up).await;
    let reflected = reflect().await;
    assert_same_schema(
        dialect,
        "after upgrade",
        &reflected,
        &dialect.lower(&ev.evolved),
        &up,
    );
    // Compared as `check` compares: what the models cannot declare is the database's.
    let mut evolved = ev.evolved.clone();
    evolved.keep_unmanaged(&reflected);
    let phantom = diff(&reflected, &evolved, &options);
    assert!(
        phantom.is_empty(),
        "{dialect}: phantom differences after upgrade: {:#?}",
        phantom.ops
    );

    let mut after_up = BTreeMap::new();
    for t in ev.fill {
        let new_name = ev.new_table_name(t);
        let rows = read_rows(&db, dialect, &ev.evolved.tables[&new_name]).await;
        for (column, values) in &before[*t] {
            let new_column = ev.new_column_name(&new_name, column);
            if ev.changed.contains(&(*t, column.as_str())) {
                continue;
            }
            if let Some(now) = rows.get(&new_column) {
                assert_eq!(
                    now, values,
                    "{dialect}: {t}.{column} (now {new_name}.{new_column}) after upgrade"
                );
            }
        }
        assert_eq!(
            rows["id"].len(),
            ROWS,
            "{dialect}: rows in {new_name} after upgrade"
        );
        after_up.insert(new_name, rows);
    }

    let down = plan
        .inverse()
        .to_sql(dialect)
        .unwrap_or_else(|e| panic!("{dialect}: {e}"));
    execute_all(&db, dialect, "downgrade", &down).await;
    let reflected = reflect().await;
    assert_same_schema(
        dialect,
        "after downgrade",
        &reflected,
        &dialect.lower(&models),
        &down,
    );
    let mut kept = models.clone();
    kept.keep_unmanaged(&reflected);
    assert!(
        diff(&reflected, &kept, &options).is_empty(),
        "{dialect}: phantom differences after downgrade"
    );

    let mut after_down = BTreeMap::new();
    for t in ev.fill {
        let rows = read_rows(&db, dialect, &models.tables[*t]).await;
        for (column, values) in &before[*t] {
            if !ev.changed.contains(&(*t, column.as_str())) {
                assert_eq!(
                    &rows[column], values,
                    "{dialect}: {t}.{column} after downgrade"
                );
            }
        }
        after_down.insert(t.to_string(), rows);
    }
    db.close().await;
    Outcome {
        before,
        up: after_up,
        down: after_down,
    }
}

// ---------------------------------------------------------------------------------------
// Hazards
// ---------------------------------------------------------------------------------------

/// The hazards of the plan's operations that `pick` selects; panics when none is selected.
pub fn hazards_of(plan: &Plan, what: &str, pick: impl Fn(&Op) -> bool) -> Vec<Hazard> {
    let picked: Vec<&Op> = plan.ops.iter().filter(|op| pick(op)).collect();
    assert!(
        !picked.is_empty(),
        "{:?}: no operation {what} in the plan:\n{:#?}",
        plan.dialect,
        plan.ops
    );
    let mut all: Vec<Hazard> = picked
        .iter()
        .flat_map(|op| op.hazards(plan.dialect))
        .collect();
    all.sort();
    all.dedup();
    all
}

#[track_caller]
pub fn assert_hazards(hazards: &[Hazard], present: &[Hazard], absent: &[Hazard], what: &str) {
    for h in present {
        assert!(hazards.contains(h), "{what}: {h} missing from {hazards:?}");
    }
    for h in absent {
        assert!(
            !hazards.contains(h),
            "{what}: unexpected {h} in {hazards:?}"
        );
    }
}

pub fn is_rebuild_of(op: &Op, table: &str) -> bool {
    matches!(op, Op::RebuildTable { to, .. } if to.name == table)
}

pub fn is_alter_of(op: &Op, table: &str, column: &str) -> bool {
    matches!(op, Op::AlterColumn { table: t, to, .. } if t == table && to.name == column)
}

/// On SQLite the column change is folded into a rebuild of its table.
pub fn column_change(
    dialect: Dialect,
    table: &'static str,
    column: &'static str,
) -> impl Fn(&Op) -> bool {
    move |op| {
        if dialect == Dialect::Sqlite {
            is_rebuild_of(op, table)
        } else {
            is_alter_of(op, table, column)
        }
    }
}

pub fn all_equal(values: &[Option<String>], expected: Option<&str>) -> bool {
    values.iter().all(|v| v.as_deref() == expected)
}

macro_rules! on_each_dialect {
    ($name:ident) => {
        mod $name {
            use autogen_schema::Dialect;

            #[tokio::test]
            async fn sqlite() {
                super::$name(Dialect::Sqlite).await;
            }

            #[tokio::test]
            #[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
            async fn postgres() {
                super::$name(Dialect::Postgres).await;
            }

            #[tokio::test]
            #[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
            async fn mysql() {
                super::$name(Dialect::Mysql).await;
            }
        }
    };
}
