//! Validation of a [`Schema`] at the boundary (models JSON, snapshots, JSON files): what
//! no database would accept is reported, with the table and column at fault, before any
//! DDL is written from it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::Dialect;
use crate::ir::{ColumnType, IndexTarget, Schema, Table};

/// One problem of a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The table at fault, if any.
    pub table: Option<String>,
    /// The column, index or constraint at fault, if any (`column x`, `index y`, …).
    pub object: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names are shown with `{:?}` so that control characters cannot hide.
        match (&self.table, &self.object) {
            (Some(t), Some(o)) => write!(f, "table {t:?}, {o}: {}", self.message),
            (Some(t), None) => write!(f, "table {t:?}: {}", self.message),
            (None, Some(o)) => write!(f, "{o}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// All problems of a schema, shown one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "invalid schema ({n} problem{}):",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// The longest name, in bytes, each dialect keeps. PostgreSQL silently truncates longer
/// names (NAMEDATALEN − 1); MySQL refuses names over 64 characters.
fn max_name_bytes(dialect: Dialect) -> Option<usize> {
    match dialect {
        Dialect::Postgres => Some(63),
        Dialect::Mysql => Some(64),
        Dialect::Sqlite => None,
    }
}

struct Checker<'a> {
    dialects: &'a [Dialect],
    errors: Vec<ValidationError>,
}

impl Checker<'_> {
    fn push(&mut self, table: Option<&str>, object: Option<String>, message: String) {
        self.errors.push(ValidationError {
            table: table.map(str::to_string),
            object,
            message,
        });
    }

    /// A name must be non-empty, free of NUL, and within every dialect's limit.
    fn name(&mut self, table: Option<&str>, object: Option<String>, name: &str) {
        if name.is_empty() {
            self.push(table, object, "the name is empty".into());
            return;
        }
        if name.contains('\0') {
            self.push(table, object, "the name contains a NUL character".into());
            return;
        }
        self.limits(table, object, name);
    }

    /// [`Checker::name`] of a table or type, which may be in another PostgreSQL schema.
    fn object_name(&mut self, table: Option<&str>, object: Option<String>, name: &str) {
        if let (Some(schema), bare) = crate::qualified::split(name) {
            // An object of another PostgreSQL schema (`crate::qualified`): one separator,
            // both parts valid names, and only where PostgreSQL is a target.
            if schema.is_empty() || bare.is_empty() || bare.contains('\0') {
                self.push(table, object, "the name contains a NUL character".into());
                return;
            }
            if !self.dialects.contains(&Dialect::Postgres) {
                self.push(
                    table,
                    object,
                    format!(
                        "is in schema {schema:?}: schemas other than the default one are \
                         PostgreSQL only"
                    ),
                );
                return;
            }
            self.name(table, object.clone(), schema);
            self.name(table, object, bare);
            return;
        }
        self.name(table, object, name);
    }

    /// The length limits of the dialects.
    fn limits(&mut self, table: Option<&str>, object: Option<String>, name: &str) {
        for &d in self.dialects {
            let Some(max) = max_name_bytes(d) else {
                continue;
            };
            let too_long = match d {
                Dialect::Mysql => name.chars().count() > max,
                _ => name.len() > max,
            };
            if too_long {
                self.push(
                    table,
                    object.clone(),
                    format!("the name {name:?} is longer than {d} allows ({max})"),
                );
                return;
            }
        }
    }
}

