//! SQLite's table rebuild, done the way <https://www.sqlite.org/lang_altertable.html>
//! ("Making Other Kinds Of Table Schema Changes") prescribes: foreign keys off outside the
//! transaction, one transaction, the views and triggers that use the table saved from
//! `sqlite_schema`, dropped before and recreated after, `foreign_key_check` before the
//! commit, and a rollback on any failure, so that a failed rebuild leaves the database as
//! it was.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

/// One connection that runs statements and reads text columns.
pub(crate) trait Exec {
    /// Runs one statement.
    async fn run(&mut self, sql: &str) -> Result<(), String>;
    /// The rows of a query, each column read as optional text.
    async fn rows(&mut self, sql: &str, columns: usize)
    -> Result<Vec<Vec<Option<String>>>, String>;
}

/// A sea-orm connection or transaction (one connection while the transaction lasts).
pub(crate) struct SeaOrm<'a, C: ConnectionTrait>(pub &'a C);

impl<C: ConnectionTrait> Exec for SeaOrm<'_, C> {
    async fn run(&mut self, sql: &str) -> Result<(), String> {
        self.0
            .execute_unprepared(sql)
            .await
            .map(drop)
            .map_err(|e| e.to_string())
    }

    async fn rows(
        &mut self,
        sql: &str,
        columns: usize,
    ) -> Result<Vec<Vec<Option<String>>>, String> {
        let rows = self
            .0
            .query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
            .await
            .map_err(|e| e.to_string())?;
        rows.iter()
            .map(|row| {
                (0..columns)
                    .map(|i| {
                        row.try_get_by_index::<Option<String>>(i)
                            .map_err(|e| e.to_string())
                    })
                    .collect()
            })
            .collect()
    }
}

#[cfg(feature = "sqlx-sqlite")]
impl Exec
    for sea_orm_migration::sea_orm::sqlx::pool::PoolConnection<
        sea_orm_migration::sea_orm::sqlx::Sqlite,
    >
{
    async fn run(&mut self, sql: &str) -> Result<(), String> {
        use sea_orm_migration::sea_orm::sqlx;
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&mut **self)
            .await
            .map(drop)
            .map_err(|e| e.to_string())
    }

    async fn rows(
        &mut self,
        sql: &str,
        columns: usize,
    ) -> Result<Vec<Vec<Option<String>>>, String> {
        use sea_orm_migration::sea_orm::sqlx::{self, Row};
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_all(&mut **self)
            .await
            .map_err(|e| e.to_string())?;
        rows.iter()
            .map(|row| {
                (0..columns)
                    .map(|i| {
                        row.try_get::<Option<String>, _>(i)
                            .map_err(|e| e.to_string())
                    })
                    .collect()
            })
            .collect()
    }
}

/// `"name"`, SQLite's identifier quoting.
pub(crate) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The name of the new table while the rows are copied.
pub(crate) fn temp_name(table: &str) -> String {
    format!("_autogen_new_{table}")
}

/// A rebuild failure: the step, the statement and SQLite's message.
fn failure(table: &str, statement: &str, error: impl std::fmt::Display) -> DbErr {
    DbErr::Migration(format!(
        "SQLite rebuild of table {table} failed: {error}\n  while running: {statement}"
    ))
}

