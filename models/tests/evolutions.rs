//! Real evolutions of the example models: the kinds of change Dify's migration history
//! made (json → jsonb with a GIN index, varchar narrowing and widening, text → varchar, a
//! NOT NULL column with a default, dropped columns, table renames, a composite unique,
//! GIN and partial indexes), planned by the differ and run on a database that holds the
//! models' 33 tables and a few rows.
//!
//! For each evolution and each dialect (SQLite always; PostgreSQL and MariaDB when
//! `AUTOGEN_TEST_POSTGRES_URL` / `AUTOGEN_TEST_MYSQL_URL` are set):
//!
//! - the plan models → evolved carries the hazards the change deserves (checked without a
//!   database, so these assertions run everywhere);
//! - applied, it makes the database reflect equal to the evolved schema lowered to the
//!   dialect, with no phantom difference left;
//! - every row is still there, with the values of every column the evolution keeps;
//! - its inverse brings the database back to the models, rows and values included, except
//!   where the evolution deletes data by design (asserted as such).

use std::collections::BTreeMap;

use autogen_diff::{DiffOptions, Hazard, Note, Op, Plan, Renames, diff};
use autogen_reflect::{Database, ReflectOptions};
use autogen_schema::{
    Column, ColumnType, DefaultValue, Dialect, Index, IndexMethod, IndexPart, Schema, Table,
    UniqueConstraint,
};
use autogen_testkit::arbitrary::without_hints;
use autogen_testkit::{ScratchDb, describe_differences, ignoring_column_order};

/// Rows inserted into each table an evolution touches.
const ROWS: usize = 3;

const DIFY_POSTGRES: &str =
    include_str!("../../crates/autogen-reflect/tests/fixtures/dify_postgres.sql");

fn models_schema() -> Schema {
    models::base()
        .and_then(|base| base.schema())
        .unwrap_or_else(|e| panic!("the models do not build a schema: {e}"))
}

/// The `uuid-ossp` extension and the `uuidv7()` function the models' id defaults call, as
/// the Dify fixture creates them before its first table.
fn postgres_prelude() -> &'static str {
    let end = DIFY_POSTGRES
        .find("-- account.py")
        .expect("the Dify fixture marks where its tables start");
    &DIFY_POSTGRES[..end]
}

// ---------------------------------------------------------------------------------------
// Editing the IR
// ---------------------------------------------------------------------------------------

fn table_mut<'a>(schema: &'a mut Schema, name: &str) -> &'a mut Table {
    schema
        .tables
        .get_mut(name)
        .unwrap_or_else(|| panic!("the models have no table {name}"))
}

fn column_mut<'a>(table: &'a mut Table, name: &str) -> &'a mut Column {
    let table_name = table.name.clone();
    table
        .columns
        .iter_mut()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{table_name} has no column {name}"))
}

fn drop_column(table: &mut Table, name: &str) {
    let before = table.columns.len();
    table.columns.retain(|c| c.name != name);
    assert_eq!(table.columns.len(), before - 1, "{}.{name}", table.name);
}

fn index(name: &str, columns: &[&str], method: IndexMethod, predicate: Option<&str>) -> Index {
    Index {
        name: name.to_string(),
        unique: false,
        parts: columns.iter().map(|c| IndexPart::column(*c)).collect(),
        method,
        predicate: predicate.map(str::to_string),
    }
}

/// Renames a table in the IR; `hint` sets `renamed_from` as `Base::renamed_from` does.
fn rename_table(schema: &mut Schema, old: &str, new: &str, hint: bool) {
    let mut table = schema.tables.remove(old).expect("table to rename");
    table.name = new.to_string();
    table.renamed_from = hint.then(|| old.to_string());
    schema.tables.insert(new.to_string(), table);
}

// ---------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------

