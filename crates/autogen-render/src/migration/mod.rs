//! Plans rendered as sea-orm-migration files (askama templates in `templates/`).
//!
//! One file runs on PostgreSQL, MySQL/MariaDB and SQLite. The same pair of schemas is
//! planned once per dialect ([`DialectPlans`]); the three plans are aligned operation by
//! operation ([`align`]), and each aligned step is written once when the backends agree,
//! or in `if` branches on the backend where they do not. Each backend's part is
//! sea-query builder code through `SchemaManager` where sea-query writes exactly what
//! autogen's own SQL for that dialect would ([`builder`]), and otherwise autogen's SQL
//! for that dialect, run by the `autogen-migration` helpers. See `docs/migrations.md`.

mod align;
mod builder;

use askama::Template;
use autogen_diff::{Hazard, Op, Plan, SqlError};
use autogen_schema::Dialect;
use autogen_schema::escape::{is_unsafe_char, rust_comment};

use crate::describe::describe;

pub use align::{Step, align};

/// What the revisions crate reads from a migration's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionMeta {
    /// The revision id: 12 lower-case hex digits.
    pub revision: String,
    /// Parent revisions (empty for the first, two or more for a merge): revision ids, or
    /// the module name of a hand-written migration.
    pub parents: Vec<String>,
    /// The message given to `autogen revision -m`.
    pub message: String,
    /// Creation time, RFC 3339 in UTC (`2026-11-24T22:40:00Z`).
    pub created: String,
}

/// The same `(from, to)` pair planned for each dialect, with
/// `autogen_diff::diff(.., DiffOptions { dialect: Some(d), .. })`.
#[derive(Debug, Clone)]
pub struct DialectPlans {
    /// The plan for PostgreSQL.
    pub postgres: Plan,
    /// The plan for MySQL and MariaDB.
    pub mysql: Plan,
    /// The plan for SQLite.
    pub sqlite: Plan,
}

impl DialectPlans {
    /// The plans in [`Dialect::ALL`] order.
    pub fn each(&self) -> [&Plan; 3] {
        [&self.postgres, &self.mysql, &self.sqlite]
    }

    /// The plans that undo these.
    pub fn inverse(&self) -> DialectPlans {
        DialectPlans {
            postgres: self.postgres.inverse(),
            mysql: self.mysql.inverse(),
            sqlite: self.sqlite.inverse(),
        }
    }

    /// Whether no backend has anything to do.
    pub fn is_empty(&self) -> bool {
        self.each().iter().all(|p| p.is_empty())
    }
}

/// Why a migration could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A plan has an operation its dialect has no SQL for.
    #[error(transparent)]
    Sql(#[from] SqlError),
    /// A plan was made for another dialect than its slot in [`DialectPlans`].
    #[error(
        "the {slot} plan was made for {found:?}; plan it with DiffOptions {{ dialect: Some({slot}), .. }}"
    )]
    WrongDialect {
        /// The slot.
        slot: Dialect,
        /// The plan's dialect.
        found: Option<Dialect>,
    },
    /// A header field would break the header.
    #[error("bad revision header: {0}")]
    Header(String),
    /// The template failed.
    #[error("template: {0}")]
    Template(#[from] askama::Error),
}

#[derive(Template)]
#[template(path = "migration.rs.askama", escape = "none")]
struct MigrationFile<'a> {
    revision: &'a str,
    parents: String,
    message: String,
    created: &'a str,
    hazards: Vec<String>,
    /// The plans' notes (probable renames…), for the reviewer of the file.
    notes: Vec<String>,
    up: Body,
    down: Body,
    use_transaction: bool,
    non_transactional: String,
}

struct Body {
    /// `manager`, or `_manager` when the body does nothing.
    manager: &'static str,
    body: String,
}

#[derive(Template)]
#[template(path = "migration_step.rs.askama", escape = "none")]
struct StepBlock {
    number: usize,
    description: String,
    hazards: String,
    /// The catalog check that skips the step when a rerun finds it done.
    guard: Option<String>,
    /// Indentation of the backend conditions.
    indent: String,
    blocks: Vec<Block>,
}

struct Block {
    condition: Option<String>,
    code: String,
}

/// Renders a complete `m{…}.rs` migration module for sea-orm-migration 2.0.
pub fn render_migration(meta: &RevisionMeta, plans: &DialectPlans) -> Result<String, RenderError> {
    for (plan, slot) in plans.each().into_iter().zip(Dialect::ALL) {
        if plan.dialect != Some(slot) {
            return Err(RenderError::WrongDialect {
                slot,
                found: plan.dialect,
            });
        }
    }
    check_header(meta)?;
    let up_steps = align(plans);
    let down_plans = plans.inverse();
    let down_steps = align(&down_plans);

    let hazards = up_steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let h = step_hazards(step, plans);
            (!h.is_empty()).then(|| format!("{}. {}: {}", i + 1, step_description(step), h))
        })
        .collect();
    let non_transactional = non_transactional_steps(plans);
    let file = MigrationFile {
        revision: &meta.revision,
        parents: meta.parents.join(", "),
        message: rust_comment(&one_line(&meta.message)).into_owned(),
        created: &meta.created,
        hazards,
        notes: plan_notes(plans),
        up: body(&up_steps, plans)?,
        down: body(&down_steps, &down_plans)?,
        use_transaction: non_transactional.is_empty(),
        non_transactional: non_transactional.join(", "),
    };
    Ok(file.render()?)
}