/// Runs the rebuild of `table` on a connection with foreign keys already off (or
/// deferred), inside `BEGIN IMMEDIATE … COMMIT`, or inside a savepoint when the caller
/// is already in a transaction. On any failure everything is rolled back.
pub(crate) async fn rebuild<E: Exec>(
    e: &mut E,
    table: &str,
    statements: &[&str],
    nested: bool,
    check_foreign_keys: bool,
) -> Result<(), DbErr> {
    let (begin, commit, rollback) = if nested {
        (
            "SAVEPOINT autogen_rebuild",
            "RELEASE autogen_rebuild",
            "ROLLBACK TO autogen_rebuild",
        )
    } else {
        ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
    };
    e.run(begin)
        .await
        .map_err(|err| failure(table, begin, err))?;
    let result = match steps(e, table, statements, check_foreign_keys).await {
        Ok(()) => e
            .run(commit)
            .await
            .map_err(|err| failure(table, commit, err)),
        Err(err) => Err(err),
    };
    if let Err(err) = result {
        let undone = e.run(rollback).await;
        if nested {
            let _ = e.run(commit).await;
        }
        let note = match undone {
            Ok(()) => "nothing was changed: the rebuild was rolled back".to_string(),
            Err(r) => format!("the rollback failed too ({r}): check the database"),
        };
        return Err(DbErr::Migration(format!("{}\n  {note}", err_text(err))));
    }
    Ok(())
}

fn err_text(err: DbErr) -> String {
    match err {
        DbErr::Migration(text) => text,
        other => other.to_string(),
    }
}

/// A view or trigger saved from `sqlite_schema`.
struct Dependent {
    kind: String,
    name: String,
    sql: String,
}

async fn steps<E: Exec>(
    e: &mut E,
    table: &str,
    statements: &[&str],
    check_foreign_keys: bool,
) -> Result<(), DbErr> {
    let temp = temp_name(table);
    let exists = |name: &str| {
        format!(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = {}",
            literal(name)
        )
    };
    let has_temp = !run_rows(e, table, &exists(&temp), 1).await?.is_empty();
    let stored = run_rows(
        e,
        table,
        &format!(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = {}",
            literal(table)
        ),
        1,
    )
    .await?;
    let Some(stored) = stored
        .into_iter()
        .next()
        .and_then(|r| r.into_iter().next().flatten())
    else {
        if has_temp {
            return Err(DbErr::Migration(format!(
                "SQLite rebuild of table {table}: the table is missing and {temp} exists: an \
                 earlier autogen (before rebuilds ran in a transaction) stopped between its \
                 DROP and RENAME; the rows are in {temp}: run `ALTER TABLE {} RENAME TO {}` \
                 and rerun the migration",
                quote(&temp),
                quote(table)
            )));
        }
        return Err(DbErr::Migration(format!(
            "SQLite rebuild of table {table}: the table does not exist"
        )));
    };
    if has_temp {
        // A copy left by an earlier autogen that ran without a transaction: the table is
        // still there, so the leftover holds nothing that is not also in the table.
        let drop = format!("DROP TABLE {}", quote(&temp));
        e.run(&drop)
            .await
            .map_err(|err| failure(table, &drop, err))?;
    }
    // Already rebuilt (a rerun after a later step of the migration failed): SQLite stores
    // the new table's CREATE statement with the renamed name quoted, so it reads as ours.
    let create = statements
        .iter()
        .find(|s| s.trim_start().starts_with("CREATE TABLE"));
    if let Some(create) = create
        && create.replacen(&quote(&temp), &quote(table), 1) == stored
    {
        return Ok(());
    }

    let dependents = dependents(e, table).await?;
    for d in dependents.iter().rev() {
        let drop = format!(
            "DROP {} IF EXISTS {}",
            d.kind.to_uppercase(),
            quote(&d.name)
        );
        e.run(&drop)
            .await
            .map_err(|err| failure(table, &drop, err))?;
    }
    for statement in statements {
        e.run(statement)
            .await
            .map_err(|err| failure(table, statement, err))?;
    }
    for d in &dependents {
        e.run(&d.sql).await.map_err(|err| {
            DbErr::Migration(format!(
                "SQLite rebuild of table {table} failed: {err}\n  while recreating {} {} (it \
                 uses the table; change or drop it so that it fits the new table): {}",
                d.kind, d.name, d.sql
            ))
        })?;
    }
    if check_foreign_keys {
        let violations = run_rows(
            e,
            table,
            "SELECT \"table\", CAST(rowid AS TEXT), parent FROM pragma_foreign_key_check LIMIT 5",
            3,
        )
        .await?;
        if !violations.is_empty() {
            let list: Vec<String> = violations
                .iter()
                .map(|r| {
                    let cell = |i: usize| r.get(i).cloned().flatten().unwrap_or_default();
                    format!("{} rowid {} → {}", cell(0), cell(1), cell(2))
                })
                .collect();
            return Err(DbErr::Migration(format!(
                "SQLite rebuild of table {table} failed: foreign keys are broken afterwards \
                 ({}); fix the rows and rerun",
                list.join(", ")
            )));
        }
    }
    Ok(())
}

