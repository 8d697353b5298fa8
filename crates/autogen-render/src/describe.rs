//! One readable line per operation.

use autogen_diff::Op;
use autogen_schema::{Column, DefaultValue, Dialect, Identity, IndexTarget, Table, View};

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
    if let Some(u) = &c.on_update {
        s.push_str(&format!(" ON UPDATE {}", default_text(Some(u))));
    }
    s
}

/// How a column's generated values read: `serial`, `by default`, …
fn identity_text(identity: Option<Identity>) -> &'static str {
    match identity {
        None => "none",
        Some(Identity::Serial) => "serial",
        Some(Identity::Always) => "always",
        Some(Identity::ByDefault) => "by default",
        Some(Identity::AutoIncrement) => "auto-increment",
    }
}

/// What in a SQLite rebuild SQLite cannot do in place: the column alterations, the
/// columns `ADD COLUMN` cannot add or `DROP COLUMN` cannot drop, and the key and
/// constraint changes. Index changes alone never force a rebuild and are not listed.
fn rebuild_reasons(from: &Table, to: &Table) -> Vec<String> {
    let mut reasons = Vec::new();
    for c in &to.columns {
        match from.column(&c.name) {
            None => reasons.push(format!("add column {}", c.name)),
            Some(old) if old != c => {
                let mut what = Vec::new();
                if old.ty != c.ty {
                    what.push("type");
                }
                if old.nullable != c.nullable {
                    what.push("nullability");
                }
                if old.default != c.default {
                    what.push("default");
                }
                if old.identity != c.identity {
                    what.push("identity");
                }
                if old.generated != c.generated {
                    what.push("generated expression");
                }
                if old.collation.as_deref().map(str::to_ascii_lowercase)
                    != c.collation.as_deref().map(str::to_ascii_lowercase)
                {
                    what.push("collation");
                }
                if old.on_update != c.on_update {
                    what.push("on update");
                }
                if !what.is_empty() {
                    reasons.push(format!("alter column {} of {}", what.join(", "), c.name));
                }
            }
            Some(_) => {}
        }
    }
    for c in from.columns.iter().filter(|c| to.column(&c.name).is_none()) {
        reasons.push(format!("drop column {}", c.name));
    }
    if from.primary_key.as_ref().map(|p| &p.columns) != to.primary_key.as_ref().map(|p| &p.columns)
    {
        reasons.push("change the primary key".into());
    }
    let named = |kind: &str, old: Vec<&String>, new: Vec<&String>| {
        let mut out = Vec::new();
        for name in old.iter().filter(|o| !new.contains(o)) {
            out.push(format!("drop {kind} {name}"));
        }
        for name in new.iter().filter(|n| !old.contains(n)) {
            out.push(format!("add {kind} {name}"));
        }
        out
    };
    reasons.extend(named(
        "unique",
        from.uniques.iter().map(|u| &u.name).collect(),
        to.uniques.iter().map(|u| &u.name).collect(),
    ));
    reasons.extend(named(
        "foreign key",
        from.foreign_keys.iter().map(|f| &f.name).collect(),
        to.foreign_keys.iter().map(|f| &f.name).collect(),
    ));
    reasons.extend(named(
        "check",
        from.checks.iter().map(|c| &c.name).collect(),
        to.checks.iter().map(|c| &c.name).collect(),
    ));
    for u in &to.uniques {
        if from.uniques.iter().any(|o| o.name == u.name && o != u) {
            reasons.push(format!("alter unique {}", u.name));
        }
    }
    for f in &to.foreign_keys {
        if from.foreign_keys.iter().any(|o| o.name == f.name && o != f) {
            reasons.push(format!("alter foreign key {}", f.name));
        }
    }
    for c in &to.checks {
        if from.checks.iter().any(|o| o.name == c.name && o != c) {
            reasons.push(format!("alter check {}", c.name));
        }
    }
    reasons
}

fn view_kind(view: &View) -> &'static str {
    if view.materialized {
        "materialized view"
    } else {
        "view"
    }
}

