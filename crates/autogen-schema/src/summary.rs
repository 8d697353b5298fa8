//! A readable, aligned summary of a schema for terminals and pull requests.

use std::fmt::Write;

use crate::dialect::Dialect;
use crate::escape::terminal as t;
use crate::ir::{DefaultValue, Identity, IndexTarget, Schema, Table};

/// How a default reads in a summary (the dialect's SQL spelling).
fn default_text(d: &DefaultValue) -> String {
    crate::dialect::postgres::default_sql(d)
}

/// One block per enum and per table: columns with type, nullability, default and identity,
/// then keys, indexes and constraints; a count at the end. Types use `dialect`'s spelling.
/// Names, comments and expressions are shown with control characters escaped
/// ([`crate::escape::terminal`]), one line each.
pub fn summary(schema: &Schema, dialect: Dialect) -> String {
    let mut out = String::new();
    for e in schema.enums.values() {
        let _ = writeln!(out, "enum {} ({})\n", t(&e.name), t(&e.values.join(", ")));
    }
    for table in schema.tables.values() {
        table_summary(&mut out, table, dialect);
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} tables, {} enums",
        schema.tables.len(),
        schema.enums.len()
    );
    out
}

fn table_summary(out: &mut String, table: &Table, dialect: Dialect) {
    let _ = write!(out, "table {}", t(&table.name));
    if let Some(c) = &table.comment {
        let _ = write!(out, "  -- {}", t(c));
    }
    out.push('\n');
    let names: Vec<String> = table
        .columns
        .iter()
        .map(|c| t(&c.name).into_owned())
        .collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let types: Vec<String> = table
        .columns
        .iter()
        .map(|c| t(&dialect.type_sql(&c.ty)).into_owned())
        .collect();
    let type_width = types.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    for ((column, name), ty) in table.columns.iter().zip(&names).zip(&types) {
        let mut line = format!(
            "  {:width$}  {:type_width$}  {}",
            name,
            ty,
            if column.nullable {
                "NULL    "
            } else {
                "NOT NULL"
            },
        );
        match column.identity {
            Some(Identity::Serial) => line.push_str("  serial"),
            Some(Identity::Always) => line.push_str("  identity always"),
            Some(Identity::ByDefault) => line.push_str("  identity by default"),
            Some(Identity::AutoIncrement) => line.push_str("  auto_increment"),
            None => {}
        }
        if let Some(d) = &column.default {
            let _ = write!(line, "  DEFAULT {}", t(&default_text(d)));
        }
        if let Some(u) = &column.on_update {
            let _ = write!(line, "  ON UPDATE {}", t(&default_text(u)));
        }
        if let Some(c) = &column.comment {
            let _ = write!(line, "  -- {}", t(c));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if let Some(pk) = &table.primary_key {
        let _ = writeln!(
            out,
            "  PRIMARY KEY {}({})",
            pk.name
                .as_deref()
                .map(|n| format!("{} ", t(n)))
                .unwrap_or_default(),
            t(&pk.columns.join(", "))
        );
    }
    for u in &table.uniques {
        let _ = writeln!(
            out,
            "  UNIQUE {} ({})",
            t(&u.name),
            t(&u.columns.join(", "))
        );
    }
    for i in &table.indexes {
        let parts: Vec<String> = i
            .parts
            .iter()
            .map(|p| {
                let t = match &p.target {
                    IndexTarget::Column(c) => c.clone(),
                    IndexTarget::Expression(e) => format!("({e})"),
                };
                if p.descending { format!("{t} DESC") } else { t }
            })
            .collect();
        let _ = write!(
            out,
            "  {}INDEX {}",
            if i.unique { "UNIQUE " } else { "" },
            t(&i.name)
        );
        if !i.method.is_default() {
            let _ = write!(out, " USING {}", i.method.as_str());
        }
        let _ = write!(out, " ({})", t(&parts.join(", ")));
        if let Some(p) = &i.predicate {
            let _ = write!(out, " WHERE {}", t(p));
        }
        out.push('\n');
    }
    for fk in &table.foreign_keys {
        let _ = write!(
            out,
            "  FOREIGN KEY {} ({}) -> {} ({})",
            t(&fk.name),
            t(&fk.columns.join(", ")),
            t(&fk.ref_table),
            t(&fk.ref_columns.join(", "))
        );
        if !fk.on_delete.is_default() {
            let _ = write!(out, " ON DELETE {}", fk.on_delete.as_sql());
        }
        if !fk.on_update.is_default() {
            let _ = write!(out, " ON UPDATE {}", fk.on_update.as_sql());
        }
        out.push('\n');
    }
    for c in &table.checks {
        let _ = writeln!(out, "  CHECK {} ({})", t(&c.name), t(&c.expression));
    }
}
