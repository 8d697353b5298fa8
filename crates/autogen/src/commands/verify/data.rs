//! Generated rows for `verify`, and the rows of a table read back as canonical text.
//!
//! Rows are generated from the reflected schema: a value of each column's type (short,
//! within its length), distinct per row so that primary keys and uniques hold, foreign
//! keys pointing at rows generated in the same round for the referenced table (tables in
//! creation order). A table whose rows the database refuses (a check autogen cannot
//! satisfy, a type it cannot write) is skipped and named, with the database's reason.
//!
//! Rows are compared as text: each value cast to text by the database itself, the row
//! the list of those values (NULL kept apart from the text `NULL`), a table's rows sorted.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use autogen_reflect::{Database, Pool};
use autogen_schema::order::creation_order;
use autogen_schema::{Column, ColumnType, Dialect, Identity, Schema, Table};
use sqlx::Row;

use crate::error::CliError;

/// How long reading one table's rows may take.
const READ_TIMEOUT: Duration = Duration::from_secs(60);

/// What one round of generation did.
#[derive(Debug, Default)]
pub struct FillReport {
    /// Tables filled, with the number of rows each.
    pub filled: Vec<(String, usize)>,
    /// Tables left as they were, and why.
    pub skipped: Vec<(String, String)>,
}

/// The values of the rows generated in one round, by table: what foreign keys of later
/// tables point at.
type Generated = HashMap<String, Vec<BTreeMap<String, Option<String>>>>;

/// Generates rows, keeping a counter per table across rounds so that a later round's
/// rows never collide with an earlier one's keys.
#[derive(Debug, Default)]
pub struct Generator {
    next: HashMap<String, u64>,
}

impl Generator {
    /// Inserts `rows` generated rows into every table of `schema` (as the database holds
    /// it now), referenced tables first. One statement per table, so a table is filled
    /// whole or not at all.
    pub async fn fill(&mut self, db: &Database, schema: &Schema, rows: u32) -> FillReport {
        let dialect = db.dialect();
        let mut report = FillReport::default();
        let mut generated: Generated = HashMap::new();
        let order = creation_order(schema);
        for table in order.tables {
            let start = *self.next.get(&table.name).unwrap_or(&1);
            let values = match rows_for(table, schema, &generated, dialect, start, rows) {
                Ok(values) => values,
                Err(why) => {
                    report.skipped.push((table.name.clone(), why));
                    continue;
                }
            };
            if values.is_empty() {
                continue;
            }
            let sql = insert_sql(dialect, table, &values);
            match db.execute(&sql).await {
                Ok(()) => {
                    self.next
                        .insert(table.name.clone(), start + u64::from(rows));
                    report.filled.push((table.name.clone(), values.len()));
                    generated.insert(table.name.clone(), values);
                }
                Err(e) => report
                    .skipped
                    .push((table.name.clone(), first_line(&error_text(&e)))),
            }
        }
        report
    }
}

