//! Pre-check queries: for each data-dependent step on a table that exists before the plan
//! (a new unique key, `SET NOT NULL`, a narrower string or integer type), a `SELECT
//! count(*)` of the rows it would fail on. A generated migration runs them before any of
//! its DDL (`autogen_migration::precheck`) and stops with the count, so that it never fails
//! half-way on data.

use autogen_schema::{Column, ColumnType, Dialect};

use crate::hazard::{Conversion, Hazard, conversion};
use crate::op::Op;
use crate::plan::Plan;

/// One pre-check: what it guards, for the error, and the query counting offending rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precheck {
    /// `accounts.email NULL → NOT NULL: rows where it is NULL`; the same text on every
    /// dialect for the same step, so that a migration serving several writes it once.
    pub description: String,
    /// `SELECT count(*) …` in the plan's dialect.
    pub sql: String,
}

impl Plan {
    /// The pre-checks of the plan's data-dependent steps, in plan order. A step is
    /// checked only when what it reads is there before the plan runs: its table is not
    /// created, renamed or rebuilt, and no column of it added, renamed or dropped, by an
    /// earlier step (the query runs before every step).
    pub fn prechecks(&self) -> Vec<Precheck> {
        let Some(dialect) = self.dialect else {
            return Vec::new();
        };
        let namespace = self
            .namespace
            .as_deref()
            .filter(|_| dialect == Dialect::Postgres);
        let hazards = self.hazards_by_op();
        let mut out = Vec::new();
        for (i, op) in self.ops.iter().enumerate() {
            if !hazards[i].contains(&Hazard::DataDependent) {
                continue;
            }
            let Some(table) = op.table() else { continue };
            if self.ops[..i].iter().any(|earlier| reshapes(earlier, table)) {
                continue;
            }
            let t = qualified(dialect, namespace, table);
            out.extend(op_prechecks(op, dialect, &t));
        }
        out
    }
}

/// Whether `op`, run before a pre-checked step on `table`, changes what the pre-check
/// would read.
fn reshapes(op: &Op, table: &str) -> bool {
    match op {
        Op::RenameTable { from, to } => from == table || to == table,
        Op::RebuildTable { from, to, .. } => from.name == table || to.name == table,
        Op::CreateTable { table: t } | Op::DropTable { table: t } => t.name == table,
        // An altered column keeps its name: the query still reads it.
        Op::AddColumn { table: t, .. }
        | Op::AddColumnOnline { table: t, .. }
        | Op::DropColumn { table: t, .. }
        | Op::RenameColumn { table: t, .. } => t == table,
        _ => false,
    }
}

fn qualified(dialect: Dialect, namespace: Option<&str>, table: &str) -> String {
    match namespace {
        Some(ns) => format!("{}.{}", dialect.quote_ident(ns), dialect.quote_ident(table)),
        None => dialect.quote_ident(table),
    }
}

