//! MySQL/MariaDB's online forms, used when a plan is made with `DiffOptions::online` (the
//! CLI's default): on tables that already exist, index builds and drops and new unique
//! constraints say `ALGORITHM=INPLACE, LOCK=NONE` explicitly, so that a server that
//! cannot do them without blocking writes refuses the statement instead of silently
//! copying the table under a lock. Only what InnoDB does in place on MySQL 8 and
//! MariaDB 10.5+ is rewritten: plain and unique B-tree indexes over columns. FULLTEXT and
//! SPATIAL indexes (built in place but with a shared lock), `USING HASH` and expression
//! indexes, and the operations that copy the table (`MODIFY COLUMN` type changes, foreign keys with
//! `foreign_key_checks` on) keep the plain form and their hazards.

use std::collections::BTreeSet;

use autogen_schema::{ColumnType, Index, IndexMethod, Schema};

use crate::op::Op;
use crate::plan::Plan;

/// The clause that makes the server refuse rather than copy (`docs/safety.md`).
pub(crate) const IN_PLACE: &str = "ALGORITHM=INPLACE, LOCK=NONE";

/// Rewrites the plan's index operations on existing tables into their online forms;
/// `from` and `to` are the schemas the plan goes between (for the key columns' types).
pub(crate) fn online(plan: &mut Plan, from: &Schema, to: &Schema) {
    let mut created: BTreeSet<String> = BTreeSet::new();
    for op in &mut plan.ops {
        let existing = |table: &String| !created.contains(table);
        let replacement = match op {
            Op::CreateTable { table } => {
                created.insert(table.name.clone());
                None
            }
            Op::CreateIndex { table, index }
                if existing(table) && in_place(index) && plain_key(to, table, index) =>
            {
                Some(Op::CreateIndexConcurrently {
                    table: table.clone(),
                    index: index.clone(),
                })
            }
            Op::DropIndex { table, index }
                if existing(table) && in_place(index) && plain_key(from, table, index) =>
            {
                Some(Op::DropIndexConcurrently {
                    table: table.clone(),
                    index: index.clone(),
                })
            }
            Op::AddUnique { table, unique }
                if existing(table) && plain_columns(to, table, &unique.columns, true) =>
            {
                Some(Op::AddUniqueOnline {
                    table: table.clone(),
                    unique: unique.clone(),
                })
            }
            _ => None,
        };
        if let Some(online) = replacement {
            *op = online;
        }
    }
}

/// Whether InnoDB builds (and drops) `index` in place without blocking writes. Not a
/// `USING HASH` index: MariaDB makes it a hidden virtual column, which it adds only by
/// copying the table (sqldef's `IndexOptionUsingHash` case, refused on MariaDB 10.11).
fn in_place(index: &Index) -> bool {
    index.method == IndexMethod::Btree
        && index.column_names().is_some()
        && index.predicate.is_none()
}

/// InnoDB's limit on a key's length in bytes; a longer unique key becomes MariaDB's
/// hash-based "long unique" (a hidden virtual column, added only by copying).
const MAX_KEY_BYTES: u32 = 3072;

fn plain_key(schema: &Schema, table: &str, index: &Index) -> bool {
    index.column_names().is_some_and(|columns| {
        let columns: Vec<String> = columns.into_iter().map(str::to_string).collect();
        plain_columns(schema, table, &columns, index.unique)
    })
}

/// Whether a key over `columns` is an ordinary B-tree key that InnoDB builds in place:
/// every column of a type keyed by value (not TEXT, BLOB, JSON or a type autogen does
/// not know), and a unique key within InnoDB's length limit (at 4 bytes a character).
fn plain_columns(schema: &Schema, table: &str, columns: &[String], unique: bool) -> bool {
    let Some(t) = schema.tables.get(table) else {
        return false;
    };
    let mut bytes = 0u32;
    for name in columns {
        let Some(column) = t.columns.iter().find(|c| &c.name == name) else {
            return false;
        };
        let width = match &column.ty {
            ColumnType::Varchar { length } | ColumnType::Char { length } => {
                length.unwrap_or(255).saturating_mul(4)
            }
            ColumnType::VarBinary { length } => *length,
            ColumnType::Binary { length } => length.unwrap_or(255),
            ColumnType::TinyInt
            | ColumnType::SmallInt
            | ColumnType::Integer
            | ColumnType::BigInt
            | ColumnType::Decimal { .. }
            | ColumnType::Real
            | ColumnType::Double
            | ColumnType::Boolean
            | ColumnType::Date
            | ColumnType::Time { .. }
            | ColumnType::Timestamp { .. }
            | ColumnType::Uuid
            | ColumnType::Enum { .. }
            | ColumnType::InlineEnum { .. } => 16,
            _ => return false,
        };
        bytes = bytes.saturating_add(width);
    }
    !unique || bytes <= MAX_KEY_BYTES
}
