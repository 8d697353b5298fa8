//! PostgreSQL's online forms (zero-downtime rewrites), used when a plan is made with
//! `DiffOptions::online` (the CLI's default): indexes built and dropped `CONCURRENTLY`,
//! unique constraints and primary keys attached to a unique index built `CONCURRENTLY`
//! (a primary key's columns are made NOT NULL online first, by the plan's column
//! changes), foreign keys and
//! checks added `NOT VALID` and validated in a transaction of their own, and `SET NOT
//! NULL` proven first by a validated check. Tables the plan creates keep the plain forms:
//! they are empty and nobody writes to them yet.

use std::collections::BTreeSet;

use crate::op::Op;
use crate::plan::Plan;

/// Rewrites the plan's operations on existing tables into their online forms.
pub(crate) fn online(plan: &mut Plan) {
    let mut created: BTreeSet<String> = BTreeSet::new();
    for op in &mut plan.ops {
        let existing = |table: &String| !created.contains(table);
        let replacement = match op {
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
            *op = online;
        }
    }
}

fn only_nullability(from: &autogen_schema::Column, to: &autogen_schema::Column) -> bool {
    let mut same = from.clone();
    same.nullable = to.nullable;
    same == *to
}
