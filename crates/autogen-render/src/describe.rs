//! One readable line per operation.

use autogen_diff::Op;
use autogen_schema::{Column, DefaultValue, Dialect, IndexTarget, Table};

/// How a type reads: the dialect's spelling, or PostgreSQL's when the plan has no dialect.
fn ty(dialect: Option<Dialect>, c: &Column) -> String {
    dialect.unwrap_or(Dialect::Postgres).type_sql(&c.ty)
}

fn default_text(d: Option<&DefaultValue>) -> String {
    d.map_or(
        "none".into(),
        autogen_schema::dialect::postgres::default_sql,
    )
}

fn column_text(dialect: Option<Dialect>, c: &Column) -> String {
    let mut s = format!(
        "{} {}",
        ty(dialect, c),
        if c.nullable { "NULL" } else { "NOT NULL" }
    );
    if let Some(d) = &c.default {
        s.push_str(&format!(" DEFAULT {}", default_text(Some(d))));
    }
    s
}

fn table_text(t: &Table) -> String {
    let mut parts = vec![format!("{} columns", t.columns.len())];
    if let Some(pk) = &t.primary_key {
        parts.push(format!("primary key ({})", pk.columns.join(", ")));
    }
    if !t.foreign_keys.is_empty() {
        parts.push(format!("{} foreign keys", t.foreign_keys.len()));
    }
    parts.join(", ")
}

fn column_changes(dialect: Option<Dialect>, from: &Column, to: &Column) -> String {
    let mut changes = Vec::new();
    if from.ty != to.ty {
        changes.push(format!("type {} → {}", ty(dialect, from), ty(dialect, to)));
    }
    if from.nullable != to.nullable {
        changes.push(if to.nullable {
            "NOT NULL → NULL".to_string()
        } else {
            "NULL → NOT NULL".to_string()
        });
    }
    if from.default != to.default {
        changes.push(format!(
            "default {} → {}",
            default_text(from.default.as_ref()),
            default_text(to.default.as_ref())
        ));
    }
    if from.identity != to.identity {
        changes.push(format!("identity {:?} → {:?}", from.identity, to.identity));
    }
    if from.comment != to.comment {
        changes.push("comment".to_string());
    }
    changes.join("; ")
}

/// One line: what the operation does, naming the table and column. Names are as they are:
/// escape the result for where it goes (`autogen_schema::escape`).
pub fn describe(op: &Op, dialect: Option<Dialect>) -> String {
    use Op::*;
    match op {
        CreateEnum { enum_type } => format!(
            "create enum {} ({})",
            enum_type.name,
            enum_type.values.join(", ")
        ),
        DropEnum { enum_type } => format!("drop enum {}", enum_type.name),
        AlterEnum { name, from, to, .. } => format!(
            "alter enum {name}: ({}) → ({})",
            from.join(", "),
            to.join(", ")
        ),
        CreateTable { table } => format!("create table {} ({})", table.name, table_text(table)),
        DropTable { table } => format!("drop table {} ({})", table.name, table_text(table)),
        RenameTable { from, to } => format!("rename table {from} → {to}"),
        AddColumn { table, column } => format!(
            "add column {table}.{} {}",
            column.name,
            column_text(dialect, column)
        ),
        DropColumn { table, column } => format!(
            "drop column {table}.{} ({})",
            column.name,
            column_text(dialect, column)
        ),
        RenameColumn { table, from, to } => format!("rename column {table}.{from} → {to}"),
        AlterColumn { table, from, to } => format!(
            "alter column {table}.{}: {}",
            to.name,
            column_changes(dialect, from, to)
        ),
        AddPrimaryKey { table, primary_key } => {
            format!(
                "add primary key on {table} ({})",
                primary_key.columns.join(", ")
            )
        }
        DropPrimaryKey { table, primary_key } => {
            format!(
                "drop primary key of {table} ({})",
                primary_key.columns.join(", ")
            )
        }
        CreateIndex { table, index }
        | DropIndex { table, index }
        | CreateIndexConcurrently { table, index }
        | DropIndexConcurrently { table, index } => {
            let verb = match op {
                CreateIndex { .. } | CreateIndexConcurrently { .. } => "create",
                _ => "drop",
            };
            let concurrently = matches!(
                op,
                CreateIndexConcurrently { .. } | DropIndexConcurrently { .. }
            );
            let parts: Vec<String> = index
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
            let mut s = format!(
                "{verb} {}index {} on {table} ({})",
                if index.unique { "unique " } else { "" },
                index.name,
                parts.join(", ")
            );
            if !index.method.is_default() {
                s.push_str(&format!(" using {}", index.method.as_str()));
            }
            if let Some(p) = &index.predicate {
                s.push_str(&format!(" where {p}"));
            }
            if concurrently {
                s.push_str(" concurrently");
            }
            s
        }
        AddUnique { table, unique } => format!(
            "add unique {} on {table} ({})",
            unique.name,
            unique.columns.join(", ")
        ),
        DropUnique { table, unique } => format!("drop unique {} on {table}", unique.name),
        AddForeignKey {
            table,
            foreign_key: f,
        } => format!(
            "add foreign key {} on {table} ({}) → {} ({})",
            f.name,
            f.columns.join(", "),
            f.ref_table,
            f.ref_columns.join(", ")
        ),
        DropForeignKey { table, foreign_key } => {
            format!("drop foreign key {} on {table}", foreign_key.name)
        }
        AddCheck { table, check } => {
            format!("add check {} on {table} ({})", check.name, check.expression)
        }
        DropCheck { table, check } => format!("drop check {} on {table}", check.name),
        SetTableComment { table, to, .. } => match to {
            Some(c) => format!("set comment on {table}: {c:?}"),
            None => format!("remove comment on {table}"),
        },
        RebuildTable { from, to, .. } => format!(
            "rebuild table {} (SQLite cannot alter it in place: copy into a new table)",
            if from.name == to.name {
                to.name.clone()
            } else {
                format!("{} → {}", from.name, to.name)
            }
        ),
        AddForeignKeyOnline {
            table,
            foreign_key: f,
        } => format!(
            "add foreign key {} on {table} ({}) → {} ({}), NOT VALID then validated",
            f.name,
            f.columns.join(", "),
            f.ref_table,
            f.ref_columns.join(", ")
        ),
        AddCheckOnline { table, check } => format!(
            "add check {} on {table} ({}), NOT VALID then validated",
            check.name, check.expression
        ),
        SetNotNullOnline { table, to, .. } => format!(
            "set NOT NULL on {table}.{} through a validated check",
            to.name
        ),
        RawSql { up, .. } => format!("run SQL: {}", up.lines().next().unwrap_or("")),
    }
}