fn op_prechecks(op: &Op, dialect: Dialect, t: &str) -> Vec<Precheck> {
    let table = op.table().unwrap_or_default();
    match op {
        Op::AlterColumn { from, to, .. } | Op::SetNotNullOnline { from, to, .. } => {
            let mut out = Vec::new();
            out.extend(narrowing(dialect, t, table, from, to));
            if from.nullable && !to.nullable {
                out.push(not_null(dialect, t, table, &from.name));
            }
            out
        }
        Op::AddUnique { unique, .. } | Op::AddUniqueOnline { unique, .. } => {
            vec![duplicates(dialect, t, table, &unique.columns)]
        }
        Op::AddPrimaryKey { primary_key, .. } | Op::AddPrimaryKeyOnline { primary_key, .. } => {
            vec![duplicates(dialect, t, table, &primary_key.columns)]
        }
        Op::CreateIndex { index, .. } | Op::CreateIndexConcurrently { index, .. }
            if index.unique && index.predicate.is_none() =>
        {
            // An expression index is not checked: its expression is the dialect's text.
            match index.column_names() {
                Some(columns) => {
                    let columns: Vec<String> = columns.into_iter().map(str::to_string).collect();
                    vec![duplicates(dialect, t, table, &columns)]
                }
                None => Vec::new(),
            }
        }
        Op::RebuildTable { from, to, renames } => {
            // SQLite: the copy into the new table fails on these rows (and the rebuild is
            // rolled back); the pre-check names them first. Columns by their old names.
            let old_name = |new: &str| {
                renames
                    .iter()
                    .find(|(_, n)| n == new)
                    .map(|(o, _)| o.clone())
                    .unwrap_or_else(|| new.to_string())
            };
            // The table still has its old name when the pre-check runs.
            let t = &dialect.quote_ident(&from.name);
            let mut out = Vec::new();
            for column in &to.columns {
                let old = old_name(&column.name);
                if let Some(before) = from.column(&old)
                    && before.nullable
                    && !column.nullable
                {
                    out.push(not_null(dialect, t, &from.name, &old));
                }
            }
            for unique in &to.uniques {
                let before = from.uniques.iter().any(|u| u.columns == unique.columns);
                if !before {
                    let columns: Vec<String> = unique.columns.iter().map(|c| old_name(c)).collect();
                    if columns.iter().all(|c| from.column(c).is_some()) {
                        out.push(duplicates(dialect, t, &from.name, &columns));
                    }
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

fn not_null(dialect: Dialect, t: &str, table: &str, column: &str) -> Precheck {
    Precheck {
        description: format!("{table}.{column} NULL → NOT NULL: rows where it is NULL"),
        sql: format!(
            "SELECT count(*) FROM {t} WHERE {} IS NULL",
            dialect.quote_ident(column)
        ),
    }
}

/// The rows that share their values of `columns` with another row (rows with a NULL in
/// them conflict with nothing, as in a unique index).
fn duplicates(dialect: Dialect, t: &str, table: &str, columns: &[String]) -> Precheck {
    let q = |c: &String| dialect.quote_ident(c);
    let list: Vec<String> = columns.iter().map(q).collect();
    let on: Vec<String> = columns
        .iter()
        .map(|c| format!("x.{0} = d.{0}", q(c)))
        .collect();
    Precheck {
        description: format!(
            "unique ({}) on {table}: rows that duplicate another row's values",
            columns.join(", ")
        ),
        sql: format!(
            "SELECT count(*) FROM {t} x JOIN (SELECT {list} FROM {t} GROUP BY {list} HAVING count(*) > 1) d ON {on}",
            list = list.join(", "),
            on = on.join(" AND ")
        ),
    }
}

/// Values a narrower string or integer type cannot hold. SQLite stores any value in any
/// declared type, so there nothing is narrowed and nothing is checked.
fn narrowing(
    dialect: Dialect,
    t: &str,
    table: &str,
    from: &Column,
    to: &Column,
) -> Option<Precheck> {
    if dialect == Dialect::Sqlite
        || conversion(&from.ty, &to.ty, Some(dialect)) != Conversion::Narrowing
    {
        return None;
    }
    let c = dialect.quote_ident(&from.name);
    let name = format!("{table}.{}", from.name);
    match &to.ty {
        ColumnType::Varchar { length: Some(n) } | ColumnType::Char { length: Some(n) } => {
            let length = match dialect {
                Dialect::Postgres => "char_length",
                _ => "CHAR_LENGTH",
            };
            Some(Precheck {
                description: format!("{name} to at most {n} characters: longer values"),
                sql: format!("SELECT count(*) FROM {t} WHERE {length}({c}) > {n}"),
            })
        }
        ColumnType::TinyInt | ColumnType::SmallInt | ColumnType::Integer => {
            let (min, max): (i64, i64) = match (&to.ty, dialect) {
                (ColumnType::TinyInt, Dialect::Mysql) => (-128, 127),
                (ColumnType::TinyInt | ColumnType::SmallInt, _) => (-32768, 32767),
                _ => (i64::from(i32::MIN), i64::from(i32::MAX)),
            };
            Some(Precheck {
                description: format!("{name} to {min}..{max}: values out of range"),
                sql: format!("SELECT count(*) FROM {t} WHERE {c} < {min} OR {c} > {max}"),
            })
        }
        _ => None,
    }
}