fn check_header(meta: &RevisionMeta) -> Result<(), RenderError> {
    let hex12 = |s: &str| s.len() == 12 && s.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex12(&meta.revision) {
        return Err(RenderError::Header(format!(
            "revision {:?} is not 12 hex digits",
            meta.revision
        )));
    }
    // A parent may also be the module name of a hand-written migration that an adopted
    // crate's first autogen revision follows (docs/revisions.md).
    if let Some(p) = meta
        .parents
        .iter()
        .find(|p| !hex12(p) && !is_module_name(p))
    {
        return Err(RenderError::Header(format!(
            "parent {p:?} is neither 12 hex digits nor a migration module name (m{{YYYYMMDD}}_{{HHMMSS}}_name)"
        )));
    }
    if meta.created.contains(is_unsafe_char) || meta.created.is_empty() {
        return Err(RenderError::Header(format!(
            "created {:?} is not a timestamp",
            meta.created
        )));
    }
    Ok(())
}

/// Whether `s` is a sea-orm-migration module name, `m\d{8}_\d{6}_\w+`: the id of a
/// hand-written migration (autogen-revisions holds the same rule for the graph).
fn is_module_name(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 17
        && b[0] == b'm'
        && b[1..9].iter().all(u8::is_ascii_digit)
        && b[9] == b'_'
        && b[10..16].iter().all(u8::is_ascii_digit)
        && b[16] == b'_'
        && b[17..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// The notes of the three plans, each once, in order, each one line of a `//!` comment.
fn plan_notes(plans: &DialectPlans) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    for note in plans.each().iter().flat_map(|p| &p.notes) {
        let line = autogen_schema::escape::rust_comment(&note.to_string()).into_owned();
        if !notes.contains(&line) {
            notes.push(line);
        }
    }
    notes
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why the migration cannot run in a transaction, or nothing.
fn non_transactional_steps(plans: &DialectPlans) -> Vec<String> {
    // sea-orm-migration wraps a migration in a transaction on PostgreSQL only (MySQL and
    // SQLite run without one unless asked), so only PostgreSQL's steps decide.
    let mut why: Vec<String> = Vec::new();
    for plan in [&plans.postgres, &plans.postgres.inverse()] {
        for op in &plan.ops {
            if !op.hazards(plan.dialect).contains(&Hazard::NonTransactional) {
                continue;
            }
            let reason = match op {
                Op::AlterEnum { .. } => "PostgreSQL `ALTER TYPE … ADD VALUE`",
                Op::CreateIndexConcurrently { .. } | Op::DropIndexConcurrently { .. } => {
                    "PostgreSQL `CREATE/DROP INDEX CONCURRENTLY`"
                }
                _ => "PostgreSQL `NOT VALID` constraints validated in their own transaction",
            };
            if !why.iter().any(|w| w == reason) {
                why.push(reason.to_string());
            }
        }
    }
    why
}

/// The step's description, from the first backend that has it, for a Rust comment.
fn step_description(step: &Step) -> String {
    let (d, op) = step.first();
    let only: Vec<&str> = Dialect::ALL
        .iter()
        .zip(&step.ops)
        .filter(|(_, op)| op.is_some())
        .map(|(d, _)| d.name())
        .collect();
    let scope = if only.len() < 3 {
        format!(" ({} only)", only.join(", "))
    } else {
        String::new()
    };
    format!("{}{scope}", rust_comment(&describe(op, Some(d))))
}

/// The union of the step's hazards over the backends, each in the context of its plan
/// (an index on a table the plan creates blocks nothing).
fn step_hazards(step: &Step, plans: &DialectPlans) -> String {
    let mut all: Vec<Hazard> = plans
        .each()
        .iter()
        .zip(&step.ops)
        .filter_map(|(plan, op)| {
            let op = (*op)?;
            let index = plan.ops.iter().position(|o| std::ptr::eq(o, op))?;
            Some(plan.hazards_of(index))
        })
        .flatten()
        .collect();
    all.sort();
    all.dedup();
    all.iter().map(|h| h.code()).collect::<Vec<_>>().join(", ")
}

fn body(steps: &[Step], plans: &DialectPlans) -> Result<Body, RenderError> {
    let mut out = String::new();
    for (i, step) in steps.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let parts: Vec<Vec<builder::Part>> = Dialect::ALL
            .iter()
            .zip(&step.ops)
            .map(|(d, op)| match op {
                Some(op) => builder::parts(step, *d, op),
                None => Ok(Vec::new()),
            })
            .collect::<Result<_, _>>()?;
        let mut blocks = Vec::new();
        let guard = guard(step.first().1);
        let extra = if guard.is_some() { 4 } else { 0 };
        let longest = parts.iter().map(Vec::len).max().unwrap_or(0);
        for n in 0..longest {
            // Backends with the same code at this position share one block.
            let mut groups: Vec<(Vec<Dialect>, &builder::Part)> = Vec::new();
            for (d, p) in Dialect::ALL.iter().zip(&parts) {
                let Some(part) = p.get(n) else { continue };
                match groups.iter_mut().find(|(_, q)| *q == part) {
                    Some((ds, _)) => ds.push(*d),
                    None => groups.push((vec![*d], part)),
                }
            }
            for (dialects, part) in groups {
                let condition = (dialects.len() < 3).then(|| condition(&dialects));
                let indent = extra + if condition.is_some() { 12 } else { 8 };
                blocks.push(Block {
                    condition,
                    code: indented(&part.code()?, indent),
                });
            }
        }
        let step_block = StepBlock {
            number: i + 1,
            description: step_description(step),
            hazards: step_hazards(step, plans),
            guard,
            indent: " ".repeat(8 + extra),
            blocks,
        };
        out.push_str(&step_block.render()?);
        out.push('\n');
    }
    Ok(Body {
        manager: if steps.is_empty() {
            "_manager"
        } else {
            "manager"
        },
        body: out,
    })
}

/// `autogen_migration::done(…)` for a step whose result the catalog shows, so that a
/// rerun after a failure later in the migration skips it (MySQL commits each DDL
/// statement; SQLite migrations, and PostgreSQL ones with a non-transactional step, run
/// without a transaction). Every backend of a step runs the same kind of operation on the
/// same names. Alterations of a column, comments and enums are not guarded: rerunning
/// them gives the same result.
fn guard(op: &Op) -> Option<String> {
    use Op::*;
    let lit = |s: &str| format!("{s:?}");
    let (state, args) = match op {
        CreateTable { table } => ("TableExists", lit(&table.name)),
        DropTable { table } => ("TableGone", lit(&table.name)),
        RenameTable { from, .. } => ("TableGone", lit(from)),
        AddColumn { table, column } => (
            "ColumnExists",
            format!("{}, {}", lit(table), lit(&column.name)),
        ),
        DropColumn { table, column } => (
            "ColumnGone",
            format!("{}, {}", lit(table), lit(&column.name)),
        ),
        RenameColumn { table, from, .. } => {
            ("ColumnGone", format!("{}, {}", lit(table), lit(from)))
        }
        CreateIndex { table, index } | CreateIndexConcurrently { table, index } => (
            "IndexExists",
            format!("{}, {}", lit(table), lit(&index.name)),
        ),
        DropIndex { table, index } | DropIndexConcurrently { table, index } => {
            ("IndexGone", format!("{}, {}", lit(table), lit(&index.name)))
        }
        AddUnique { table, unique } => (
            "ConstraintExists",
            format!("{}, {}", lit(table), lit(&unique.name)),
        ),
        DropUnique { table, unique } => (
            "ConstraintGone",
            format!("{}, {}", lit(table), lit(&unique.name)),
        ),
        AddForeignKey { table, foreign_key } | AddForeignKeyOnline { table, foreign_key } => (
            "ConstraintExists",
            format!("{}, {}", lit(table), lit(&foreign_key.name)),
        ),
        DropForeignKey { table, foreign_key } => (
            "ConstraintGone",
            format!("{}, {}", lit(table), lit(&foreign_key.name)),
        ),
        AddCheck { table, check } | AddCheckOnline { table, check } => (
            "ConstraintExists",
            format!("{}, {}", lit(table), lit(&check.name)),
        ),
        DropCheck { table, check } => (
            "ConstraintGone",
            format!("{}, {}", lit(table), lit(&check.name)),
        ),
        _ => return None,
    };
    Some(format!(
        "autogen_migration::done(manager, autogen_migration::Done::{state}({args})).await?"
    ))
}

fn condition(dialects: &[Dialect]) -> String {
    let names: Vec<&str> = dialects
        .iter()
        .map(|d| match d {
            Dialect::Postgres => "sea_orm::DbBackend::Postgres",
            Dialect::Mysql => "sea_orm::DbBackend::MySql",
            Dialect::Sqlite => "sea_orm::DbBackend::Sqlite",
        })
        .collect();
    format!(
        "matches!(manager.get_database_backend(), {})",
        names.join(" | ")
    )
}

fn indented(code: &str, width: usize) -> String {
    let pad = " ".repeat(width);
    code.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