/// A literal of `ty` for row `n` (1-based) of `column`, valid on every dialect.
fn literal(dialect: Dialect, column: &str, ty: &ColumnType, n: usize) -> String {
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
fn insert_statement(dialect: Dialect, table: &Table) -> String {
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
fn value_sql(dialect: Dialect, column: &Column) -> String {
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
type Rows = BTreeMap<String, Vec<Option<String>>>;

async fn read_rows(db: &Database, dialect: Dialect, table: &Table) -> Rows {
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
    let rows = match db {
        Database::Postgres(pool) => fetch!(pool),
        Database::Mysql(pool) => fetch!(pool),
        Database::Sqlite(pool) => fetch!(pool),
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

struct Evolution {
    /// The models' schema after the change.
    evolved: Schema,
    /// Renames declared as on the command line (`--rename`).
    renames: Renames,
    /// Tables, by their name in the models, that hold rows when the plan runs.
    fill: &'static [&'static str],
    /// `(table, column)` in the models whose values the evolution changes or deletes by
    /// design: left out of the generic comparison (each test asserts what they become).
    changed: &'static [(&'static str, &'static str)],
}

impl Evolution {
    fn new(evolved: Schema, fill: &'static [&'static str]) -> Self {
        Evolution {
            evolved,
            renames: Renames::default(),
            fill,
            changed: &[],
        }
    }

    fn options(&self, dialect: Dialect) -> DiffOptions {
        DiffOptions {
            dialect: Some(dialect),
            renames: self.renames.clone(),
        }
    }

    fn plan(&self, dialect: Dialect) -> Plan {
        diff(&models_schema(), &self.evolved, &self.options(dialect))
    }

    /// A models table's name after the evolution (declared table renames followed).
    fn new_table_name(&self, old: &str) -> String {
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
    fn new_column_name(&self, new_table: &str, old: &str) -> String {
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
struct Outcome {
    /// Before the upgrade.
    before: BTreeMap<String, Rows>,
    /// After the upgrade.
    up: BTreeMap<String, Rows>,
    /// After the downgrade.
    down: BTreeMap<String, Rows>,
}

fn assert_same_schema(
    dialect: Dialect,
    label: &str,
    actual: &Schema,
    expected: &Schema,
    sql: &[String],
) {
    // The differ never reorders columns: a column it restores goes last.
    let actual = ignoring_column_order(actual.clone());
    let expected = ignoring_column_order(without_hints(expected.clone()));
    if actual != expected {
        panic!(
            "{dialect} {label}: the database (right) differs from the expected schema (left):\n{}\nSQL run:\n{};",
            describe_differences(&expected, &actual),
            sql.join(";\n")
        );
    }
}

async fn execute_all(db: &Database, dialect: Dialect, label: &str, sql: &[String]) {
    for statement in sql {
        if let Err(e) = db.execute(statement).await {
            panic!("{dialect} {label}: {e}\nall SQL:\n{};", sql.join(";\n"));
        }
    }
}

/// A scratch database holding the models, with `ROWS` rows in each table of `fill`; `None`
/// when the dialect's server is not configured.
async fn seeded(dialect: Dialect, fill: &[&str]) -> Option<(ScratchDb, Database)> {
    let models = models_schema();
    let scratch = ScratchDb::create(dialect).await?;
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
    Some((scratch, db))
}

/// Runs the evolution up and down on a seeded database and checks schemas and rows.
async fn run(dialect: Dialect, ev: &Evolution) -> Option<Outcome> {
    let models = models_schema();
    let (_scratch, db) = seeded(dialect, ev.fill).await?;
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
    let phantom = diff(&reflected, &ev.evolved, &options);
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
    assert!(
        diff(&reflected, &models, &options).is_empty(),
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
    Some(Outcome {
        before,
        up: after_up,
        down: after_down,
    })
}

// ---------------------------------------------------------------------------------------
// Hazards
// ---------------------------------------------------------------------------------------

/// The hazards of the plan's operations that `pick` selects; panics when none is selected.
fn hazards_of(plan: &Plan, what: &str, pick: impl Fn(&Op) -> bool) -> Vec<Hazard> {
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
fn assert_hazards(hazards: &[Hazard], present: &[Hazard], absent: &[Hazard], what: &str) {
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

fn is_rebuild_of(op: &Op, table: &str) -> bool {
    matches!(op, Op::RebuildTable { to, .. } if to.name == table)
}

fn is_alter_of(op: &Op, table: &str, column: &str) -> bool {
    matches!(op, Op::AlterColumn { table: t, to, .. } if t == table && to.name == column)
}

/// On SQLite the column change is folded into a rebuild of its table.
fn column_change(
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

fn all_equal(values: &[Option<String>], expected: Option<&str>) -> bool {
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
            async fn postgres() {
                super::$name(Dialect::Postgres).await;
            }

            #[tokio::test]
            async fn mysql() {
                super::$name(Dialect::Mysql).await;
            }
        }
    };
}

// ---------------------------------------------------------------------------------------
// 1. json → jsonb with a GIN index (documents.doc_metadata, d20049ed0af6)
// ---------------------------------------------------------------------------------------

on_each_dialect!(json_to_jsonb_with_gin_index);

async fn json_to_jsonb_with_gin_index(d: Dialect) {
    let mut evolved = models_schema();
    let t = table_mut(&mut evolved, "document_segments");
    column_mut(t, "keywords").ty = ColumnType::Jsonb;
    t.indexes.push(index(
        "document_segment_keywords_idx",
        &["keywords"],
        IndexMethod::Gin,
        None,
    ));
    let ev = Evolution::new(evolved, &["document_segments"]);

    let plan = ev.plan(d);
    match d {
        Dialect::Postgres => {
            assert_eq!(plan.ops.len(), 2, "{:#?}", plan.ops);
            let cast = hazards_of(&plan, "json → jsonb", |op| {
                is_alter_of(op, "document_segments", "keywords")
            });
            // Not a binary-coercible change: PostgreSQL rewrites the table and parses each value.
            assert_hazards(
                &cast,
                &[Hazard::RewritesTable, Hazard::DataDependent],
                &[],
                "json → jsonb",
            );
            let gin = hazards_of(
                &plan,
                "GIN index",
                |op| matches!(op, Op::CreateIndex { index, .. } if index.method == IndexMethod::Gin),
            );
            assert_hazards(
                &gin,
                &[Hazard::BlocksWrites],
                &[Hazard::DataDependent],
                "new GIN index",
            );
        }
        Dialect::Sqlite => {
            // json_text → jsonb_text is a type SQLite cannot alter; GIN does not exist there.
            assert_eq!(plan.ops.len(), 1, "{:#?}", plan.ops);
            let rebuild = hazards_of(&plan, "rebuild", |op| {
                is_rebuild_of(op, "document_segments")
            });
            assert_hazards(
                &rebuild,
                &[Hazard::RewritesTable],
                &[Hazard::DeletesData],
                "rebuild",
            );
        }
        Dialect::Mysql => {
            // MariaDB has one json type and no GIN: lowering makes both schemas one.
            assert!(plan.is_empty(), "{:#?}", plan.ops);
        }
    }
    let Some(out) = run(d, &ev).await else { return };
    // The values went through the cast and back unchanged (the generic check), and they
    // are real values, not NULLs that would compare equal whatever happened.
    assert_eq!(
        out.up["document_segments"]["keywords"][0].as_deref(),
        Some("{\"n\": 1}"),
        "{d}"
    );
}

// ---------------------------------------------------------------------------------------
// 2. varchar narrowing (255 → 64) and widening (64 → 255)
// ---------------------------------------------------------------------------------------

on_each_dialect!(varchar_narrowing_and_widening);

fn varchar_evolution() -> Evolution {
    let mut evolved = models_schema();
    column_mut(table_mut(&mut evolved, "accounts"), "interface_language").ty =
        ColumnType::varchar(64);
    column_mut(
        table_mut(&mut evolved, "dataset_collection_bindings"),
        "collection_name",
    )
    .ty = ColumnType::varchar(255);
    Evolution::new(evolved, &["accounts", "dataset_collection_bindings"])
}

async fn varchar_narrowing_and_widening(d: Dialect) {
    let ev = varchar_evolution();
    let plan = ev.plan(d);
    let narrow = hazards_of(
        &plan,
        "narrowing",
        column_change(d, "accounts", "interface_language"),
    );
    assert_hazards(
        &narrow,
        &[Hazard::DataDependent, Hazard::BackwardIncompatible],
        &[Hazard::DeletesData],
        "varchar(255) → varchar(64)",
    );
    let widen = hazards_of(
        &plan,
        "widening",
        column_change(d, "dataset_collection_bindings", "collection_name"),
    );
    assert_hazards(
        &widen,
        &[],
        &[
            Hazard::DataDependent,
            Hazard::BackwardIncompatible,
            Hazard::DeletesData,
        ],
        "varchar(64) → varchar(255)",
    );
    // Downgrading swaps the roles: the widened column is narrowed back.
    let inverse = plan.inverse();
    let narrow_back = hazards_of(
        &inverse,
        "narrowing back",
        column_change(d, "dataset_collection_bindings", "collection_name"),
    );
    assert_hazards(
        &narrow_back,
        &[Hazard::DataDependent],
        &[],
        "downgrade of the widening",
    );
    if d != Dialect::Sqlite {
        assert_eq!(plan.ops.len(), 2, "{:#?}", plan.ops);
    }
    let Some(out) = run(d, &ev).await else { return };
    assert_eq!(
        out.up["accounts"]["interface_language"][0].as_deref(),
        Some("interface_language-1")
    );
}

// A value longer than the new limit: the narrowing is data-dependent, so the upgrade must
// fail on the servers (which enforce lengths) and keep the value, never truncate it.
on_each_dialect!(narrowing_refuses_longer_values);

async fn narrowing_refuses_longer_values(d: Dialect) {
    let ev = varchar_evolution();
    let Some((_scratch, db)) = seeded(d, &["accounts"]).await else {
        return;
    };
    let long = "x".repeat(100);
    db.execute(&format!(
        "UPDATE {} SET {} = '{long}'",
        d.quote_ident("accounts"),
        d.quote_ident("interface_language")
    ))
    .await
    .expect("update");
    let up = ev.plan(d).to_sql(d).expect("sql");
    let mut failed = false;
    for statement in &up {
        if db.execute(statement).await.is_err() {
            failed = true;
            break;
        }
    }
    // SQLite does not enforce declared lengths: the rebuild keeps the value as it is.
    assert_eq!(
        failed,
        d != Dialect::Sqlite,
        "{d}: upgrade failed? SQL:\n{};",
        up.join(";\n")
    );
    let models = models_schema();
    let rows = read_rows(&db, d, &models.tables["accounts"]).await;
    assert!(
        all_equal(&rows["interface_language"], Some(&long)),
        "{d}: the long values were changed: {:?}",
        rows["interface_language"]
    );
    db.close().await;
}

// ---------------------------------------------------------------------------------------
// 3. text → varchar(512) (external_knowledge_bindings.external_knowledge_id, 09cfdda155d1)
// ---------------------------------------------------------------------------------------

on_each_dialect!(text_to_varchar);

async fn text_to_varchar(d: Dialect) {
    let mut evolved = models_schema();
    column_mut(table_mut(&mut evolved, "documents"), "file_id").ty = ColumnType::varchar(512);
    let ev = Evolution::new(evolved, &["documents"]);
    let plan = ev.plan(d);
    let up = hazards_of(
        &plan,
        "text → varchar",
        column_change(d, "documents", "file_id"),
    );
    assert_hazards(
        &up,
        &[Hazard::DataDependent, Hazard::BackwardIncompatible],
        &[Hazard::DeletesData],
        "text → varchar(512)",
    );
    if d != Dialect::Sqlite {
        // Back to text accepts every value without a rewrite.
        let down = hazards_of(&plan.inverse(), "varchar → text", |op| {
            is_alter_of(op, "documents", "file_id")
        });
        assert!(down.is_empty(), "{d}: varchar(512) → text: {down:?}");
    }
    let Some(out) = run(d, &ev).await else { return };
    assert_eq!(
        out.up["documents"]["file_id"][2].as_deref(),
        Some("file_id-3")
    );
}

// ---------------------------------------------------------------------------------------
// 4. A NOT NULL column with a default, added to a table with rows (documents.need_summary)
// ---------------------------------------------------------------------------------------

on_each_dialect!(add_not_null_column_with_default);

fn need_review() -> Column {
    Column {
        nullable: false,
        default: Some(DefaultValue::Bool(false)),
        ..Column::new("need_review", ColumnType::Boolean)
    }
}

async fn add_not_null_column_with_default(d: Dialect) {
    let mut evolved = models_schema();
    table_mut(&mut evolved, "documents")
        .columns
        .push(need_review());
    let ev = Evolution::new(evolved, &["documents"]);
    let plan = ev.plan(d);
    // A plain ADD COLUMN everywhere, SQLite included (a constant default is allowed there).
    assert!(
        matches!(plan.ops.as_slice(), [Op::AddColumn { table, column }] if table == "documents" && column.name == "need_review"),
        "{d}: {:#?}",
        plan.ops
    );
    let hazards = plan.ops[0].hazards(Some(d));
    assert_hazards(
        &hazards,
        &[],
        &[
            Hazard::DataDependent,
            Hazard::RewritesTable,
            Hazard::DeletesData,
        ],
        "NOT NULL DEFAULT false",
    );

    let Some(out) = run(d, &ev).await else { return };
    // The existing rows took the default.
    assert_eq!(
        out.up["documents"]["need_review"],
        vec![Some("0".to_string()); ROWS],
        "{d}"
    );
}

// What the data-dependent hazard of a NOT NULL column without a default means on a table
// with rows: PostgreSQL refuses it, SQLite's rebuild cannot copy the rows, and MariaDB
// fills the rows with the type's implicit default.
on_each_dialect!(add_not_null_column_without_default);

async fn add_not_null_column_without_default(d: Dialect) {
    let mut evolved = models_schema();
    table_mut(&mut evolved, "documents").columns.push(Column {
        default: None,
        ..need_review()
    });
    let ev = Evolution::new(evolved, &["documents"]);
    let plan = ev.plan(d);
    let hazards = hazards_of(&plan, "add column", |op| op.table() == Some("documents"));
    assert_hazards(
        &hazards,
        &[Hazard::DataDependent],
        &[],
        "NOT NULL without a default",
    );
    let Some((_scratch, db)) = seeded(d, ev.fill).await else {
        return;
    };
    let up = plan.to_sql(d).expect("sql");
    let mut failed = false;
    for statement in &up {
        if db.execute(statement).await.is_err() {
            failed = true;
            break;
        }
    }
    assert_eq!(
        failed,
        d != Dialect::Mysql,
        "{d}: upgrade failed? SQL:\n{};",
        up.join(";\n")
    );
    // The rows are intact whatever happened: the rebuild stopped before dropping the old
    // table.
    let table = if failed {
        &models_schema().tables["documents"]
    } else {
        &ev.evolved.tables["documents"]
    };
    let rows = read_rows(&db, d, table).await;
    assert_eq!(rows["name"].len(), ROWS, "{d}");
    assert_eq!(rows["name"][0].as_deref(), Some("name-1"), "{d}");
    db.close().await;
}

// ---------------------------------------------------------------------------------------
// 5. Dropped columns (as ae662b25d9bc dropped pipeline_built_in_templates.created_by)
// ---------------------------------------------------------------------------------------

on_each_dialect!(drop_columns);

async fn drop_columns(d: Dialect) {
    let mut evolved = models_schema();
    let t = table_mut(&mut evolved, "documents");
    drop_column(t, "archived_reason");
    // An indexed column: its index goes first (and on SQLite the table is rebuilt).
    drop_column(t, "is_paused");
    t.indexes.retain(|i| i.name != "document_is_paused_idx");
    let mut ev = Evolution::new(evolved, &["documents"]);
    ev.changed = &[("documents", "archived_reason"), ("documents", "is_paused")];

    let plan = ev.plan(d);
    let drops = hazards_of(&plan, "drop of documents' columns", |op| {
        op.table() == Some("documents")
    });
    assert_hazards(
        &drops,
        &[Hazard::DeletesData, Hazard::BackwardIncompatible],
        &[],
        "drop column",
    );
    if d != Dialect::Sqlite {
        for column in ["archived_reason", "is_paused"] {
            let h = hazards_of(
                &plan,
                column,
                |op| matches!(op, Op::DropColumn { column: c, .. } if c.name == column),
            );
            assert_hazards(&h, &[Hazard::DeletesData], &[], column);
        }
    }
    assert!(
        plan.notes.is_empty(),
        "{d}: nothing added, no rename to suspect"
    );

    let Some(out) = run(d, &ev).await else { return };
    let before = &out.before["documents"];
    assert!(all_equal(
        &before["archived_reason"][..1],
        Some("archived_reason-1")
    ));
    // By design the downgrade restores the columns, not their data: NULL, or the default.
    assert!(
        all_equal(&out.down["documents"]["archived_reason"], None),
        "{d}"
    );
    assert!(
        all_equal(&out.down["documents"]["is_paused"], Some("0")),
        "{d}"
    );
}

// A drop and an add of the same type in one table, without a hint, is shown as a likely
// rename; with `renamed_from` it is a rename, and the data stays.
on_each_dialect!(drop_and_add_is_a_probable_rename);

async fn drop_and_add_is_a_probable_rename(d: Dialect) {
    let renamed = |hint: bool| {
        let mut evolved = models_schema();
        let c = column_mut(table_mut(&mut evolved, "documents"), "doc_language");
        c.name = "language".to_string();
        c.renamed_from = hint.then(|| "doc_language".to_string());
        evolved
    };

    let mut unhinted = Evolution::new(renamed(false), &["documents"]);
    unhinted.changed = &[("documents", "doc_language")];
    let plan = unhinted.plan(d);
    assert_eq!(
        plan.notes,
        vec![Note::ProbableRename {
            table: "documents".to_string(),
            from: "doc_language".to_string(),
            to: "language".to_string(),
        }],
        "{d}"
    );
    let drop = hazards_of(&plan, "drop", |op| op.table() == Some("documents"));
    assert_hazards(&drop, &[Hazard::DeletesData], &[], "unhinted rename");
    if let Some(out) = run(d, &unhinted).await {
        // What the note warns about: the values are gone, both ways.
        assert!(all_equal(&out.up["documents"]["language"], None), "{d}");
        assert!(
            all_equal(&out.down["documents"]["doc_language"], None),
            "{d}"
        );
    }

    let hinted = Evolution::new(renamed(true), &["documents"]);
    let plan = hinted.plan(d);
    assert!(plan.notes.is_empty(), "{d}: {:?}", plan.notes);
    assert!(
        matches!(plan.ops.as_slice(), [Op::RenameColumn { from, to, .. }] if from == "doc_language" && to == "language"),
        "{d}: {:#?}",
        plan.ops
    );
    let h = plan.ops[0].hazards(Some(d));
    assert_hazards(
        &h,
        &[Hazard::BackwardIncompatible],
        &[Hazard::DeletesData],
        "rename column",
    );
    if let Some(out) = run(d, &hinted).await {
        assert_eq!(
            out.up["documents"]["language"],
            out.before["documents"]["doc_language"]
        );
    }
}

// ---------------------------------------------------------------------------------------
// 6. Table renames, by `renamed_from` and by `--rename`
// ---------------------------------------------------------------------------------------

on_each_dialect!(rename_tables);

async fn rename_tables(d: Dialect) {
    let mut evolved = models_schema();
    rename_table(&mut evolved, "whitelists", "tenant_whitelists", true);
    rename_table(
        &mut evolved,
        "rate_limit_logs",
        "tenant_rate_limit_logs",
        false,
    );
    let mut ev = Evolution::new(evolved, &["whitelists", "rate_limit_logs"]);
    ev.renames
        .add("rate_limit_logs=tenant_rate_limit_logs")
        .expect("rename spec");

    let plan = ev.plan(d);
    assert_eq!(plan.ops.len(), 2, "{d}: {:#?}", plan.ops);
    for (from, to) in [
        ("whitelists", "tenant_whitelists"),
        ("rate_limit_logs", "tenant_rate_limit_logs"),
    ] {
        let h = hazards_of(
            &plan,
            "rename",
            |op| matches!(op, Op::RenameTable { from: f, to: t } if f == from && t == to),
        );
        assert_hazards(
            &h,
            &[Hazard::BackwardIncompatible],
            &[Hazard::DeletesData],
            to,
        );
    }
    // Without the declaration the second is a drop and a create: the data would be lost.
    let undeclared = diff(
        &models_schema(),
        &ev.evolved,
        &DiffOptions {
            dialect: Some(d),
            ..Default::default()
        },
    );
    let h = hazards_of(
        &undeclared,
        "drop",
        |op| matches!(op, Op::DropTable { table } if table.name == "rate_limit_logs"),
    );
    assert_hazards(&h, &[Hazard::DeletesData], &[], "undeclared table rename");

    let Some(out) = run(d, &ev).await else { return };
    assert_eq!(
        out.up["tenant_whitelists"]["category"][0].as_deref(),
        Some("category-1")
    );
    assert_eq!(
        out.up["tenant_rate_limit_logs"]["operation"],
        out.before["rate_limit_logs"]["operation"]
    );
}

// ---------------------------------------------------------------------------------------
// 7. A composite unique constraint (unique_tenant_account_join-like)
// ---------------------------------------------------------------------------------------

on_each_dialect!(add_composite_unique);

async fn add_composite_unique(d: Dialect) {
    let mut evolved = models_schema();
    table_mut(&mut evolved, "document_segments")
        .uniques
        .push(UniqueConstraint {
            name: "document_segment_document_position_key".to_string(),
            columns: vec!["document_id".to_string(), "position".to_string()],
        });
    let ev = Evolution::new(evolved, &["document_segments"]);
    let plan = ev.plan(d);
    let h = hazards_of(&plan, "add unique", |op| {
        if d == Dialect::Sqlite {
            is_rebuild_of(op, "document_segments")
        } else {
            matches!(op, Op::AddUnique { unique, .. } if unique.columns.len() == 2)
        }
    });
    assert_hazards(
        &h,
        &[Hazard::DataDependent],
        &[Hazard::DeletesData],
        "composite unique",
    );
    if d != Dialect::Sqlite {
        assert_hazards(&h, &[Hazard::BlocksWrites], &[], "composite unique");
    }
    run(d, &ev).await;
}

// ---------------------------------------------------------------------------------------
// 8. GIN and partial indexes, created and dropped
// ---------------------------------------------------------------------------------------

on_each_dialect!(gin_and_partial_indexes);

async fn gin_and_partial_indexes(d: Dialect) {
    let mut evolved = models_schema();
    let datasets = table_mut(&mut evolved, "datasets");
    datasets.indexes.retain(|i| i.name != "retrieval_model_idx");
    datasets.indexes.push(index(
        "dataset_icon_info_idx",
        &["icon_info"],
        IndexMethod::Gin,
        None,
    ));
    table_mut(&mut evolved, "documents").indexes.push(index(
        "document_live_dataset_idx",
        &["dataset_id"],
        IndexMethod::Btree,
        // As PostgreSQL prints it back (without the outer parentheses).
        Some("archived = false"),
    ));
    let ev = Evolution::new(evolved, &["datasets", "documents"]);
    let plan = ev.plan(d);
    let created = |method: IndexMethod| move |op: &Op| matches!(op, Op::CreateIndex { index, .. } if index.method == method);
    match d {
        Dialect::Postgres => {
            assert_eq!(plan.ops.len(), 3, "{:#?}", plan.ops);
            let gin = hazards_of(&plan, "GIN index", created(IndexMethod::Gin));
            assert_hazards(&gin, &[Hazard::BlocksWrites], &[], "GIN index");
            let dropped = hazards_of(
                &plan,
                "drop of the GIN index",
                |op| matches!(op, Op::DropIndex { index, .. } if index.name == "retrieval_model_idx"),
            );
            assert!(dropped.is_empty(), "{dropped:?}");
        }
        Dialect::Sqlite => {
            // SQLite holds partial indexes, not GIN ones.
            assert_eq!(plan.ops.len(), 1, "{:#?}", plan.ops);
        }
        Dialect::Mysql => {
            // MariaDB holds neither: lowering drops both kinds, so nothing is left to do.
            assert!(plan.is_empty(), "{:#?}", plan.ops);
        }
    }
    if d != Dialect::Mysql {
        let partial = hazards_of(
            &plan,
            "partial index",
            |op| matches!(op, Op::CreateIndex { index, .. } if index.predicate.is_some()),
        );
        assert_hazards(
            &partial,
            &[Hazard::BlocksWrites],
            &[Hazard::DataDependent],
            "partial index",
        );
        // The downgrade drops what the upgrade built.
        let inverse = plan.inverse();
        assert!(
            inverse
                .ops
                .iter()
                .any(|op| matches!(op, Op::DropIndex { index, .. } if index.predicate.is_some())),
            "{d}: {:#?}",
            inverse.ops
        );
    }
    run(d, &ev).await;
}
