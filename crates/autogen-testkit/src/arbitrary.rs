//! Random schemas and random edits for property tests.
//!
//! Schemas are generated from a seed; edits are a proptest-shrinkable list of
//! [`EditKind`]s, each applied with choices drawn from the seed. Everything generated is
//! valid on PostgreSQL, MariaDB and SQLite alike (no index on text, foreign keys between
//! integer columns only, no renames of columns that checks mention, …).

use autogen_schema::{
    Check, Column, ColumnType, DefaultValue, EnumType, FkAction, ForeignKey, Index, IndexPart,
    PrimaryKey, Schema, Table, UniqueConstraint,
};
use proptest::prelude::*;

/// A small deterministic generator (xorshift64*), so a case reproduces from its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }

    /// True with probability 1/`n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Every kind of edit a plan must handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// Create a table.
    AddTable,
    /// Drop a table (and the keys pointing at it).
    DropTable,
    /// Rename a table, declared with `renamed_from`.
    RenameTable,
    /// Add a column.
    AddColumn,
    /// Drop a column (and what uses it).
    DropColumn,
    /// Rename a column, declared with `renamed_from`.
    RenameColumn,
    /// Change a column's type within its family.
    AlterType,
    /// Flip NULL / NOT NULL.
    ToggleNullable,
    /// Set, change or remove a default.
    ChangeDefault,
    /// Set, change or remove a column comment.
    ChangeColumnComment,
    /// Set, change or remove a table comment.
    ChangeTableComment,
    /// Add an index.
    AddIndex,
    /// Drop an index.
    DropIndex,
    /// Add a unique constraint.
    AddUnique,
    /// Drop a unique constraint.
    DropUnique,
    /// Add a foreign key (with a new column).
    AddForeignKey,
    /// Drop a foreign key.
    DropForeignKey,
    /// Add a check constraint.
    AddCheck,
    /// Drop a check constraint.
    DropCheck,
    /// Create an enum type and a column using it.
    CreateEnum,
    /// Add a value to an enum, at a random position.
    AddEnumValue,
}

impl EditKind {
    /// All kinds.
    pub const ALL: [EditKind; 21] = [
        EditKind::AddTable,
        EditKind::DropTable,
        EditKind::RenameTable,
        EditKind::AddColumn,
        EditKind::DropColumn,
        EditKind::RenameColumn,
        EditKind::AlterType,
        EditKind::ToggleNullable,
        EditKind::ChangeDefault,
        EditKind::ChangeColumnComment,
        EditKind::ChangeTableComment,
        EditKind::AddIndex,
        EditKind::DropIndex,
        EditKind::AddUnique,
        EditKind::DropUnique,
        EditKind::AddForeignKey,
        EditKind::DropForeignKey,
        EditKind::AddCheck,
        EditKind::DropCheck,
        EditKind::CreateEnum,
        EditKind::AddEnumValue,
    ];
}

/// A proptest strategy: a schema seed, an edit seed and 1 to `max_edits` edit kinds.
pub fn case_strategy(max_edits: usize) -> impl Strategy<Value = (u64, u64, Vec<EditKind>)> {
    (
        any::<u64>(),
        any::<u64>(),
        prop::collection::vec(prop::sample::select(EditKind::ALL.to_vec()), 1..=max_edits),
    )
}

/// Column types used: every family, each indexable or not as the dialects agree.
fn random_type(rng: &mut Rng) -> ColumnType {
    use ColumnType as T;
    match rng.below(12) {
        0 => T::SmallInt,
        1 | 2 => T::Integer,
        3 => T::BigInt,
        4 => T::varchar(*rng.pick(&[16, 64, 255])),
        5 => T::Text,
        6 => T::Boolean,
        7 => T::Decimal {
            precision: Some(*rng.pick(&[8, 10, 12])),
            scale: Some(*rng.pick(&[0, 2, 4])),
        },
        8 => T::Double,
        9 => T::Timestamp {
            precision: None,
            tz: rng.one_in(2),
        },
        10 => T::Uuid,
        _ => {
            if rng.one_in(2) {
                T::Json
            } else {
                T::Date
            }
        }
    }
}

