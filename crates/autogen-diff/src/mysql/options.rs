//! Table options on MySQL and MariaDB: the default collation, `ROW_FORMAT` and
//! partitioning of a table that stays, each changed by an `ALTER TABLE` of its own
//! (written by `autogen_schema::dialect::mysql::table_options_sql`, with its inverse).
//!
//! A table's default collation is what its columns without a collation of their own take
//! when they are added or restated, and what `SHOW CREATE TABLE` leaves unsaid; changing
//! it leaves the existing columns as they were. So when it changes, every text column on
//! the side that names a collation is pinned to it: the columns that inherit it are
//! restated with it, and added and altered columns say it. The `ALTER TABLE` then goes
//! where the other side's default holds for its columns: last when the new default is
//! named (before it, the old default is in force), first when the new one is the
//! database's. Partitioning goes last when a table gets it (after the columns and keys it
//! needs) and first when it loses it (before those go).

use autogen_schema::dialect::mysql::table_options_sql;
use autogen_schema::sql_text::collapse_whitespace;
use autogen_schema::{Column, ColumnType, Schema, Table};

use crate::op::Op;
use crate::plan::Plan;

/// Adds the option changes of the tables that both schemas hold.
pub(crate) fn table_options(plan: &mut Plan, from: &Schema, to: &Schema) {
    let mut first = Vec::new();
    let mut last = Vec::new();
    for (name, new) in &to.tables {
        let Some(old) = from.tables.get(name) else {
            continue;
        };
        if old.options == new.options {
            continue;
        }
        let collation_changes = !same(&old.options.collation, &new.options.collation);
        if collation_changes {
            pin_collations(plan, old, new);
        }
        let ups = table_options_sql(name, &old.options, &new.options);
        let downs = table_options_sql(name, &new.options, &old.options);
        // One statement per option, in the same order both ways: collation, row format,
        // partitioning.
        let mut kinds = Vec::new();
        if collation_changes {
            kinds.push(new.options.collation.is_some());
        }
        if !same(&old.options.row_format, &new.options.row_format)
            || old.options.key_block_size != new.options.key_block_size
        {
            kinds.push(true);
        }
        let collapsed = |p: &Option<String>| p.as_deref().map(collapse_whitespace);
        if collapsed(&old.options.partition) != collapsed(&new.options.partition) {
            kinds.push(new.options.partition.is_some());
        }
        for ((up, down), goes_last) in ups.into_iter().zip(downs).zip(kinds) {
            let op = Op::RawSql { up, down };
            if goes_last {
                last.push(op);
            } else {
                first.push(op);
            }
        }
    }
    if first.is_empty() && last.is_empty() {
        return;
    }
    let mut ops = first;
    ops.append(&mut plan.ops);
    ops.append(&mut last);
    plan.ops = ops;
}

fn same(a: &Option<String>, b: &Option<String>) -> bool {
    a.as_deref().map(str::to_ascii_lowercase) == b.as_deref().map(str::to_ascii_lowercase)
}

/// Whether a column of this type has a collation.
fn has_collation(ty: &ColumnType) -> bool {
    match ty {
        ColumnType::Varchar { .. }
        | ColumnType::Char { .. }
        | ColumnType::Text
        | ColumnType::InlineEnum { .. } => true,
        ColumnType::Custom { raw } => {
            let raw = raw.to_ascii_lowercase();
            ["tinytext", "mediumtext", "longtext", "set("]
                .iter()
                .any(|p| raw.starts_with(p))
        }
        _ => false,
    }
}

/// Pins the inheriting text columns of the side whose default collation is named (the new
/// side when both are): see the module's documentation.
fn pin_collations(plan: &mut Plan, old: &Table, new: &Table) {
    let (pin_new, collation) = match (&new.options.collation, &old.options.collation) {
        (Some(c), _) => (true, c.clone()),
        (None, Some(c)) => (false, c.clone()),
        (None, None) => return,
    };
    let pin = |c: &mut Column| {
        if c.collation.is_none() && c.generated.is_none() && has_collation(&c.ty) {
            c.collation = Some(collation.clone());
        }
    };
    let table = &new.name;
    let mut touched: Vec<String> = Vec::new();
    for op in &mut plan.ops {
        match op {
            Op::AddColumn {
                table: t, column, ..
            } if t == table && pin_new => {
                pin(column);
                touched.push(column.name.clone());
            }
            Op::DropColumn {
                table: t, column, ..
            } if t == table && !pin_new => pin(column),
            Op::AlterColumn {
                table: t, from, to, ..
            } if t == table => {
                pin(if pin_new { to } else { from });
                touched.push(to.name.clone());
            }
            _ => {}
        }
    }
    // The columns no operation restates, which would keep the old default otherwise.
    for column in &new.columns {
        if touched.contains(&column.name) {
            continue;
        }
        let Some(before) = old.column(&column.name) else {
            continue;
        };
        if before.collation.is_some() || column.collation.is_some() || before != column {
            continue;
        }
        let mut pinned = column.clone();
        pin(&mut pinned);
        if pinned == *column {
            continue;
        }
        let (from, to) = if pin_new {
            (column.clone(), pinned)
        } else {
            (pinned, column.clone())
        };
        plan.ops.push(Op::AlterColumn {
            table: table.clone(),
            from: Box::new(from),
            to: Box::new(to),
        });
    }
}