/// The database's own message of a failed statement, without the statement.
fn error_text(e: &autogen_reflect::ReflectError) -> String {
    match e {
        autogen_reflect::ReflectError::Statement { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

/// The rows to insert into `table`: column name → SQL literal (`None`: leave the column
/// out; `Some("NULL")`: NULL).
fn rows_for(
    table: &Table,
    schema: &Schema,
    generated: &Generated,
    dialect: Dialect,
    start: u64,
    rows: u32,
) -> Result<Vec<BTreeMap<String, Option<String>>>, String> {
    let mut out = Vec::new();
    for i in 0..u64::from(rows) {
        let n = start + i;
        let mut row: BTreeMap<String, Option<String>> = BTreeMap::new();
        for column in &table.columns {
            row.insert(column.name.clone(), value(dialect, schema, column, n)?);
        }
        for fk in &table.foreign_keys {
            let nullable = fk
                .columns
                .iter()
                .all(|c| table.column(c).is_some_and(|c| c.nullable));
            let parent_rows = if fk.ref_table == table.name {
                // A row referencing itself: its own values of the referenced columns.
                Some(vec![row.clone()])
            } else {
                generated.get(&fk.ref_table).cloned()
            };
            match parent_rows.filter(|rows| !rows.is_empty()) {
                Some(parents) => {
                    let parent = &parents[(i as usize) % parents.len()];
                    for (column, referenced) in fk.columns.iter().zip(&fk.ref_columns) {
                        let v = parent.get(referenced).cloned().flatten();
                        let Some(v) = v else {
                            return Err(format!(
                                "foreign key {} references {}.{}, whose value the database generates",
                                fk.name, fk.ref_table, referenced
                            ));
                        };
                        row.insert(column.clone(), Some(v));
                    }
                }
                None if nullable => {
                    for column in &fk.columns {
                        row.insert(column.clone(), Some("NULL".into()));
                    }
                }
                None => {
                    return Err(format!(
                        "foreign key {} references {}, which has no generated rows in this round",
                        fk.name, fk.ref_table
                    ));
                }
            }
        }
        out.push(row);
    }
    Ok(out)
}

/// `INSERT INTO t (…) VALUES (…), (…)`.
fn insert_sql(
    dialect: Dialect,
    table: &Table,
    rows: &[BTreeMap<String, Option<String>>],
) -> String {
    let columns: Vec<&Column> = table
        .columns
        .iter()
        .filter(|c| rows[0].get(&c.name).is_some_and(Option::is_some))
        .collect();
    let names: Vec<String> = columns
        .iter()
        .map(|c| dialect.quote_ident(&c.name))
        .collect();
    let values: Vec<String> = rows
        .iter()
        .map(|row| {
            let literals: Vec<&str> = columns
                .iter()
                .map(|c| row[&c.name].as_deref().unwrap_or("NULL"))
                .collect();
            format!("({})", literals.join(", "))
        })
        .collect();
    // PostgreSQL refuses explicit values for `GENERATED ALWAYS` identities unless told.
    let overriding = dialect == Dialect::Postgres
        && columns.iter().any(|c| c.identity == Some(Identity::Always));
    format!(
        "INSERT INTO {} ({}){} VALUES {}",
        dialect.quote_ident(&table.name),
        names.join(", "),
        if overriding {
            " OVERRIDING SYSTEM VALUE"
        } else {
            ""
        },
        values.join(", ")
    )
}

/// A string literal as `dialect` reads it.
fn quote(dialect: Dialect, s: &str) -> String {
    match dialect {
        Dialect::Mysql => autogen_schema::dialect::mysql::quote_string(s),
        Dialect::Postgres | Dialect::Sqlite => autogen_schema::sql_text::quote_literal(s),
    }
}

/// The `n`th value of a column, as a SQL literal; `None` leaves the column to its default.
/// An error when autogen cannot write a value of the type and the column needs one.
fn value(
    dialect: Dialect,
    schema: &Schema,
    column: &Column,
    n: u64,
) -> Result<Option<String>, String> {
    let text = |s: String, length: Option<u32>| {
        let s = match length {
            Some(l) if (l as usize) < s.len() => s[s.len() - l as usize..].to_string(),
            _ => s,
        };
        quote(dialect, &s)
    };
    let date = || {
        let d = n % 10_000;
        format!(
            "{:04}-{:02}-{:02}",
            2000 + d / 336,
            1 + (d / 28) % 12,
            1 + d % 28
        )
    };
    let time = || {
        let s = n % 86_400;
        format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    };
    let bytes = format!("{:02x}{:02x}", (n >> 8) & 0xff, n & 0xff);
    Ok(Some(match &column.ty {
        ColumnType::TinyInt => (n % 127).to_string(),
        ColumnType::SmallInt | ColumnType::Integer | ColumnType::BigInt => n.to_string(),
        ColumnType::Decimal { precision, scale } => {
            let digits = precision.unwrap_or(10).saturating_sub(scale.unwrap_or(0));
            let limit = 10u64.saturating_pow(digits.min(18));
            if limit <= 1 {
                "0".into()
            } else {
                (n % limit).to_string()
            }
        }
        ColumnType::Real | ColumnType::Double => format!("{n}.5"),
        ColumnType::Varchar { length } | ColumnType::Char { length } => {
            text(format!("v{n}"), *length)
        }
        ColumnType::Text => text(format!("text {n}"), None),
        ColumnType::Boolean => if n.is_multiple_of(2) { "TRUE" } else { "FALSE" }.into(),
        ColumnType::Date => quote(dialect, &date()),
        ColumnType::Time { .. } => quote(dialect, &time()),
        ColumnType::Timestamp { tz, .. } => {
            let offset = if *tz && dialect == Dialect::Postgres {
                "+00"
            } else {
                ""
            };
            quote(dialect, &format!("{} {}{offset}", date(), time()))
        }
        ColumnType::Interval => quote(dialect, &format!("{n} seconds")),
        ColumnType::Uuid => quote(dialect, &format!("00000000-0000-4000-8000-{n:012x}")),
        ColumnType::Json | ColumnType::Jsonb => quote(dialect, &format!("{{\"n\": {n}}}")),
        ColumnType::Blob | ColumnType::Binary { .. } | ColumnType::VarBinary { .. } => {
            match dialect {
                Dialect::Postgres => format!("'\\x{bytes}'::bytea"),
                Dialect::Mysql | Dialect::Sqlite => format!("X'{bytes}'"),
            }
        }
        ColumnType::Enum { name } => match schema.enums.get(name) {
            Some(e) if !e.values.is_empty() => {
                quote(dialect, &e.values[(n as usize) % e.values.len()])
            }
            _ => return fallback(column, &format!("enum type {name} has no values")),
        },
        ColumnType::InlineEnum { values } if !values.is_empty() => {
            quote(dialect, &values[(n as usize) % values.len()])
        }
        ColumnType::Array { .. } if dialect == Dialect::Postgres => "'{}'".into(),
        // A type autogen has no logical name for: a UUID's text where the name says
        // uuid (SQLite's `uuid_text`), else a short text, which SQLite stores whatever
        // the declared type; a server that refuses it skips the table, saying why.
        ColumnType::Custom { raw } if raw.to_ascii_lowercase().contains("uuid") => {
            quote(dialect, &format!("00000000-0000-4000-8000-{n:012x}"))
        }
        ColumnType::Custom { .. } => quote(dialect, &format!("v{n}")),
        other => {
            return fallback(column, &format!("no value generated for type {other:?}"));
        }
    }))
}

/// A column autogen cannot write a value for: NULL, else its default, else an error.
fn fallback(column: &Column, why: &str) -> Result<Option<String>, String> {
    if column.nullable {
        Ok(Some("NULL".into()))
    } else if column.default.is_some() || column.identity.is_some() {
        Ok(None)
    } else {
        Err(format!("column {}: {why}", column.name))
    }
}

/// A value cast to text by the database, for comparison.
fn text_expr(dialect: Dialect, column: &Column) -> String {
    let q = dialect.quote_ident(&column.name);
    let binary = matches!(
        column.ty,
        ColumnType::Blob | ColumnType::Binary { .. } | ColumnType::VarBinary { .. }
    );
    match dialect {
        Dialect::Postgres => format!("{q}::text"),
        Dialect::Mysql if binary => format!("HEX({q})"),
        Dialect::Mysql => format!("CAST({q} AS CHAR)"),
        // `quote()` keeps the storage class apart: 1, '1' and X'31' differ.
        Dialect::Sqlite => format!("quote({q})"),
    }
}

/// Every row of `table` as canonical text, sorted.
pub async fn read_rows(db: &Database, table: &Table) -> Result<Vec<String>, CliError> {
    let dialect = db.dialect();
    if table.columns.is_empty() {
        return Ok(Vec::new());
    }
    let exprs: Vec<String> = table
        .columns
        .iter()
        .map(|c| text_expr(dialect, c))
        .collect();
    let sql = format!(
        "SELECT {} FROM {}",
        exprs.join(", "),
        dialect.quote_ident(&table.name)
    );
    let width = table.columns.len();
    let read = async {
        let mut rows: Vec<String> = match db.pool() {
            Pool::Postgres(pool) => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| row_text((0..width).map(|i| r.try_get::<Option<String>, _>(i))))
                .collect::<Result<_, _>>()?,
            Pool::Mysql(pool) => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| row_text((0..width).map(|i| r.try_get::<Option<String>, _>(i))))
                .collect::<Result<_, _>>()?,
            Pool::Sqlite(pool) => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| row_text((0..width).map(|i| r.try_get::<Option<String>, _>(i))))
                .collect::<Result<_, _>>()?,
        };
        rows.sort();
        Ok::<_, sqlx::Error>(rows)
    };
    let failed = |message: String| {
        CliError::Usage(format!(
            "reading the rows of table {}: {message}",
            autogen_schema::escape::terminal(&table.name)
        ))
    };
    match tokio::time::timeout(READ_TIMEOUT, read).await {
        Ok(Ok(rows)) => Ok(rows),
        Ok(Err(e)) => Err(failed(e.to_string())),
        Err(_) => Err(failed(format!(
            "timed out after {}s",
            READ_TIMEOUT.as_secs()
        ))),
    }
}

