//! MySQL/MariaDB's online forms, used when a plan is made with `DiffOptions::online` (the
//! CLI's default): on tables that already exist, index builds and drops and new unique
//! constraints say `ALGORITHM=INPLACE, LOCK=NONE` explicitly, so that a server that
//! cannot do them without blocking writes refuses the statement instead of silently
//! copying the table under a lock. Only what InnoDB does in place on MySQL 8 and
//! MariaDB 10.5+ is rewritten: plain and unique indexes over columns. FULLTEXT and
//! SPATIAL indexes (built in place but with a shared lock), expression indexes, and the
//! operations that copy the table (`MODIFY COLUMN` type changes, foreign keys with
//! `foreign_key_checks` on) keep the plain form and their hazards.

use std::collections::BTreeSet;

use autogen_schema::{Index, IndexMethod};

use crate::op::Op;
use crate::plan::Plan;

/// The clause that makes the server refuse rather than copy (`docs/safety.md`).
pub(crate) const IN_PLACE: &str = "ALGORITHM=INPLACE, LOCK=NONE";

/// Rewrites the plan's index operations on existing tables into their online forms.
pub(crate) fn online(plan: &mut Plan) {
    let mut created: BTreeSet<String> = BTreeSet::new();
    for op in &mut plan.ops {
        let existing = |table: &String| !created.contains(table);
        let replacement = match op {
            Op::CreateTable { table } => {
                created.insert(table.name.clone());
                None
            }
            Op::CreateIndex { table, index } if existing(table) && in_place(index) => {
                Some(Op::CreateIndexConcurrently {
                    table: table.clone(),
                    index: index.clone(),
                })
            }
            Op::DropIndex { table, index } if existing(table) && in_place(index) => {
                Some(Op::DropIndexConcurrently {
                    table: table.clone(),
                    index: index.clone(),
                })
            }
            Op::AddUnique { table, unique } if existing(table) => Some(Op::AddUniqueOnline {
                table: table.clone(),
                unique: unique.clone(),
            }),
            _ => None,
        };
        if let Some(online) = replacement {
            *op = online;
        }
    }
}

/// Whether InnoDB builds (and drops) `index` in place without blocking writes.
fn in_place(index: &Index) -> bool {
    matches!(index.method, IndexMethod::Btree | IndexMethod::Hash)
        && index.column_names().is_some()
        && index.predicate.is_none()
}
