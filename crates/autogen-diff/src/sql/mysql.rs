//! MySQL/MariaDB statements for each operation.

use autogen_schema::Dialect;
use autogen_schema::dialect::mysql::{
    column_sql, create_index_sql, create_table_sql, foreign_key_sql, quote_string,
};

use super::{SqlError, unsupported};
use crate::mysql::IN_PLACE;
use crate::op::{ColumnPosition, Op};

const D: Dialect = Dialect::Mysql;

fn q(name: &str) -> String {
    D.quote_ident(name)
}

pub(super) fn op_sql(op: &Op) -> Result<Vec<String>, SqlError> {
    use Op::*;
    Ok(match op {
        // Enums are inline in MySQL: lowering turned them into column types.
        CreateEnum { .. } | DropEnum { .. } | AlterEnum { .. } => Vec::new(),
        CreateTable { table } => vec![create_table_sql(table, |_| true)],
        DropTable { table } => vec![format!("DROP TABLE {}", q(&table.name))],
        RenameTable { from, to } => vec![format!("RENAME TABLE {} TO {}", q(from), q(to))],
        AddColumn {
            table,
            column,
            position,
        } => vec![format!(
            "ALTER TABLE {} ADD COLUMN {}{}",
            q(table),
            column_sql(column),
            match position {
                ColumnPosition::Last => String::new(),
                ColumnPosition::First => " FIRST".into(),
                ColumnPosition::After(c) => format!(" AFTER {}", q(c)),
            }
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
        // MODIFY restates the whole column: type, nullability, default, comment.
        AlterColumn { table, to, .. } => vec![format!(
            "ALTER TABLE {} MODIFY COLUMN {}",
            q(table),
            column_sql(to)
        )],
        AddPrimaryKey { table, primary_key } => vec![format!(
            "ALTER TABLE {} ADD PRIMARY KEY ({})",
            q(table),
            D.quote_list(&primary_key.columns)
        )],
        DropPrimaryKey { table, .. } => vec![format!("ALTER TABLE {} DROP PRIMARY KEY", q(table))],
        CreateIndex { table, index } => vec![create_index_sql(table, index)],
        DropIndex { table, index } => {
            vec![format!("DROP INDEX {} ON {}", q(&index.name), q(table))]
        }
        AddUnique { table, unique } => vec![format!(
            "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({})",
            q(table),
            q(&unique.name),
            D.quote_list(&unique.columns)
        )],
        DropUnique { table, unique } => {
            vec![format!("DROP INDEX {} ON {}", q(&unique.name), q(table))]
        }
        AddForeignKey { table, foreign_key } => vec![format!(
            "ALTER TABLE {} ADD {}",
            q(table),
            foreign_key_sql(foreign_key)
        )],
        // MySQL leaves behind the index it made for the key; it carries the key's name.
        DropForeignKey { table, foreign_key } => vec![
            format!(
                "ALTER TABLE {} DROP FOREIGN KEY {}",
                q(table),
                q(&foreign_key.name)
            ),
            format!(
                "DROP INDEX IF EXISTS {} ON {}",
                q(&foreign_key.name),
                q(table)
            ),
        ],
        AddCheck { table, check } => vec![format!(
            "ALTER TABLE {} ADD CONSTRAINT {} CHECK ({})",
            q(table),
            q(&check.name),
            check.expression
        )],
        DropCheck { table, check } => vec![format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            q(table),
            q(&check.name)
        )],
        SetTableComment { table, to, .. } => vec![format!(
            "ALTER TABLE {} COMMENT = {}",
            q(table),
            quote_string(to.as_deref().unwrap_or(""))
        )],
        RebuildTable { to, .. } => {
            return Err(unsupported(
                D,
                format!("rebuild table {} (a SQLite-only operation)", to.name),
            ));
        }
        AddExclusion { table, exclusion } | DropExclusion { table, exclusion } => {
            return Err(unsupported(
                D,
                format!(
                    "exclusion constraint {table}.{} (a PostgreSQL-only constraint)",
                    exclusion.name
                ),
            ));
        }
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
        // The online forms (`crate::mysql`): the server refuses rather than copy.
        CreateIndexConcurrently { table, index } => {
            vec![format!(
                "{} {}",
                create_index_sql(table, index),
                IN_PLACE.replace(',', "")
            )]
        }
        // MariaDB's DROP INDEX takes no ALGORITHM clause; ALTER TABLE does, on both.
        DropIndexConcurrently { table, index } => vec![format!(
            "ALTER TABLE {} DROP INDEX {}, {IN_PLACE}",
            q(table),
            q(&index.name)
        )],
        AddUniqueOnline { table, unique } => vec![format!(
            "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({}), {IN_PLACE}",
            q(table),
            q(&unique.name),
            D.quote_list(&unique.columns)
        )],
        AddForeignKeyOnline { table, .. }
        | AddCheckOnline { table, .. }
        | AddPrimaryKeyOnline { table, .. }
        | SetNotNullOnline { table, .. }
        | AddColumnOnline { table, .. } => {
            return Err(unsupported(
                D,
                format!("run PostgreSQL's online operations (on {table}); plan without --online"),
            ));
        }
    })
}