/// One row: its values in column order, each quoted (`NULL` unquoted), tab-separated.
fn row_text(
    values: impl Iterator<Item = Result<Option<String>, sqlx::Error>>,
) -> Result<String, sqlx::Error> {
    let mut parts = Vec::new();
    for v in values {
        parts.push(match v? {
            Some(s) => format!("{s:?}"),
            None => "NULL".to_string(),
        });
    }
    Ok(parts.join("\t"))
}

/// How two sorted row lists of one table differ: `None` when equal, else the first rows
/// only one side has (at most three each).
pub fn difference(before: &[String], after: &[String]) -> Option<String> {
    if before == after {
        return None;
    }
    let (mut i, mut j) = (0, 0);
    let (mut lost, mut new) = (Vec::new(), Vec::new());
    while i < before.len() || j < after.len() {
        match (before.get(i), after.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                lost.push(a);
                i += 1;
            }
            (Some(_), Some(b)) => {
                new.push(b);
                j += 1;
            }
            (Some(a), None) => {
                lost.push(a);
                i += 1;
            }
            (None, Some(b)) => {
                new.push(b);
                j += 1;
            }
            (None, None) => break,
        }
    }
    let mut out = format!(
        "{} row(s) before, {} after; {} row(s) lost or changed, {} row(s) new or changed",
        before.len(),
        after.len(),
        lost.len(),
        new.len()
    );
    let t = autogen_schema::escape::terminal;
    for row in lost.iter().take(3) {
        out.push_str(&format!("\n    - {}", t(row)));
    }
    for row in new.iter().take(3) {
        out.push_str(&format!("\n    + {}", t(row)));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn difference_names_the_rows_each_side_has_alone() {
        let before = vec!["\"1\"\t\"a\"".to_string(), "\"2\"\t\"b\"".to_string()];
        let after = vec!["\"1\"\t\"a\"".to_string(), "\"2\"\tNULL".to_string()];
        assert_eq!(difference(&before, &before.clone()), None);
        let d = difference(&before, &after).expect("differs");
        assert!(
            d.contains("- \"2\"\t\"b\"") || d.contains("- \"2\"\\t\"b\""),
            "{d}"
        );
        assert!(
            d.contains("1 row(s) lost or changed, 1 row(s) new or changed"),
            "{d}"
        );
    }

    #[test]
    fn values_respect_lengths_and_differ_per_row() {
        let schema = Schema::default();
        let col = Column::new("c", ColumnType::varchar(2));
        let a = value(Dialect::Postgres, &schema, &col, 123)
            .unwrap()
            .unwrap();
        let b = value(Dialect::Postgres, &schema, &col, 124)
            .unwrap()
            .unwrap();
        assert_eq!(a, "'23'");
        assert_ne!(a, b);
        let quoted = quote(Dialect::Mysql, "it's \\");
        assert_eq!(quoted, "'it''s \\\\'");
    }
}
