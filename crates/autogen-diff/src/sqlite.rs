//! SQLite's quirk: most of `ALTER TABLE` does not exist. What it cannot alter becomes a
//! table rebuild (create the new table, copy the rows, drop the old one, rename), as
//! Alembic's batch mode does. Renames, `ADD COLUMN` of a plain column, `DROP COLUMN` of an
//! unconstrained one and index changes stay as they are.

use std::collections::BTreeSet;

use autogen_schema::{Column, DefaultValue, IndexTarget, Schema, Table};

use crate::op::Op;
use crate::plan::Plan;

/// SQLite keeps no name for a constraint declared without one (as SeaORM's DDL declares
/// them): reflection makes one up (`{table}_{columns}_key`, `_fkey`, PostgreSQL's
/// pattern) and a primary key has none. Such a name is not compared: a constraint of
/// `from` with a made-up name (or an unnamed key) that equals one of `to` in everything
/// but its name takes that name, and no operation is planned for it. A name written in
/// the table's SQL is kept by SQLite and compared as any other.
pub(crate) fn adopt_unkept_names(from: &mut Schema, to: &Schema) {
    for (name, old) in from.tables.iter_mut() {
        let Some(new) = to.tables.get(name) else {
            continue;
        };
        if let (Some(o), Some(n)) = (&mut old.primary_key, &new.primary_key)
            && o.columns == n.columns
            && o.name.is_none()
        {
            o.name = n.name.clone();
        }
        // A name both sides already use stays with its own constraint.
        let unique_names: BTreeSet<String> = old.uniques.iter().map(|u| u.name.clone()).collect();
        let table_name = old.name.clone();
        for u in &mut old.uniques {
            if new.uniques.iter().any(|n| n.name == u.name)
                || !is_made_up(&u.name, &table_name, &u.columns, "key")
            {
                continue;
            }
            if let Some(n) = new
                .uniques
                .iter()
                .find(|n| n.columns == u.columns && !unique_names.contains(&n.name))
            {
                u.name = n.name.clone();
            }
        }
        let fk_names: BTreeSet<String> = old.foreign_keys.iter().map(|f| f.name.clone()).collect();
        for fk in &mut old.foreign_keys {
            if new.foreign_keys.iter().any(|n| n.name == fk.name)
                || !is_made_up(&fk.name, &table_name, &fk.columns, "fkey")
            {
                continue;
            }
            let same = |n: &autogen_schema::ForeignKey| {
                n.columns == fk.columns
                    && n.ref_table == fk.ref_table
                    && n.ref_columns == fk.ref_columns
                    && n.on_delete == fk.on_delete
                    && n.on_update == fk.on_update
            };
            if let Some(n) = new
                .foreign_keys
                .iter()
                .find(|n| same(n) && !fk_names.contains(&n.name))
            {
                fk.name = n.name.clone();
            }
        }
        old.uniques.sort_by(|a, b| a.name.cmp(&b.name));
        old.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

/// Whether `name` is the one reflection makes up for an unnamed constraint:
/// `{table}_{columns}_{suffix}`, maybe followed by a number.
fn is_made_up(name: &str, table: &str, columns: &[String], suffix: &str) -> bool {
    let stem = format!("{table}_{}_{suffix}", columns.join("_"));
    name.strip_prefix(&stem)
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
}

/// Replaces, for each table SQLite cannot alter in place, all of that table's operations
/// (but renames) with one [`Op::RebuildTable`]. `from` is the old schema with the plan's
/// renames applied, `to` the new one.
pub(crate) fn rebuild_unalterable(plan: &mut Plan, from: &Schema, to: &Schema) {
    let rebuild: BTreeSet<String> = plan
        .ops
        .iter()
        .filter(|op| needs_rebuild(op, from, to))
        .filter_map(|op| op.table().map(str::to_string))
        .collect();
    // A table whose options (`STRICT`, `WITHOUT ROWID`) change is rebuilt, and nothing
    // else may have changed in it: its rebuild goes last.
    let options_changed: Vec<String> = to
        .tables
        .iter()
        .filter(|(name, t)| {
            !rebuild.contains(*name)
                && from
                    .tables
                    .get(*name)
                    .is_some_and(|f| f.options != t.options)
        })
        .map(|(name, _)| name.clone())
        .collect();
    let rebuild: BTreeSet<String> = rebuild
        .into_iter()
        .chain(options_changed.iter().cloned())
        .collect();
    if rebuild.is_empty() {
        return;
    }
    let mut ops = Vec::with_capacity(plan.ops.len());
    for (i, op) in plan.ops.iter().enumerate() {
        let Some(table) = op.table().filter(|t| rebuild.contains(*t)) else {
            ops.push(op.clone());
            continue;
        };
        if matches!(op, Op::RenameTable { .. } | Op::RenameColumn { .. }) {
            ops.push(op.clone());
            continue;
        }
        // One rebuild per table, where its last folded operation stood: after its renames.
        let is_last = !plan.ops[i + 1..].iter().any(|later| {
            later.table() == Some(table)
                && !matches!(later, Op::RenameTable { .. } | Op::RenameColumn { .. })
        });
        if is_last {
            let old = &from.tables[table];
            let mut new = to.tables[table].clone();
            keep_spellings(old, &mut new);
            ops.push(Op::RebuildTable {
                from: Box::new(old.clone()),
                to: Box::new(new),
                renames: Vec::new(),
            });
        }
    }
    for table in options_changed {
        if !ops
            .iter()
            .any(|op| matches!(op, Op::RebuildTable { to, .. } if to.name == table))
        {
            let old = &from.tables[&table];
            let mut new = to.tables[&table].clone();
            keep_spellings(old, &mut new);
            ops.push(Op::RebuildTable {
                from: Box::new(old.clone()),
                to: Box::new(new),
                renames: Vec::new(),
            });
        }
    }
    plan.ops = ops;
}

/// A rebuilt table keeps the spelling of each column that keeps its type (a declared
/// `TIMESTAMP` stays `TIMESTAMP`), when the new side has none of its own (the models).
fn keep_spellings(old: &Table, new: &mut Table) {
    for column in &mut new.columns {
        if column.spelling.is_none()
            && let Some(o) = old.column(&column.name)
            && o.ty == column.ty
        {
            column.spelling = o.spelling.clone();
        }
    }
}

fn is_constant(default: Option<&DefaultValue>) -> bool {
    matches!(
        default,
        None | Some(
            DefaultValue::String(_)
                | DefaultValue::Number(_)
                | DefaultValue::Bool(_)
                | DefaultValue::Null
        )
    )
}

/// Whether a key, constraint or index involves the column.
fn is_constrained(table: &Table, column: &str) -> bool {
    is_in_key(table, column) || is_indexed(table, column) || is_generated_from(table, column)
}

/// Whether the column is stored generated, or a generated column's expression may read
/// it: SQLite's `DROP COLUMN` refuses both.
fn is_generated_from(table: &Table, column: &str) -> bool {
    table.columns.iter().any(|c| match &c.generated {
        Some(g) if c.name == column => g.stored,
        Some(g) => !autogen_schema::sql_text::names_mentioned(
            &g.expression,
            autogen_schema::sql_text::lexer::Flavor::Sqlite,
            [column],
        )
        .is_empty(),
        None => false,
    })
}

/// A key or constraint that `ADD COLUMN` could not declare, or `DROP COLUMN` would break.
fn is_in_key(table: &Table, column: &str) -> bool {
    let named = |cols: &[String]| cols.iter().any(|c| c == column);
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| named(&pk.columns))
        || table.uniques.iter().any(|u| named(&u.columns))
        || table.foreign_keys.iter().any(|f| named(&f.columns))
        || !table.checks.is_empty()
}

/// An index on the column (SQLite's `DROP COLUMN` refuses an indexed column; `ADD
/// COLUMN` is followed by `CREATE INDEX`, which the plan already holds).
fn is_indexed(table: &Table, column: &str) -> bool {
    table.indexes.iter().any(|i| {
        i.predicate.is_some()
            || i.parts.iter().any(|p| match &p.target {
                IndexTarget::Column(c) => c == column,
                IndexTarget::Expression(_) => true,
            })
    })
}

/// SQLite's `ADD COLUMN` rules: nullable or with a default, a constant default, and not
/// part of a key or constraint. An index on it is created after, as its own operation.
fn can_add(table: &Table, column: &Column) -> bool {
    // A generated column may be added when it is VIRTUAL (SQLite cannot fill a STORED
    // one for the existing rows).
    (column.nullable || column.default.is_some() || column.generated.is_some())
        && column.generated.as_ref().is_none_or(|g| !g.stored)
        && is_constant(column.default.as_ref())
        && column.identity.is_none()
        && !is_in_key(table, &column.name)
}

fn needs_rebuild(op: &Op, from: &Schema, to: &Schema) -> bool {
    match op {
        Op::AddColumn { table, column, .. } => {
            to.tables.get(table).is_some_and(|t| !can_add(t, column))
        }
        Op::DropColumn { table, column, .. } => from
            .tables
            .get(table)
            .is_some_and(|t| is_constrained(t, &column.name)),
        Op::AlterColumn { .. }
        | Op::AddPrimaryKey { .. }
        | Op::DropPrimaryKey { .. }
        | Op::AddUnique { .. }
        | Op::DropUnique { .. }
        | Op::AddForeignKey { .. }
        | Op::DropForeignKey { .. }
        | Op::AddCheck { .. }
        | Op::DropCheck { .. }
        | Op::AddExclusion { .. }
        | Op::DropExclusion { .. }
        | Op::SetTableComment { .. } => true,
        _ => false,
    }
}