fn is_indexable(ty: &ColumnType) -> bool {
    !matches!(
        ty,
        ColumnType::Text | ColumnType::Json | ColumnType::Jsonb | ColumnType::Enum { .. }
    )
}

fn random_default(rng: &mut Rng, ty: &ColumnType) -> Option<DefaultValue> {
    use ColumnType as T;
    if rng.one_in(2) {
        return None;
    }
    Some(match ty {
        T::SmallInt | T::Integer | T::BigInt => {
            DefaultValue::Number(rng.pick(&["0", "42", "-1"]).to_string())
        }
        T::Varchar { .. } | T::Text => {
            DefaultValue::String(rng.pick(&["abc", "it's", ""]).to_string())
        }
        T::Boolean => DefaultValue::Bool(rng.one_in(2)),
        T::Double => DefaultValue::Number("1.5".into()),
        // Whole numbers: MySQL rounds a default with more decimals than the column keeps.
        T::Decimal { .. } => DefaultValue::Number(rng.pick(&["0", "42"]).to_string()),
        T::Timestamp { .. } => DefaultValue::CurrentTimestamp { precision: None },
        _ => return None,
    })
}

fn random_comment(rng: &mut Rng) -> Option<String> {
    match rng.below(3) {
        0 => None,
        1 => Some(format!("note {}", rng.below(100))),
        _ => Some("it's a comment".into()),
    }
}

fn new_column(rng: &mut Rng, name: String) -> Column {
    let ty = random_type(rng);
    let mut c = Column::new(name, ty.clone());
    c.nullable = !rng.one_in(3);
    c.default = random_default(rng, &ty);
    c.comment = if rng.one_in(3) {
        random_comment(rng)
    } else {
        None
    };
    c
}

fn new_table(rng: &mut Rng, name: &str) -> Table {
    let mut t = Table::new(name);
    let mut id = Column::new("id", ColumnType::Integer);
    id.nullable = false;
    t.columns.push(id);
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some(format!("{name}_pkey")),
        columns: vec!["id".into()],
    });
    for i in 0..1 + rng.below(4) {
        t.columns.push(new_column(rng, format!("c{i}")));
    }
    if rng.one_in(3) {
        t.comment = random_comment(rng);
    }
    t
}

/// A random schema of 1 to 4 tables, with some indexes, constraints and keys.
pub fn schema(seed: u64) -> Schema {
    let mut rng = Rng::new(seed);
    let mut s = Schema::default();
    for i in 0..1 + rng.below(4) {
        let name = format!("t{i}");
        s.tables.insert(name.clone(), new_table(&mut rng, &name));
    }
    let kinds = [
        EditKind::AddIndex,
        EditKind::AddUnique,
        EditKind::AddForeignKey,
        EditKind::AddCheck,
    ];
    for _ in 0..rng.below(5) {
        edit(&mut s, *rng.pick(&kinds), &mut rng);
    }
    s
}

/// Applies the edits to a copy of `schema`.
pub fn edited(schema: &Schema, edits: &[EditKind], seed: u64) -> Schema {
    let mut s = schema.clone();
    let mut rng = Rng::new(seed);
    for kind in edits {
        edit(&mut s, *kind, &mut rng);
    }
    s
}

/// Removes `renamed_from` hints (not database facts) for comparing with reflection.
pub fn without_hints(schema: Schema) -> Schema {
    schema.without_hints()
}

fn fresh_name(rng: &mut Rng, prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    loop {
        let n = format!("{prefix}{}", rng.below(1000));
        if !taken(&n) {
            return n;
        }
    }
}