fn table_text(t: &Table) -> String {
    let mut parts = vec![format!("{} columns", t.columns.len())];
    if let Some(pk) = &t.primary_key {
        parts.push(format!("primary key ({})", pk.columns.join(", ")));
    }
    if !t.foreign_keys.is_empty() {
        parts.push(format!("{} foreign keys", t.foreign_keys.len()));
    }
    match t.indexes.len() {
        0 => {}
        1 => parts.push("1 index".to_string()),
        n => parts.push(format!("{n} indexes")),
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
        changes.push(format!(
            "identity {} → {}",
            identity_text(from.identity),
            identity_text(to.identity)
        ));
    }
    if from.on_update != to.on_update {
        changes.push(format!(
            "on update {} → {}",
            default_text(from.on_update.as_ref()),
            default_text(to.on_update.as_ref())
        ));
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
        AddColumn { table, column, .. } => format!(
            "add column {table}.{} {}",
            column.name,
            column_text(dialect, column)
        ),
        AddColumnOnline { table, column, key } => format!(
            "add column {table}.{} {}, its default set after it and the existing rows filled {}",
            column.name,
            column_text(dialect, column),
            match key {
                Some(key) => format!("in batches of {key}"),
                None => "by one UPDATE (no single integer key to batch by)".to_string(),
            }
        ),
        DropColumn { table, column, .. } => format!(
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
        AddPrimaryKeyOnline { table, primary_key } => {
            format!(
                "add primary key on {table} ({}), through a unique index built concurrently",
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
                s.push_str(match dialect {
                    Some(Dialect::Mysql) => " online (ALGORITHM=INPLACE, LOCK=NONE)",
                    _ => " concurrently",
                });
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
        AddExclusion { table, exclusion } => {
            format!("add exclusion constraint {} on {table}", exclusion.name)
        }
        DropExclusion { table, exclusion } => {
            format!("drop exclusion constraint {} on {table}", exclusion.name)
        }
        SetTableComment { table, to, .. } => match to {
            Some(c) => format!("set comment on {table}: '{c}'"),
            None => format!("remove comment on {table}"),
        },
        RebuildTable { from, to, .. } => {
            let name = if from.name == to.name {
                to.name.clone()
            } else {
                format!("{} → {}", from.name, to.name)
            };
            let reasons = rebuild_reasons(from, to);
            let why = if reasons.is_empty() {
                String::new()
            } else {
                format!(": {}", reasons.join(", "))
            };
            format!(
                "rebuild table {name}{why} (SQLite cannot alter it in place: copy into a new table)"
            )
        }
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
        AddUniqueOnline { table, unique } => format!(
            "add unique {} on {table} ({}), {}",
            unique.name,
            unique.columns.join(", "),
            match dialect {
                Some(Dialect::Mysql) => "online (ALGORITHM=INPLACE, LOCK=NONE)",
                _ => "through a unique index built concurrently",
            }
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
        CreateView { view, because } => match because {
            Some(why) => format!("recreate {} {} ({why})", view_kind(view), view.name),
            None => format!("create {} {}", view_kind(view), view.name),
        },
        DropView { view, because } => match because {
            Some(why) => format!(
                "drop {} {} to recreate it ({why})",
                view_kind(view),
                view.name
            ),
            None => format!("drop {} {}", view_kind(view), view.name),
        },
        ReplaceView { to, .. } => format!("replace view {} (CREATE OR REPLACE)", to.name),
        CreateTrigger { trigger, because } => match because {
            Some(why) => format!(
                "recreate trigger {} on {} ({why})",
                trigger.name, trigger.table
            ),
            None => format!("create trigger {} on {}", trigger.name, trigger.table),
        },
        DropTrigger { trigger, because } => match because {
            Some(why) => format!(
                "drop trigger {} on {} to recreate it ({why})",
                trigger.name, trigger.table
            ),
            None => format!("drop trigger {} on {}", trigger.name, trigger.table),
        },
        CreateFunction { function } => format!(
            "create {} {}({})",
            function.kind.keyword().to_lowercase(),
            function.name,
            function.identity
        ),
        DropFunction { function } => format!(
            "drop {} {}({})",
            function.kind.keyword().to_lowercase(),
            function.name,
            function.identity
        ),
        ReplaceFunction { from, to } => {
            let what = if from.same_code(to) {
                "set the comment of"
            } else {
                "replace"
            };
            format!(
                "{what} {} {}({})",
                to.kind.keyword().to_lowercase(),
                to.name,
                to.identity
            )
        }
        CreateSchema { name } => format!("create schema {name}"),
        DropSchema { name } => format!("drop schema {name}"),
        CreateExtension { extension } => format!("create extension {}", extension.name),
        DropExtension { extension } => format!("drop extension {}", extension.name),
        AlterExtension { name, from, to } => {
            format!("update extension {name} from version {from} to {to}")
        }
        CreateDomain { domain } => format!("create domain {} ({})", domain.name, domain.base),
        DropDomain { domain } => format!("drop domain {}", domain.name),
        AlterDomain { to, .. } => format!("alter domain {}", to.name),
        SetRowSecurity { table, to, .. } => format!(
            "{} row-level security on {table}{}",
            if to.enabled { "enable" } else { "disable" },
            if to.forced { " (forced)" } else { "" }
        ),
        CreatePolicy { table, policy } => format!("create policy {} on {table}", policy.name),
        DropPolicy { table, policy } => format!("drop policy {} on {table}", policy.name),
        SetTypeComment { name, .. } => format!("set comment on type {name}"),
        SetPartComment {
            table, part, name, ..
        } => format!("set comment on {part:?} {name} of {table}").to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use autogen_schema::{Check, ColumnType};

    #[test]
    fn text_has_no_debug_syntax_and_a_rebuild_says_why() {
        let mut from = Column::new("id", ColumnType::BigInt);
        from.identity = Some(Identity::Serial);
        let mut to = from.clone();
        to.identity = Some(Identity::ByDefault);
        let line = describe(
            &Op::AlterColumn {
                table: "t".into(),
                from: Box::new(from),
                to: Box::new(to),
            },
            Some(Dialect::Postgres),
        );
        assert_eq!(line, "alter column t.id: identity serial → by default");

        let mut old = Table::new("t");
        old.columns.push(Column::new("y", ColumnType::Integer));
        old.checks.push(Check {
            not_valid: false,
            no_inherit: false,
            name: "z".into(),
            expression: "y > 0".into(),
        });
        let mut new = old.clone();
        new.columns[0].ty = ColumnType::Text;
        new.checks.clear();
        let line = describe(
            &Op::RebuildTable {
                from: Box::new(old),
                to: Box::new(new),
                renames: Vec::new(),
            },
            Some(Dialect::Sqlite),
        );
        assert!(
            line.starts_with("rebuild table t: alter column type of y, drop check z ("),
            "{line}"
        );
    }
}
