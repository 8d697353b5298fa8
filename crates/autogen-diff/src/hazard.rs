//! Hazards: what can go wrong when an operation runs on a live, busy database.
//! Names follow the research in `docs/hazards.md` (pg-schema-diff, squawk, Atlas).

use autogen_schema::{Column, ColumnType, DefaultValue, Dialect};
use serde::Serialize;

use crate::op::Op;

/// A danger of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hazard {
    /// Data is gone after it runs: a dropped table or column (the inverse cannot bring it back).
    DeletesData,
    /// The whole table is rewritten under an exclusive lock.
    RewritesTable,
    /// Every row is read under a lock that blocks writes (NOT NULL, CHECK, FOREIGN KEY).
    FullScanUnderLock,
    /// Writes wait while an index builds.
    BlocksWrites,
    /// Code running against the old schema breaks (rename, drop, narrowing, dropping NOT NULL).
    BackwardIncompatible,
    /// Succeeds or fails depending on existing rows (new unique, NOT NULL, narrowing).
    DataDependent,
    /// Cannot run inside a transaction with other statements.
    NonTransactional,
}

impl Hazard {
    /// The stable identifier used in reports and migration headers.
    pub fn code(self) -> &'static str {
        match self {
            Hazard::DeletesData => "deletes-data",
            Hazard::RewritesTable => "rewrites-table",
            Hazard::FullScanUnderLock => "full-scan-under-lock",
            Hazard::BlocksWrites => "blocks-writes",
            Hazard::BackwardIncompatible => "backward-incompatible",
            Hazard::DataDependent => "data-dependent",
            Hazard::NonTransactional => "non-transactional",
        }
    }

    /// One line on what it means for the operator.
    pub fn explanation(self) -> &'static str {
        match self {
            Hazard::DeletesData => {
                "data is deleted; the downgrade restores the structure, not the rows"
            }
            Hazard::RewritesTable => {
                "the table is rewritten under an exclusive lock; slow on large tables"
            }
            Hazard::FullScanUnderLock => "every row is scanned while writes are blocked",
            Hazard::BlocksWrites => "writes to the table wait until the index is built",
            Hazard::BackwardIncompatible => {
                "application code using the old schema breaks; deploy expand/contract"
            }
            Hazard::DataDependent => {
                "fails if existing rows violate the new rule; check the data first"
            }
            Hazard::NonTransactional => "cannot be rolled back with the rest of the migration",
        }
    }
}

impl std::fmt::Display for Hazard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

fn is_volatile(default: Option<&DefaultValue>) -> bool {
    match default {
        Some(DefaultValue::Function(f)) => !matches!(f.as_str(), "now"),
        Some(DefaultValue::Expression(_)) => true,
        _ => false,
    }
}

/// Whether changing `from` to `to` can lose information (a narrower type).
pub fn is_narrowing(from: &ColumnType, to: &ColumnType) -> bool {
    use ColumnType as T;
    let rank = |t: &ColumnType| match t {
        T::TinyInt => Some(1),
        T::SmallInt => Some(2),
        T::Integer => Some(3),
        T::BigInt => Some(4),
        _ => None,
    };
    match (from, to) {
        (T::Varchar { length: a }, T::Varchar { length: b })
        | (T::Char { length: a }, T::Char { length: b }) => match (a, b) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b < a,
            _ => false,
        },
        (T::Text, T::Varchar { length: Some(_) } | T::Char { .. }) => true,
        (
            T::Decimal {
                precision: pa,
                scale: sa,
            },
            T::Decimal {
                precision: pb,
                scale: sb,
            },
        ) => pb.unwrap_or(u32::MAX) < pa.unwrap_or(u32::MAX) || sb.unwrap_or(0) < sa.unwrap_or(0),
        _ => match (rank(from), rank(to)) {
            (Some(a), Some(b)) => b < a,
            _ => false,
        },
    }
}

/// Whether the new type accepts every old value without a rewrite (PostgreSQL's
/// binary-coercible widenings).
fn is_cheap_widening(from: &ColumnType, to: &ColumnType) -> bool {
    use ColumnType as T;
    match (from, to) {
        (T::Varchar { length: Some(a) }, T::Varchar { length: b }) => b.is_none_or(|b| b >= *a),
        (T::Varchar { .. }, T::Text) => true,
        _ => false,
    }
}

fn column_change_hazards(from: &Column, to: &Column, out: &mut Vec<Hazard>) {
    if from.ty != to.ty {
        if is_narrowing(&from.ty, &to.ty) {
            out.extend([
                Hazard::RewritesTable,
                Hazard::DataDependent,
                Hazard::BackwardIncompatible,
            ]);
        } else if !is_cheap_widening(&from.ty, &to.ty) {
            out.extend([Hazard::RewritesTable, Hazard::DataDependent]);
        }
    }
    if from.nullable && !to.nullable {
        out.extend([Hazard::FullScanUnderLock, Hazard::DataDependent]);
    }
    if !from.nullable && to.nullable {
        out.push(Hazard::BackwardIncompatible);
    }
    if from.identity != to.identity && to.identity.is_some() {
        out.push(Hazard::RewritesTable);
    }
}