impl Schema {
    /// Checks that every DDL written from this schema can apply: names non-empty, without
    /// NUL and within the length `dialect` allows (every dialect's when `None`: autogen
    /// writes migrations for all three); no duplicate columns or constraint names; keys,
    /// indexes and foreign keys naming columns (and tables) that exist; sizes that mean
    /// something (`varchar(0)`, scale > precision are refused); enum types that exist.
    pub fn validate(&self, dialect: Option<Dialect>) -> Result<(), ValidationErrors> {
        let dialects: &[Dialect] = match &dialect {
            Some(d) => std::slice::from_ref(d),
            None => &Dialect::ALL,
        };
        let mut c = Checker {
            dialects,
            errors: Vec::new(),
        };
        for (key, e) in &self.enums {
            c.object_name(None, Some(format!("enum {key:?}")), key);
            if !e.name.is_empty() && e.name != *key {
                c.push(
                    None,
                    Some(format!("enum {key:?}")),
                    format!("is named {:?}", e.name),
                );
            }
            let mut seen = BTreeSet::new();
            for v in &e.values {
                if !seen.insert(v) {
                    c.push(
                        None,
                        Some(format!("enum {key:?}")),
                        format!("value {v:?} appears twice"),
                    );
                }
            }
        }
        // PostgreSQL keeps indexes, unique and primary keys with the tables, in one namespace.
        // Each schema is a namespace of its own: names are compared qualified.
        let mut relations: BTreeMap<String, &str> = BTreeMap::new();
        for key in self.tables.keys() {
            relations.insert(key.clone(), key);
        }
        for (key, table) in &self.tables {
            c.object_name(Some(key), None, key);
            if !table.name.is_empty() && table.name != *key {
                c.push(
                    Some(key),
                    None,
                    format!("is keyed {key:?} but named {:?}", table.name),
                );
            }
            self.validate_table(key, table, &mut c);
            if dialects.contains(&Dialect::Postgres) {
                let owned = table
                    .indexes
                    .iter()
                    .map(|i| &i.name)
                    .chain(table.uniques.iter().map(|u| &u.name))
                    .chain(table.primary_key.iter().filter_map(|p| p.name.as_ref()));
                for name in owned {
                    let qualified = crate::qualified::beside(key, name);
                    if let Some(other) = relations.insert(qualified.clone(), key)
                        && !(other == key && qualified == *key)
                    {
                        c.push(
                            Some(key),
                            Some(format!("index {name:?}")),
                            format!("the name is also used by {other:?} (PostgreSQL names indexes and tables in one namespace)"),
                        );
                    }
                }
            }
        }
        if c.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(c.errors))
        }
    }

    fn validate_table(&self, key: &str, table: &Table, c: &mut Checker<'_>) {
        let t = Some(key);
        let mut columns = BTreeSet::new();
        for col in &table.columns {
            let object = Some(format!("column {:?}", col.name));
            c.name(t, object.clone(), &col.name);
            if !columns.insert(col.name.as_str()) {
                c.push(t, object.clone(), "the column appears twice".into());
            }
            if let Some(problem) = type_problem(&col.ty) {
                c.push(t, object, problem);
            }
        }
        let known = |c: &str| columns.contains(c);
        let check_columns = |c: &mut Checker<'_>, object: String, names: &[String]| {
            if names.is_empty() {
                c.push(t, Some(object.clone()), "has no columns".into());
            }
            for n in names.iter().filter(|n| !known(n)) {
                c.push(
                    t,
                    Some(object.clone()),
                    format!("names the unknown column {n:?}"),
                );
            }
        };
        let mut names = BTreeSet::new();
        let mut unique_name = |c: &mut Checker<'_>, object: &str, name: &str| {
            c.name(t, Some(object.to_string()), name);
            if !names.insert(name.to_string()) {
                c.push(
                    t,
                    Some(object.to_string()),
                    "the name is used twice in the table".into(),
                );
            }
        };
        if let Some(pk) = &table.primary_key {
            if let Some(name) = &pk.name {
                unique_name(c, &format!("primary key {name:?}"), name);
            }
            check_columns(c, "primary key".into(), &pk.columns);
        }
        for u in &table.uniques {
            let object = format!("unique constraint {:?}", u.name);
            unique_name(c, &object, &u.name);
            check_columns(c, object, &u.columns);
        }
        for i in &table.indexes {
            let object = format!("index {:?}", i.name);
            unique_name(c, &object, &i.name);
            if i.parts.is_empty() {
                c.push(t, Some(object.clone()), "has no key parts".into());
            }
            for p in &i.parts {
                match &p.target {
                    IndexTarget::Column(n) if !known(n) => c.push(
                        t,
                        Some(object.clone()),
                        format!("names the unknown column {n:?}"),
                    ),
                    IndexTarget::Expression(e) if e.trim().is_empty() => {
                        c.push(t, Some(object.clone()), "has an empty expression".into())
                    }
                    _ => {}
                }
            }
        }
        for fk in &table.foreign_keys {
            let object = format!("foreign key {:?}", fk.name);
            unique_name(c, &object, &fk.name);
            check_columns(c, object.clone(), &fk.columns);
            if fk.columns.len() != fk.ref_columns.len() {
                c.push(
                    t,
                    Some(object.clone()),
                    format!(
                        "has {} columns but references {}",
                        fk.columns.len(),
                        fk.ref_columns.len()
                    ),
                );
            }
            match self.tables.get(&fk.ref_table) {
                None => c.push(
                    t,
                    Some(object),
                    format!("references the unknown table {:?}", fk.ref_table),
                ),
                Some(target) => {
                    for n in fk.ref_columns.iter().filter(|n| target.column(n).is_none()) {
                        c.push(
                            t,
                            Some(object.clone()),
                            format!("references the unknown column {:?}.{n:?}", fk.ref_table),
                        );
                    }
                }
            }
        }
        for ch in &table.checks {
            let object = format!("check {:?}", ch.name);
            unique_name(c, &object, &ch.name);
            if ch.expression.trim().is_empty() {
                c.push(t, Some(object), "has an empty expression".into());
            }
        }
    }
}

/// What makes a column type impossible, if anything.
fn type_problem(ty: &ColumnType) -> Option<String> {
    use ColumnType as T;
    match ty {
        T::Varchar { length: Some(0) }
        | T::Char { length: Some(0) }
        | T::Binary { length: Some(0) }
        | T::VarBinary { length: 0 } => Some("a length of 0 holds nothing".into()),
        T::Decimal {
            precision: Some(0), ..
        } => Some("decimal precision 0 holds nothing".into()),
        T::Decimal {
            precision: Some(p),
            scale: Some(s),
        } if s > p => Some(format!("decimal scale {s} exceeds its precision {p}")),
        T::InlineEnum { values } if values.is_empty() => Some("an enum with no values".into()),
        T::Array { element } => type_problem(element),
        T::Custom { raw } if raw.trim().is_empty() || raw.contains('\0') => {
            Some("an empty or NUL-holding custom type".into())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
