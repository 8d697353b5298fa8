//! MySQL's and MariaDB's quirk: an `AUTO_INCREMENT` column must always be the first column
//! of a key (`ERROR 1075`), after every statement. So a primary key that holds one cannot
//! be dropped, and such a column cannot be added before its key exists. Around a primary
//! key change the column loses `AUTO_INCREMENT` before the old key is dropped and gets it
//! back once the new key is there (what sqldef writes too); the plan stays its own exact
//! inverse.

use std::collections::BTreeSet;

use autogen_schema::{Column, Schema};

use crate::op::Op;
use crate::plan::Plan;

/// Rewrites the primary key changes of tables with an `AUTO_INCREMENT` key column.
pub(crate) fn auto_increment_keys(plan: &mut Plan, from: &Schema, to: &Schema) {
    let tables: BTreeSet<String> = plan
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::DropPrimaryKey { table, .. } | Op::AddPrimaryKey { table, .. } => {
                Some(table.clone())
            }
            _ => None,
        })
        .collect();
    for table in tables {
        let old = from.tables.get(&table).and_then(auto_increment_key_column);
        let new = to.tables.get(&table).and_then(auto_increment_key_column);
        let released = old.is_some_and(|c| release_before_drop(plan, &table, c));
        if let Some(column) = new {
            // A column that keeps `AUTO_INCREMENT` in a key the plan leaves alone needs
            // nothing.
            let already = old.is_some_and(|o| o.name == column.name);
            if released || !already {
                restore_after_add(plan, &table, column);
            }
        }
        // A change that the two steps above have taken over entirely.
        plan.ops.retain(|op| match op {
            Op::AlterColumn { from, to, .. } => from != to,
            _ => true,
        });
    }
}

/// The table's `AUTO_INCREMENT` column when it is in the primary key.
fn auto_increment_key_column(table: &autogen_schema::Table) -> Option<&Column> {
    let key = table.primary_key.as_ref()?;
    table
        .columns
        .iter()
        .find(|c| c.identity.is_some() && key.columns.contains(&c.name))
}

fn without_identity(column: &Column) -> Column {
    Column {
        identity: None,
        ..column.clone()
    }
}

/// Before the old key is dropped, `column` loses `AUTO_INCREMENT`; later operations on it
/// start from the column without it. False when the plan keeps the key.
fn release_before_drop(plan: &mut Plan, table: &str, column: &Column) -> bool {
    let Some(at) = plan
        .ops
        .iter()
        .position(|op| matches!(op, Op::DropPrimaryKey { table: t, .. } if t == table))
    else {
        return false;
    };
    for op in &mut plan.ops[at..] {
        match op {
            Op::DropColumn {
                table: t,
                column: c,
                ..
            } if t == table && c.name == column.name => {
                c.identity = None;
            }
            Op::AlterColumn { table: t, from, .. } if t == table && from.name == column.name => {
                from.identity = None;
            }
            _ => {}
        }
    }
    plan.ops.insert(
        at,
        Op::AlterColumn {
            table: table.to_string(),
            from: Box::new(column.clone()),
            to: Box::new(without_identity(column)),
        },
    );
    true
}

/// `column` gets `AUTO_INCREMENT` only once the new key exists (or, when the plan adds no
/// key, right after the old one is dropped: another key must then hold it); earlier
/// operations leave it without.
fn restore_after_add(plan: &mut Plan, table: &str, column: &Column) {
    let Some(at) = plan
        .ops
        .iter()
        .position(|op| matches!(op, Op::AddPrimaryKey { table: t, .. } if t == table))
        .or_else(|| {
            plan.ops
                .iter()
                .position(|op| matches!(op, Op::DropPrimaryKey { table: t, .. } if t == table))
        })
    else {
        return;
    };
    for op in &mut plan.ops[..at] {
        match op {
            Op::AddColumn {
                table: t,
                column: c,
                ..
            } if t == table && c.name == column.name => {
                c.identity = None;
            }
            Op::AlterColumn { table: t, to, .. } if t == table && to.name == column.name => {
                to.identity = None;
            }
            _ => {}
        }
    }
    plan.ops.insert(
        at + 1,
        Op::AlterColumn {
            table: table.to_string(),
            from: Box::new(without_identity(column)),
            to: Box::new(column.clone()),
        },
    );
}