impl Op {
    /// The hazards of running this operation on `dialect` (dialect-neutral when `None`).
    pub fn hazards(&self, dialect: Option<Dialect>) -> Vec<Hazard> {
        use Op::*;
        let mut h = Vec::new();
        match self {
            DropTable { .. } | DropColumn { .. } => {
                h.extend([Hazard::DeletesData, Hazard::BackwardIncompatible])
            }
            RenameTable { .. } | RenameColumn { .. } | DropEnum { .. } => {
                h.push(Hazard::BackwardIncompatible)
            }
            AddColumn { column, .. } => {
                if !column.nullable && column.default.is_none() && column.identity.is_none() {
                    h.push(Hazard::DataDependent);
                }
                if is_volatile(column.default.as_ref()) || column.identity.is_some() {
                    h.push(Hazard::RewritesTable);
                }
            }
            AlterColumn { from, to, .. } => column_change_hazards(from, to, &mut h),
            CreateIndex { index, .. } => {
                h.push(Hazard::BlocksWrites);
                if index.unique {
                    h.push(Hazard::DataDependent);
                }
            }
            AddUnique { .. } | AddPrimaryKey { .. } => {
                h.extend([Hazard::BlocksWrites, Hazard::DataDependent])
            }
            AddForeignKey { .. } | AddCheck { .. } => {
                h.extend([Hazard::FullScanUnderLock, Hazard::DataDependent])
            }
            AlterEnum { from, to, .. } => {
                if is_append_only(from, to) {
                    if dialect != Some(Dialect::Sqlite) {
                        h.push(Hazard::NonTransactional);
                    }
                } else {
                    h.extend([
                        Hazard::RewritesTable,
                        Hazard::DataDependent,
                        Hazard::BackwardIncompatible,
                    ]);
                }
            }
            RebuildTable { from, to, renames } => {
                h.push(Hazard::RewritesTable);
                h.push(Hazard::NonTransactional);
                for old in &from.columns {
                    let new_name = renames
                        .iter()
                        .find(|(o, _)| *o == old.name)
                        .map(|(_, n)| n.as_str())
                        .unwrap_or(&old.name);
                    match to.column(new_name) {
                        Some(new) => column_change_hazards(old, new, &mut h),
                        None => h.extend([Hazard::DeletesData, Hazard::BackwardIncompatible]),
                    }
                }
                // A new NOT NULL column without a default gets NULL in the copied rows: the
                // copy fails when the table has rows, as `ADD COLUMN` would elsewhere.
                let added_without_value = to.columns.iter().any(|new| {
                    let old_name = renames
                        .iter()
                        .find(|(_, n)| *n == new.name)
                        .map(|(o, _)| o.as_str())
                        .unwrap_or(&new.name);
                    from.column(old_name).is_none()
                        && !new.nullable
                        && new.default.is_none()
                        && new.identity.is_none()
                });
                if added_without_value {
                    h.push(Hazard::DataDependent);
                }
                if !renames.is_empty() {
                    h.push(Hazard::BackwardIncompatible);
                }
                if to.uniques.len() > from.uniques.len() || to.checks.len() > from.checks.len() {
                    h.push(Hazard::DataDependent);
                }
            }
            // Online forms: no lock that blocks writes, but they cannot share a transaction.
            CreateIndexConcurrently { index, .. } => {
                h.push(Hazard::NonTransactional);
                if index.unique {
                    h.push(Hazard::DataDependent);
                }
            }
            DropIndexConcurrently { .. } => h.push(Hazard::NonTransactional),
            AddForeignKeyOnline { .. } | AddCheckOnline { .. } | SetNotNullOnline { .. } => {
                h.extend([Hazard::DataDependent, Hazard::NonTransactional])
            }
            CreateEnum { .. }
            | CreateTable { .. }
            | DropPrimaryKey { .. }
            | DropIndex { .. }
            | DropUnique { .. }
            | DropForeignKey { .. }
            | DropCheck { .. }
            | SetTableComment { .. }
            | RawSql { .. } => {}
        }
        h.sort();
        h.dedup();
        h
    }
}

/// Whether `to` is `from` with values inserted, order kept (PostgreSQL `ADD VALUE`).
pub fn is_append_only(from: &[String], to: &[String]) -> bool {
    let mut it = to.iter();
    from.iter().all(|v| it.any(|w| w == v)) && to.len() >= from.len()
}