async fn run_rows<E: Exec>(
    e: &mut E,
    table: &str,
    sql: &str,
    columns: usize,
) -> Result<Vec<Vec<Option<String>>>, DbErr> {
    e.rows(sql, columns)
        .await
        .map_err(|err| failure(table, sql, err))
}

/// The views and triggers that use `table`, directly or through another such view, in
/// creation order. SQLite re-checks every view and trigger when a table is renamed, so a
/// view on the dropped table makes the final `RENAME` fail; triggers on the table are
/// dropped with it. Both are recreated from their saved text after the copy.
async fn dependents<E: Exec>(e: &mut E, table: &str) -> Result<Vec<Dependent>, DbErr> {
    let rows = run_rows(
        e,
        table,
        "SELECT type, name, tbl_name, sql FROM sqlite_schema \
         WHERE type IN ('view', 'trigger') AND sql IS NOT NULL ORDER BY rowid",
        4,
    )
    .await?;
    let all: Vec<(Dependent, String)> = rows
        .into_iter()
        .map(|r| {
            let cell = |i: usize| r.get(i).cloned().flatten().unwrap_or_default();
            (
                Dependent {
                    kind: cell(0),
                    name: cell(1),
                    sql: cell(3),
                },
                cell(2),
            )
        })
        .collect();
    let mut used: Vec<String> = vec![table.to_lowercase()];
    let mut chosen = vec![false; all.len()];
    loop {
        let mut changed = false;
        for (i, (d, on)) in all.iter().enumerate() {
            if chosen[i] {
                continue;
            }
            let idents = identifiers(&d.sql);
            if used.contains(&on.to_lowercase()) || idents.iter().any(|n| used.contains(n)) {
                chosen[i] = true;
                changed = true;
                if d.kind == "view" {
                    used.push(d.name.to_lowercase());
                }
            }
        }
        if !changed {
            break;
        }
    }
    Ok(all
        .into_iter()
        .zip(chosen)
        .filter(|(_, c)| *c)
        .map(|((d, _), _)| d)
        .collect())
}

/// The identifiers of a statement, lower-cased: bare words and `"…"`, `` `…` ``, `[…]`
/// quoted names; string literals and comments are skipped. Keywords come along, which
/// only makes the dependency test err on the side of recreating more.
pub(crate) fn identifiers(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = sql.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' | '`' | '[' => {
                let close = if c == '[' { ']' } else { c };
                let mut text = String::new();
                i += 1;
                while i < chars.len() {
                    if chars[i] == close {
                        if close != ']' && chars.get(i + 1) == Some(&close) {
                            text.push(close);
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                i += 1;
                if c != '\'' {
                    out.push(text.to_lowercase());
                }
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
            }
            c if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
                {
                    i += 1;
                }
                out.push(chars[start..i].iter().collect::<String>().to_lowercase());
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::identifiers;

    #[test]
    fn identifiers_skip_strings_and_comments() {
        let ids = identifiers(
            "CREATE VIEW \"v\"\"x\" AS SELECT a FROM [T 1] -- users\n JOIN `u` /* users */ WHERE b = 'users'",
        );
        assert!(ids.contains(&"v\"x".to_string()));
        assert!(ids.contains(&"t 1".to_string()));
        assert!(ids.contains(&"u".to_string()));
        assert!(!ids.contains(&"users".to_string()), "{ids:?}");
    }
}