/// Columns a check or an index expression could mention, or keys use: left alone by
/// renames and type changes.
fn is_pinned(t: &Table, column: &str) -> bool {
    let named = |cols: &[String]| cols.iter().any(|c| c == column);
    column == "id"
        || t.foreign_keys.iter().any(|f| named(&f.columns))
        || t.uniques.iter().any(|u| named(&u.columns))
        || t.checks.iter().any(|c| c.expression.contains(column))
        || t.indexes
            .iter()
            .any(|i| i.column_names().is_some_and(|cols| cols.contains(&column)))
}

fn pick_table<'a>(s: &'a mut Schema, rng: &mut Rng) -> Option<&'a mut Table> {
    let names: Vec<String> = s.tables.keys().cloned().collect();
    if names.is_empty() {
        return None;
    }
    let name = rng.pick(&names).clone();
    s.tables.get_mut(&name)
}

fn free_columns(t: &Table, keep: impl Fn(&Column) -> bool) -> Vec<String> {
    t.columns
        .iter()
        .filter(|c| !is_pinned(t, &c.name) && keep(c))
        .map(|c| c.name.clone())
        .collect()
}

/// Applies one edit of `kind`, if the schema has something it can apply to.
pub fn edit(s: &mut Schema, kind: EditKind, rng: &mut Rng) {
    use EditKind::*;
    match kind {
        AddTable => {
            if s.tables.len() < 6 {
                let name = fresh_name(rng, "n", |n| s.tables.contains_key(n));
                let t = new_table(rng, &name);
                s.tables.insert(name, t);
            }
        }
        DropTable => {
            if s.tables.len() > 1 {
                let names: Vec<String> = s.tables.keys().cloned().collect();
                let victim = rng.pick(&names).clone();
                s.tables.remove(&victim);
                for t in s.tables.values_mut() {
                    t.foreign_keys.retain(|f| f.ref_table != victim);
                }
            }
        }
        RenameTable => {
            let names: Vec<String> = s.tables.keys().cloned().collect();
            let old = rng.pick(&names).clone();
            let new = fresh_name(rng, "r", |n| s.tables.contains_key(n) || n == old);
            let mut t = s.tables.remove(&old).expect("picked");
            t.name = new.clone();
            t.renamed_from = Some(old.clone());
            s.tables.insert(new.clone(), t);
            for t in s.tables.values_mut() {
                for f in &mut t.foreign_keys {
                    if f.ref_table == old {
                        f.ref_table = new.clone();
                    }
                }
            }
        }
        AddColumn => {
            if let Some(t) = pick_table(s, rng) {
                let name = fresh_name(rng, "a", |n| t.column(n).is_some());
                let c = new_column(rng, name);
                t.columns.push(c);
            }
        }
        DropColumn => {
            if let Some(t) = pick_table(s, rng) {
                let cols = free_columns(t, |_| true);
                if !cols.is_empty() {
                    let victim = rng.pick(&cols).clone();
                    t.columns.retain(|c| c.name != victim);
                }
            }
        }
        RenameColumn => {
            if let Some(t) = pick_table(s, rng) {
                // Databases rename the column in keys, indexes and checks too.
                let cols: Vec<String> = t
                    .columns
                    .iter()
                    .filter(|c| c.name != "id")
                    .map(|c| c.name.clone())
                    .collect();
                if !cols.is_empty() {
                    let old = rng.pick(&cols).clone();
                    let new = fresh_name(rng, "m", |n| t.column(n).is_some() || n == old);
                    rename_column(t, &old, &new);
                }
            }
        }
        AlterType => {
            if let Some(t) = pick_table(s, rng) {
                let cols = free_columns(t, |c| family_sibling(&c.ty, &mut Rng::new(0)).is_some());
                if !cols.is_empty() {
                    let name = rng.pick(&cols).clone();
                    let c = t.columns.iter_mut().find(|c| c.name == name).expect("free");
                    if let Some(ty) = family_sibling(&c.ty, rng) {
                        c.ty = ty;
                        // A default of the old type may not fit the new one.
                        if c.default.is_some() {
                            c.default = random_default(&mut Rng::new(1), &c.ty);
                        }
                    }
                }
            }
        }
        ToggleNullable => {
            if let Some(t) = pick_table(s, rng) {
                let cols = free_columns(t, |_| true);
                if !cols.is_empty() {
                    let name = rng.pick(&cols).clone();
                    let c = t.columns.iter_mut().find(|c| c.name == name).expect("free");
                    c.nullable = !c.nullable;
                }
            }
        }
        ChangeDefault => {
            if let Some(t) = pick_table(s, rng) {
                let cols = free_columns(t, |_| true);
                if !cols.is_empty() {
                    let name = rng.pick(&cols).clone();
                    let c = t.columns.iter_mut().find(|c| c.name == name).expect("free");
                    c.default = random_default(rng, &c.ty);
                }
            }
        }
        ChangeColumnComment => {
            if let Some(t) = pick_table(s, rng) {
                let i = rng.below(t.columns.len());
                t.columns[i].comment = random_comment(rng);
            }
        }
        ChangeTableComment => {
            if let Some(t) = pick_table(s, rng) {
                t.comment = random_comment(rng);
            }
        }
        AddIndex => {
            if let Some(t) = pick_table(s, rng) {
                let cols = free_columns(t, |c| is_indexable(&c.ty));
                if !cols.is_empty() {
                    let name = fresh_name(rng, &format!("{}_ix", t.name), |n| t.index(n).is_some());
                    let mut parts = vec![IndexPart::column(rng.pick(&cols).clone())];
                    if cols.len() > 1 && rng.one_in(2) {
                        let second = rng.pick(&cols).clone();
                        if parts[0] != IndexPart::column(second.clone()) {
                            parts.push(IndexPart::column(second));
                        }
                    }
                    parts[0].descending = rng.one_in(3);
                    t.indexes.push(Index {
                        options: Default::default(),
                        name,
                        unique: rng.one_in(3),
                        parts,
                        method: Default::default(),
                        predicate: None,
                    });
                }
            }
        }
        DropIndex => {
            if let Some(t) = pick_table(s, rng)
                && !t.indexes.is_empty()
            {
                let i = rng.below(t.indexes.len());
                t.indexes.remove(i);
            }
        }
        AddUnique => {
            if let Some(t) = pick_table(s, rng) {
                let cols = free_columns(t, |c| is_indexable(&c.ty));
                if !cols.is_empty() {
                    let name =
                        fresh_name(rng, &format!("{}_uq", t.name), |n| t.unique(n).is_some());
                    t.uniques.push(UniqueConstraint {
                        deferrable: Default::default(),
                        nulls_not_distinct: false,
                        name,
                        columns: vec![rng.pick(&cols).clone()],
                    });
                }
            }
        }
        DropUnique => {
            if let Some(t) = pick_table(s, rng)
                && !t.uniques.is_empty()
            {
                let i = rng.below(t.uniques.len());
                t.uniques.remove(i);
            }
        }
        AddForeignKey => {
            let names: Vec<String> = s.tables.keys().cloned().collect();
            let target = rng.pick(&names).clone();
            if let Some(t) = pick_table(s, rng) {
                let column = fresh_name(rng, &format!("{target}_ref"), |n| t.column(n).is_some());
                t.columns
                    .push(Column::new(column.clone(), ColumnType::Integer));
                let name = fresh_name(rng, &format!("{}_fk", t.name), |n| {
                    t.foreign_key(n).is_some()
                });
                let actions = [FkAction::NoAction, FkAction::Cascade, FkAction::SetNull];
                t.foreign_keys.push(ForeignKey {
                    deferrable: Default::default(),
                    not_valid: false,
                    name,
                    columns: vec![column],
                    ref_table: target,
                    ref_columns: vec!["id".into()],
                    on_delete: *rng.pick(&actions),
                    on_update: FkAction::NoAction,
                });
            }
        }
        DropForeignKey => {
            if let Some(t) = pick_table(s, rng)
                && !t.foreign_keys.is_empty()
            {
                let i = rng.below(t.foreign_keys.len());
                t.foreign_keys.remove(i);
            }
        }
        AddCheck => {
            if let Some(t) = pick_table(s, rng) {
                let cols = free_columns(t, |c| c.ty.is_integer());
                if !cols.is_empty() {
                    let col = rng.pick(&cols).clone();
                    let name = fresh_name(rng, &format!("{}_ck", t.name), |n| t.check(n).is_some());
                    t.checks.push(Check {
                        not_valid: false,
                        no_inherit: false,
                        name,
                        expression: format!("{col} >= 0"),
                    });
                }
            }
        }
        DropCheck => {
            if let Some(t) = pick_table(s, rng)
                && !t.checks.is_empty()
            {
                let i = rng.below(t.checks.len());
                t.checks.remove(i);
            }
        }
        CreateEnum => {
            let name = fresh_name(rng, "mood", |n| s.enums.contains_key(n));
            s.enums.insert(
                name.clone(),
                EnumType {
                    name: name.clone(),
                    values: vec!["happy".into(), "sad".into()],
                },
            );
            if let Some(t) = pick_table(s, rng) {
                let column = fresh_name(rng, "e", |n| t.column(n).is_some());
                t.columns
                    .push(Column::new(column, ColumnType::Enum { name: name.clone() }));
            }
        }
        AddEnumValue => {
            let names: Vec<String> = s.enums.keys().cloned().collect();
            if !names.is_empty() {
                let name = rng.pick(&names).clone();
                let e = s.enums.get_mut(&name).expect("picked");
                let value = format!("v{}", rng.below(1000));
                if !e.values.contains(&value) {
                    let at = rng.below(e.values.len() + 1);
                    e.values.insert(at, value);
                }
            }
        }
    }
}

