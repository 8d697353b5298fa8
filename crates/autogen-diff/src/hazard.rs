//! Hazards: what can go wrong when an operation runs on a live, busy database.
//! Names follow the research in `docs/hazards.md` (pg-schema-diff, squawk, Atlas).

use autogen_schema::{Column, ColumnType, DefaultValue, Dialect, Identity};
use serde::Serialize;

use crate::op::Op;

/// A danger of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hazard {
    /// Data is gone after it runs: a dropped table or column (the inverse cannot bring it back).
    DeletesData,
    /// Stored values change without an error: rounding to fewer decimals or fractional
    /// seconds, `double` → `real`, a time zone added or dropped (the inverse cannot bring
    /// the old values back).
    LossyConversion,
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
            Hazard::LossyConversion => "lossy-conversion",
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
            Hazard::LossyConversion => {
                "existing values are rounded or reinterpreted without an error; the downgrade does not restore them"
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

    /// Whether running the operation loses information that its inverse cannot restore
    /// (`deletes-data`, `lossy-conversion`): such steps need the same care as a drop.
    pub fn is_destructive(self) -> bool {
        matches!(self, Hazard::DeletesData | Hazard::LossyConversion)
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

/// What a column type change does to the values already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    /// Every value is kept and the table is not rewritten (PostgreSQL's binary-coercible
    /// changes: a longer or unlimited `varchar`, `varchar` → `text`).
    Free,
    /// Every value is kept; the table is rewritten.
    Widening,
    /// Values that do not fit make it fail, and nothing changes (fewer integer bits or
    /// digits, a shorter string).
    Narrowing,
    /// Values change without an error (rounding to fewer decimals or fractional seconds,
    /// `double` → `real`, a time zone added or dropped, a number cast to boolean).
    Lossy {
        /// Whether values out of range also make it fail.
        may_fail: bool,
    },
    /// A cast between unrelated types: fails on values that do not convert.
    Cast,
}

/// Decimal digits an integer type needs.
fn integer_digits(t: &ColumnType) -> Option<u32> {
    use ColumnType as T;
    match t {
        T::TinyInt => Some(3),
        T::SmallInt => Some(5),
        T::Integer => Some(10),
        T::BigInt => Some(19),
        _ => None,
    }
}

/// `(integer digits, scale)` of a decimal on `dialect`; `u32::MAX` for unbounded.
/// PostgreSQL's bare `numeric` is unbounded and `numeric(p)` has scale 0; MySQL's bare
/// `decimal` is `decimal(10,0)`.
fn decimal_digits(
    precision: Option<u32>,
    scale: Option<u32>,
    dialect: Option<Dialect>,
) -> (u32, u32) {
    match (precision, scale) {
        (None, _) if dialect == Some(Dialect::Mysql) => (10, 0),
        (None, _) => (u32::MAX, u32::MAX),
        (Some(p), s) => {
            let s = s.unwrap_or(0);
            (p.saturating_sub(s), s)
        }
    }
}

/// Fractional-second digits of a time or timestamp: unspecified is 6 on PostgreSQL, 0 on
/// MySQL.
fn fraction_digits(precision: Option<u32>, dialect: Option<Dialect>) -> u32 {
    precision.unwrap_or(if dialect == Some(Dialect::Mysql) {
        0
    } else {
        6
    })
}

fn is_string(t: &ColumnType) -> bool {
    matches!(
        t,
        ColumnType::Varchar { .. } | ColumnType::Char { .. } | ColumnType::Text
    )
}

/// Bounded string length, `None` for unlimited.
fn string_length(t: &ColumnType) -> Option<u32> {
    match t {
        ColumnType::Varchar { length } | ColumnType::Char { length } => *length,
        _ => None,
    }
}

/// Classifies the change of a column's type from `from` to `to` on `dialect` (the
/// portable answer when `None`). Unspecified precisions count as the dialect's default.
pub fn conversion(from: &ColumnType, to: &ColumnType, dialect: Option<Dialect>) -> Conversion {
    use ColumnType as T;
    use Conversion::*;
    if from == to {
        return Free;
    }
    let lossy = |may_fail| Lossy { may_fail };
    match (from, to) {
        // Strings.
        (T::Varchar { length: Some(a) }, T::Varchar { length: b }) if b.is_none_or(|b| b >= *a) => {
            Free
        }
        (T::Varchar { .. }, T::Text | T::Varchar { length: None }) => Free,
        (a, b) if is_string(a) && is_string(b) => match (string_length(a), string_length(b)) {
            (_, None) => Widening,
            (None, Some(_)) => Narrowing,
            (Some(x), Some(y)) if y < x => Narrowing,
            // varchar → char pads; char → varchar keeps the padding or trims it, as each
            // backend does for `char`: what fits is kept.
            _ => Widening,
        },
        // Integers.
        (a, b) if integer_digits(a).is_some() && integer_digits(b).is_some() => {
            if integer_digits(b) < integer_digits(a) {
                Narrowing
            } else {
                Widening
            }
        }
        (T::Boolean, b) if integer_digits(b).is_some() => Widening,
        (a, T::Boolean) if integer_digits(a).is_some() => lossy(true),
        (a, T::Decimal { precision, scale }) if integer_digits(a).is_some() => {
            let (digits, _) = decimal_digits(*precision, *scale, dialect);
            if digits < integer_digits(a).unwrap_or(0) {
                Narrowing
            } else {
                Widening
            }
        }
        (T::Decimal { precision, scale }, b) if integer_digits(b).is_some() => {
            let (digits, s) = decimal_digits(*precision, *scale, dialect);
            if s > 0 {
                lossy(true)
            } else if digits > integer_digits(b).unwrap_or(0) {
                Narrowing
            } else {
                Widening
            }
        }
        (
            T::Decimal {
                precision: pa,
                scale: sa,
            },
            T::Decimal {
                precision: pb,
                scale: sb,
            },
        ) => {
            let (ia, sa) = decimal_digits(*pa, *sa, dialect);
            let (ib, sb) = decimal_digits(*pb, *sb, dialect);
            match (sb < sa, ib < ia) {
                (true, may_fail) => lossy(may_fail),
                (false, true) => Narrowing,
                (false, false) => Widening,
            }
        }
        // Floating point: `real` has 24 bits of mantissa, `double` 53.
        (T::Real, T::Double) => Widening,
        (T::Double, T::Real) => lossy(true),
        (T::TinyInt | T::SmallInt, T::Real | T::Double) | (T::Integer, T::Double) => Widening,
        (a, T::Real | T::Double) if integer_digits(a).is_some() => lossy(false),
        (T::Decimal { .. }, T::Double) => lossy(false),
        (T::Decimal { .. }, T::Real) => lossy(true),
        (T::Real | T::Double, b) if integer_digits(b).is_some() => lossy(true),
        (T::Real | T::Double, T::Decimal { .. }) => lossy(true),
        // Dates and times.
        (
            T::Timestamp {
                precision: pa,
                tz: za,
            },
            T::Timestamp {
                precision: pb,
                tz: zb,
            },
        )
        | (
            T::Time {
                precision: pa,
                tz: za,
            },
            T::Time {
                precision: pb,
                tz: zb,
            },
        ) => {
            if za != zb {
                // MySQL's `timestamp` (with zone) holds 1970–2038 only.
                lossy(dialect == Some(Dialect::Mysql) || dialect.is_none())
            } else if fraction_digits(*pb, dialect) < fraction_digits(*pa, dialect) {
                lossy(false)
            } else {
                Widening
            }
        }
        (T::Timestamp { .. }, T::Date | T::Time { .. }) => lossy(false),
        (T::Date, T::Timestamp { .. }) => Widening,
        // Binary strings.
        (T::VarBinary { length: a }, T::VarBinary { length: b }) => {
            if b < a {
                Narrowing
            } else {
                Widening
            }
        }
        (T::Binary { length: a }, T::Binary { length: b }) => match (a, b) {
            (Some(a), Some(b)) if b < a => Narrowing,
            (None, Some(_)) => Narrowing,
            _ => Widening,
        },
        (T::Binary { .. } | T::VarBinary { .. }, T::Blob) => Widening,
        (T::Blob, T::Binary { .. } | T::VarBinary { .. }) => Narrowing,
        // Enumerations: text or a superset keeps every value.
        (T::InlineEnum { values: a }, T::InlineEnum { values: b }) => {
            if a.iter().all(|v| b.contains(v)) {
                Widening
            } else {
                Narrowing
            }
        }
        (T::Enum { .. } | T::InlineEnum { .. }, b)
            if is_string(b) && string_length(b).is_none() =>
        {
            Widening
        }
        (T::Jsonb, T::Json) => Widening,
        (T::Json | T::Jsonb | T::Uuid | T::Date | T::Time { .. } | T::Timestamp { .. }, b)
            if is_string(b) && string_length(b).is_none() =>
        {
            Widening
        }
        (a, b) if integer_digits(a).is_some() && is_string(b) && string_length(b).is_none() => {
            Widening
        }
        (T::Array { element: a }, T::Array { element: b }) => conversion(a, b, dialect),
        _ => Cast,
    }
}

/// Whether changing `from` to `to` can lose information: values that no longer fit make
/// it fail (narrowing) or change silently (lossy).
pub fn is_narrowing(from: &ColumnType, to: &ColumnType) -> bool {
    matches!(
        conversion(from, to, None),
        Conversion::Narrowing | Conversion::Lossy { .. }
    )
}

fn column_change_hazards(
    from: &Column,
    to: &Column,
    dialect: Option<Dialect>,
    out: &mut Vec<Hazard>,
) {
    if from.ty != to.ty {
        match conversion(&from.ty, &to.ty, dialect) {
            Conversion::Free => {}
            Conversion::Widening => out.push(Hazard::RewritesTable),
            Conversion::Narrowing => out.extend([
                Hazard::RewritesTable,
                Hazard::DataDependent,
                Hazard::BackwardIncompatible,
            ]),
            Conversion::Lossy { may_fail } => {
                out.extend([
                    Hazard::RewritesTable,
                    Hazard::LossyConversion,
                    Hazard::BackwardIncompatible,
                ]);
                if may_fail {
                    out.push(Hazard::DataDependent);
                }
            }
            Conversion::Cast => out.extend([Hazard::RewritesTable, Hazard::DataDependent]),
        }
    }
    if from.nullable && !to.nullable {
        out.extend([Hazard::FullScanUnderLock, Hazard::DataDependent]);
    }
    if !from.nullable && to.nullable {
        out.push(Hazard::BackwardIncompatible);
    }
    // A default that goes (and no identity takes its place) changes what inserts that
    // leave the column out get: NULL, or an error on a NOT NULL column (squawk's
    // `ban-drop-default`).
    if from.default.is_some() && to.default.is_none() && to.identity.is_none() {
        out.push(Hazard::BackwardIncompatible);
    }
    if from.identity != to.identity {
        identity_change_hazards(from.identity, to.identity, dialect, out);
    }
    let (a, b) = (&from.identity_options, &to.identity_options);
    if from.identity.is_some()
        && to.identity.is_some()
        && (a.min, a.max, a.increment) != (b.min, b.max, b.increment)
    {
        // The sequence restarts and continues past the rows; rows outside the new range
        // make that fail.
        out.push(Hazard::DataDependent);
    }
}

/// A change of how the database generates a column's values. On PostgreSQL serial ↔
/// identity swaps a default for an identity (or back) in place, with the counter carried
/// over (`setval`), so the table is not rewritten and no value changes; what breaks is
/// code: `GENERATED ALWAYS` refuses inserts that give the value, and a column that stops
/// generating refuses inserts that leave it out. MySQL adds or removes `AUTO_INCREMENT`
/// with `MODIFY COLUMN`, which copies the table; SQLite rebuilds it (its own hazards).
fn identity_change_hazards(
    from: Option<Identity>,
    to: Option<Identity>,
    dialect: Option<Dialect>,
    out: &mut Vec<Hazard>,
) {
    if to == Some(Identity::Always) || to.is_none() {
        out.push(Hazard::BackwardIncompatible);
    }
    if dialect == Some(Dialect::Mysql) && from.is_some() != to.is_some() {
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
            AlterColumn { from, to, .. } => column_change_hazards(from, to, dialect, &mut h),
            CreateIndex { index, .. } => {
                h.push(Hazard::BlocksWrites);
                if index.unique {
                    h.push(Hazard::DataDependent);
                }
            }
            AddUnique { .. } | AddPrimaryKey { .. } | AddExclusion { .. } => {
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
                        Some(new) => column_change_hazards(old, new, dialect, &mut h),
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
                // A unique, check or foreign key the copy leaves out is a dropped guarantee
                // (as `DropUnique` and its kin above). Compared by what they enforce, not
                // by name: SQLite does not keep every constraint's name.
                let dropped_guarantee = from
                    .uniques
                    .iter()
                    .any(|u| !to.uniques.iter().any(|v| v.columns == u.columns))
                    || from
                        .checks
                        .iter()
                        .any(|c| !to.checks.iter().any(|d| d.expression == c.expression))
                    || from.foreign_keys.iter().any(|f| {
                        !to.foreign_keys
                            .iter()
                            .any(|g| g.columns == f.columns && g.ref_table == f.ref_table)
                    });
                if dropped_guarantee {
                    h.push(Hazard::BackwardIncompatible);
                }
            }
            // Online forms: no lock that blocks writes, but on PostgreSQL they cannot share
            // a transaction (MySQL's DDL commits at once in either form).
            CreateIndexConcurrently { index, .. } => {
                if dialect != Some(Dialect::Mysql) {
                    h.push(Hazard::NonTransactional);
                }
                if index.unique {
                    h.push(Hazard::DataDependent);
                }
            }
            // Each batch of the backfill commits on its own; no lock that blocks writes.
            AddColumnOnline { .. } => h.push(Hazard::NonTransactional),
            DropIndexConcurrently { index, .. } => {
                if dialect != Some(Dialect::Mysql) {
                    h.push(Hazard::NonTransactional);
                }
                if index.unique {
                    h.push(Hazard::BackwardIncompatible);
                }
            }
            AddUniqueOnline { .. } if dialect == Some(Dialect::Mysql) => {
                h.push(Hazard::DataDependent)
            }
            AddForeignKeyOnline { .. }
            | AddCheckOnline { .. }
            | AddUniqueOnline { .. }
            | AddPrimaryKeyOnline { .. }
            | SetNotNullOnline { .. } => {
                h.extend([Hazard::DataDependent, Hazard::NonTransactional])
            }
            // A view or trigger that goes for good breaks whatever reads it or relies on
            // it; one dropped only to be recreated around a table change does not.
            DropView { because: None, .. } | DropTrigger { because: None, .. } => {
                h.push(Hazard::BackwardIncompatible)
            }
            DropView { .. } | DropTrigger { .. } | CreateView { .. } | CreateTrigger { .. } => {}
            // Replaced only when its columns stay: what reads the view keeps working.
            ReplaceView { .. } => {}
            // A routine dropped breaks its callers, even when the plan creates another
            // under the same name (its result or arguments differ).
            DropFunction { .. } => h.push(Hazard::BackwardIncompatible),
            CreateFunction { .. } | ReplaceFunction { .. } => {}
            // What goes for good breaks what relies on it; dropping an extension drops
            // the objects it owns, and a policy or RLS turned on hides rows from readers.
            DropExtension { .. } | DropDomain { .. } | DropPolicy { .. } => {
                h.push(Hazard::BackwardIncompatible)
            }
            // The schema's own objects are dropped (each with its hazards) before it; the
            // drop is still the end of a namespace code may name, and `DROP SCHEMA` is
            // where a reviewer must stop.
            DropSchema { .. } => h.extend([Hazard::DeletesData, Hazard::BackwardIncompatible]),
            SetRowSecurity { from, to, .. } => {
                if (to.enabled && !from.enabled) || (to.forced && !from.forced) {
                    h.push(Hazard::BackwardIncompatible)
                }
            }
            // A new NOT NULL or check is checked against every stored value of the domain.
            AlterDomain { from, to } => {
                let added_check = to.checks.iter().any(|c| !from.checks.contains(c));
                if (to.not_null && !from.not_null) || added_check {
                    h.push(Hazard::DataDependent)
                }
            }
            CreateExtension { .. }
            | CreateSchema { .. }
            | AlterExtension { .. }
            | CreateDomain { .. }
            | CreatePolicy { .. }
            | SetPartComment { .. }
            | SetTypeComment { .. } => {}
            // A dropped guarantee breaks what relied on it, as a dropped NOT NULL does:
            // `ON CONFLICT` on the key, a cascade, code that trusts the check; and the
            // downgrade, which adds it back, fails on rows written in between (squawk's
            // `ban-drop-constraint`).
            DropPrimaryKey { .. }
            | DropUnique { .. }
            | DropForeignKey { .. }
            | DropCheck { .. }
            | DropExclusion { .. } => h.push(Hazard::BackwardIncompatible),
            // `DROP INDEX` takes the table's strongest lock (PostgreSQL `ACCESS EXCLUSIVE`,
            // MySQL's metadata lock) and waits behind every query on it; a unique one is
            // also a dropped guarantee.
            DropIndex { index, .. } => {
                if dialect != Some(Dialect::Sqlite) {
                    h.push(Hazard::BlocksWrites);
                }
                if index.unique {
                    h.push(Hazard::BackwardIncompatible);
                }
            }
            CreateEnum { .. } | CreateTable { .. } | SetTableComment { .. } | RawSql { .. } => {}
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
