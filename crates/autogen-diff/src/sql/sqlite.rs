//! SQLite statements for each operation, including the table rebuild.

use autogen_schema::dialect::sqlite::{column_sql, create_index_sql, create_table_sql};
use autogen_schema::{Dialect, Table};

use super::{SqlError, unsupported};
use crate::op::Op;

const D: Dialect = Dialect::Sqlite;

fn q(name: &str) -> String {
    D.quote_ident(name)
}

pub(super) fn op_sql(op: &Op) -> Result<Vec<String>, SqlError> {
    use Op::*;
    Ok(match op {
        // SQLite has no enum types (lowered to text) and no comments.
        CreateEnum { .. } | DropEnum { .. } | AlterEnum { .. } | SetTableComment { .. } => {
            Vec::new()
        }
        CreateTable { table } => vec![create_table_sql(table)],
        DropTable { table } => vec![format!("DROP TABLE {}", q(&table.name))],
        RenameTable { from, to } => vec![format!("ALTER TABLE {} RENAME TO {}", q(from), q(to))],
        AddColumn { table, column, .. } => vec![format!(
            "ALTER TABLE {} ADD COLUMN {}",
            q(table),
            column_sql(column, None)
        )],
        DropColumn { table, column, .. } => vec![format!(
            "ALTER TABLE {} DROP COLUMN {}",
            q(table),
            q(&column.name)
        )],
        RenameColumn { table, from, to } => vec![format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {}",
            q(table),
            q(from),
            q(to)
        )],
        CreateIndex { table, index } => vec![create_index_sql(table, index)],
        DropIndex { index, .. } => vec![format!("DROP INDEX {}", q(&index.name))],
        RebuildTable { from, to, renames } => rebuild(from, to, renames),
        RawSql { up, .. } => vec![up.clone()],
        // Written as the database stores them: the statement runs as it is.
        CreateView { view, .. } => vec![view.definition.clone()],
        CreateTrigger { trigger, .. } => vec![trigger.definition.clone()],
        DropView { view, .. } => vec![format!("DROP VIEW {}", q(&view.name))],
        // Never planned here (reflection reads no view columns); a drop and a create.
        ReplaceView { from, to } => vec![
            format!("DROP VIEW {}", q(&from.name)),
            to.definition.clone(),
        ],
        DropTrigger { trigger, .. } => vec![format!("DROP TRIGGER {}", q(&trigger.name))],
        // Routines, extensions, domains and policies are read from PostgreSQL only.
        CreateFunction { .. }
        | DropFunction { .. }
        | ReplaceFunction { .. }
        | CreateSchema { .. }
        | DropSchema { .. }
        | CreateExtension { .. }
        | DropExtension { .. }
        | AlterExtension { .. }
        | CreateDomain { .. }
        | DropDomain { .. }
        | AlterDomain { .. }
        | SetRowSecurity { .. }
        | CreatePolicy { .. }
        | DropPolicy { .. }
        | SetPartComment { .. }
        | SetTypeComment { .. } => return Err(super::postgres_only(D, op)),
        CreateIndexConcurrently { table, .. }
        | DropIndexConcurrently { table, .. }
        | AddForeignKeyOnline { table, .. }
        | AddCheckOnline { table, .. }
        | AddUniqueOnline { table, .. }
        | AddPrimaryKeyOnline { table, .. }
        | SetNotNullOnline { table, .. }
        | AddColumnOnline { table, .. } => {
            return Err(unsupported(
                D,
                format!("run PostgreSQL's online operations (on {table}); plan without --online"),
            ));
        }
        AlterColumn { table, .. }
        | AddPrimaryKey { table, .. }
        | DropPrimaryKey { table, .. }
        | AddUnique { table, .. }
        | DropUnique { table, .. }
        | AddForeignKey { table, .. }
        | DropForeignKey { table, .. }
        | AddCheck { table, .. }
        | DropCheck { table, .. }
        | AddExclusion { table, .. }
        | DropExclusion { table, .. } => {
            return Err(unsupported(
                D,
                format!("alter table {table} in place; plan with the sqlite dialect to rebuild it"),
            ));
        }
    })
}

/// The table-specific steps of the rebuild of <https://sqlite.org/lang_altertable.html>:
/// new table, copy, drop, rename, indexes. What wraps them is not per table: foreign keys
/// off and the transaction come from the script's frame ([`super::script_frame`]) or from
/// the runtime (`autogen_migration::sqlite_rebuild`), which also saves and recreates the
/// views and triggers that use the table.
///
/// The plan drops the views and triggers that depend on the table before the rebuild and
/// recreates them after (`objects::wrap` in the differ). The `RENAME` still runs with
/// `legacy_alter_table` on: SQLite otherwise re-checks every view when a table is renamed,
/// and a view written by hand since the plan's schema was read would make it fail.
fn rebuild(from: &Table, to: &Table, renames: &[(String, String)]) -> Vec<String> {
    let temp = format!("_autogen_new_{}", to.name);
    let mut new_table = to.clone();
    new_table.name = temp.clone();
    // Copy the columns that exist on both sides; new ones take their defaults, and
    // generated ones (which cannot be written) compute themselves.
    let mut targets = Vec::new();
    let mut sources = Vec::new();
    for column in to.columns.iter().filter(|c| c.generated.is_none()) {
        let old_name = renames
            .iter()
            .find(|(_, new)| *new == column.name)
            .map(|(old, _)| old.as_str())
            .unwrap_or(&column.name);
        if from.column(old_name).is_some_and(|c| c.generated.is_none()) {
            targets.push(q(&column.name));
            sources.push(q(old_name));
        }
    }
    let mut out = vec![create_table_sql(&new_table)];
    if !targets.is_empty() {
        out.push(format!(
            "INSERT INTO {} ({}) SELECT {} FROM {}",
            q(&temp),
            targets.join(", "),
            sources.join(", "),
            q(&from.name)
        ));
    }
    out.push(format!("DROP TABLE {}", q(&from.name)));
    out.push(LEGACY_ALTER_ON.to_string());
    out.push(format!(
        "ALTER TABLE {} RENAME TO {}",
        q(&temp),
        q(&to.name)
    ));
    out.push(LEGACY_ALTER_OFF.to_string());
    for index in &to.indexes {
        out.push(create_index_sql(&to.name, index));
    }
    out
}

/// Around a rebuild's `RENAME` in scripts; the runtime leaves them out (it recreates the
/// dependent views itself).
const LEGACY_ALTER_ON: &str = "PRAGMA legacy_alter_table = ON";
/// See [`LEGACY_ALTER_ON`].
const LEGACY_ALTER_OFF: &str = "PRAGMA legacy_alter_table = OFF";