/// Renames a column everywhere the table mentions it, as a database does.
fn rename_column(t: &mut Table, old: &str, new: &str) {
    use autogen_schema::sql_text::replace_identifier;
    let rename = |c: &mut String| {
        if c == old {
            *c = new.to_string();
        }
    };
    for c in &mut t.columns {
        if c.name == old {
            c.name = new.to_string();
            c.renamed_from = Some(old.to_string());
        }
    }
    for u in &mut t.uniques {
        u.columns.iter_mut().for_each(rename);
    }
    for f in &mut t.foreign_keys {
        f.columns.iter_mut().for_each(rename);
    }
    for i in &mut t.indexes {
        for p in &mut i.parts {
            if let autogen_schema::IndexTarget::Column(c) = &mut p.target {
                rename(c);
            }
        }
    }
    for c in &mut t.checks {
        c.expression = replace_identifier(&c.expression, old, new);
    }
}

/// Another type of the same family, castable on every dialect.
fn family_sibling(ty: &ColumnType, rng: &mut Rng) -> Option<ColumnType> {
    use ColumnType as T;
    let family: Vec<ColumnType> = match ty {
        T::SmallInt | T::Integer | T::BigInt => vec![T::SmallInt, T::Integer, T::BigInt],
        T::Varchar { .. } | T::Text => {
            vec![T::varchar(16), T::varchar(64), T::varchar(255), T::Text]
        }
        T::Decimal { .. } => vec![
            T::Decimal {
                precision: Some(8),
                scale: Some(2),
            },
            T::Decimal {
                precision: Some(12),
                scale: Some(4),
            },
        ],
        T::Timestamp { .. } => vec![
            T::Timestamp {
                precision: None,
                tz: false,
            },
            T::Timestamp {
                precision: None,
                tz: true,
            },
        ],
        _ => return None,
    };
    let others: Vec<ColumnType> = family.into_iter().filter(|t| t != ty).collect();
    Some(rng.pick(&others).clone())
}
