//! PostgreSQL's online forms (zero-downtime rewrites), used when a plan is made with
//! `DiffOptions::online` (the CLI's default): indexes built and dropped `CONCURRENTLY`,
//! unique constraints and primary keys attached to a unique index built `CONCURRENTLY`
//! (a primary key's columns are made NOT NULL online first, by the plan's column
//! changes), foreign keys and
//! checks added `NOT VALID` and validated in a transaction of their own, and `SET NOT
//! NULL` proven first by a validated check, and a column with a volatile default added
//! without it, the default set, the rows filled in batches. Tables the plan creates keep
//! the plain forms: they are empty and nobody writes to them yet.

pub(crate) mod views;

use std::collections::BTreeSet;

use autogen_schema::{Column, ColumnType, DefaultValue, Schema};

use crate::op::Op;
use crate::plan::Plan;

/// Rewrites the plan's operations on existing tables into their online forms; `from` and
/// `to` are the schemas the plan goes between.
pub(crate) fn online(plan: &mut Plan, from: &Schema, to: &Schema) {
    let mut created: BTreeSet<String> = BTreeSet::new();
    let mut ops = Vec::with_capacity(plan.ops.len());
    for mut op in std::mem::take(&mut plan.ops) {
        let existing = |table: &String| !created.contains(table);
        if let Op::AddColumn { table, column, .. } = &op
            && existing(table)
            && rewrites_when_added(column)
        {
            ops.extend(add_column_online(from, to, table, column));
            continue;
        }
        let replacement = match &op {
            Op::CreateTable { table } => {
                created.insert(table.name.clone());
                None
            }
            Op::CreateIndex { table, index } if existing(table) => {
                Some(Op::CreateIndexConcurrently {
                    table: table.clone(),
                    index: index.clone(),
                })
            }
            Op::DropIndex { table, index } => Some(Op::DropIndexConcurrently {
                table: table.clone(),
                index: index.clone(),
            }),
            Op::AddForeignKey { table, foreign_key } if existing(table) => {
                Some(Op::AddForeignKeyOnline {
                    table: table.clone(),
                    foreign_key: foreign_key.clone(),
                })
            }
            Op::AddUnique { table, unique } if existing(table) => Some(Op::AddUniqueOnline {
                table: table.clone(),
                unique: unique.clone(),
            }),
            Op::AddPrimaryKey { table, primary_key } if existing(table) => {
                Some(Op::AddPrimaryKeyOnline {
                    table: table.clone(),
                    primary_key: primary_key.clone(),
                })
            }
            Op::AddCheck { table, check } if existing(table) => Some(Op::AddCheckOnline {
                table: table.clone(),
                check: check.clone(),
            }),
            Op::AlterColumn { table, from, to }
                if existing(table)
                    && from.nullable
                    && !to.nullable
                    && only_nullability(from, to) =>
            {
                Some(Op::SetNotNullOnline {
                    table: table.clone(),
                    from: from.clone(),
                    to: to.clone(),
                })
            }
            _ => None,
        };
        if let Some(online) = replacement {
            op = online;
        }
        ops.push(op);
    }
    plan.ops = ops;
}

/// Whether `ADD COLUMN` of `column` rewrites the table to give each row its own value of
/// a volatile default (`gen_random_uuid()`, `nextval(…)`), which a backfill gives the same
/// way. A constant or stable default (`now()`) is stored once in the catalog by PostgreSQL
/// 11+ (no rewrite), and a backfill would evaluate it per batch instead: an expression
/// whose volatility the text does not tell keeps the plain form, named by its hazard.
/// Identity and generated columns are rewritten too, but have no form that avoids it.
fn rewrites_when_added(column: &Column) -> bool {
    let per_row = match &column.default {
        Some(DefaultValue::Function(f)) => !matches!(
            f.as_str(),
            "now"
                | "transaction_timestamp"
                | "statement_timestamp"
                | "current_database"
                | "current_schema"
        ),
        Some(DefaultValue::Expression(e)) => e.trim_start().starts_with("nextval("),
        _ => false,
    };
    per_row && column.identity.is_none() && column.generated.is_none()
}

/// The online steps of adding `column` to `table`: the column (nullable; default set,
/// rows filled in batches), then NOT NULL proven by a validated check when the models
/// want it.
fn add_column_online(from: &Schema, to: &Schema, table: &str, column: &Column) -> Vec<Op> {
    let mut nullable = column.clone();
    nullable.nullable = true;
    // The single integer key, when the plan leaves it as it is (a key renamed or changed
    // by the same plan is not one to batch by: the rows are filled in one UPDATE).
    let integer_key = |schema: &Schema| {
        let t = schema.tables.get(table)?;
        let pk = t.primary_key.as_ref().filter(|pk| pk.columns.len() == 1)?;
        let key = t.column(&pk.columns[0])?;
        matches!(
            key.ty,
            ColumnType::SmallInt | ColumnType::Integer | ColumnType::BigInt
        )
        .then(|| key.name.clone())
    };
    let key = integer_key(from).filter(|k| integer_key(to).as_ref() == Some(k));
    let mut ops = vec![Op::AddColumnOnline {
        table: table.to_string(),
        column: Box::new(nullable.clone()),
        key,
    }];
    if !column.nullable {
        ops.push(Op::SetNotNullOnline {
            table: table.to_string(),
            from: Box::new(nullable),
            to: Box::new(column.clone()),
        });
    }
    ops
}

fn only_nullability(from: &autogen_schema::Column, to: &autogen_schema::Column) -> bool {
    let mut same = from.clone();
    same.nullable = to.nullable;
    same == *to
}
