//! Plans rendered as sea-orm-migration files (askama templates in `templates/`).
//!
//! A file serves the backends it is rendered for (`[migrations] backends`; all three by
//! [`render_migration`]). The same pair of schemas is planned once per dialect
//! ([`DialectPlans`]); the served plans are aligned operation by operation ([`align`]),
//! and each aligned step is written once when the backends agree. Where they differ, the
//! branch is as small as the difference: one builder clause (a column, the primary key)
//! as a `match` on the backend when the statements differ only there, whole statements
//! in `if` blocks otherwise. With one backend there is no branch at all. Each backend's part is
//! sea-query builder code through `SchemaManager` where sea-query writes exactly what
//! autogen's own SQL for that dialect would ([`builder`]), and otherwise autogen's SQL
//! for that dialect, run by the `autogen-migration` helpers. See `docs/migrations.md`.

mod align;
mod builder;
mod precheck;

use askama::Template;
use autogen_diff::{DiffOptions, Hazard, Op, Plan, SqlError};
use autogen_schema::escape::{is_unsafe_char, rust_comment};
use autogen_schema::{Dialect, Schema};

use crate::describe::describe;
use precheck::{prechecks, with_prechecks};

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
    /// `from` → `to` planned for each dialect with default options.
    pub fn diff(from: &Schema, to: &Schema) -> DialectPlans {
        let plan = |d| {
            autogen_diff::diff(
                from,
                to,
                &DiffOptions {
                    dialect: Some(d),
                    ..Default::default()
                },
            )
        };
        DialectPlans {
            postgres: plan(Dialect::Postgres),
            mysql: plan(Dialect::Mysql),
            sqlite: plan(Dialect::Sqlite),
        }
    }

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

    /// These plans with the operations and notes of the backends not in `backends` left
    /// out.
    pub fn only(&self, backends: &[Dialect]) -> DialectPlans {
        let keep = |plan: &Plan| {
            let mut plan = plan.clone();
            if !plan.dialect.is_some_and(|d| backends.contains(&d)) {
                plan.ops.clear();
                plan.notes.clear();
            }
            plan
        };
        DialectPlans {
            postgres: keep(&self.postgres),
            mysql: keep(&self.mysql),
            sqlite: keep(&self.sqlite),
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
    /// No backend to render for.
    #[error("a migration needs at least one backend (`[migrations] backends` is empty)")]
    NoBackends,
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
    /// The allowances of the hazard policy the file uses (`Allowed: drop-column (--allow)`),
    /// only in files that use one.
    allowed: Option<String>,
    /// Which form the file's SQL takes and why (`Form: online (the default) …`), one
    /// line or more, when the choice changed a step.
    form: Vec<String>,
    /// The backends served, for the header: `PostgreSQL, MySQL/MariaDB and SQLite`.
    backends: String,
    /// Whether the file serves more than one backend.
    several: bool,
    /// The plans' notes (probable renames…), for the reviewer of the file.
    notes: Vec<String>,
    up: Body,
    down: Body,
    use_transaction: bool,
    non_transactional: String,
    /// `use autogen_migration::{…};` for the helpers the file calls, or nothing.
    imports: String,
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
    /// The condition that runs the step: the catalog check that skips it when a rerun
    /// finds it done, with the backend condition when the step is one SQL call.
    guard: Option<String>,
    /// Indentation of the backend conditions.
    indent: String,
    blocks: Vec<Block>,
}

struct Block {
    condition: Option<String>,
    code: String,
}

/// Renders a complete `m{…}.rs` migration module for sea-orm-migration 2.0 that runs on
/// PostgreSQL, MySQL/MariaDB and SQLite.
pub fn render_migration(meta: &RevisionMeta, plans: &DialectPlans) -> Result<String, RenderError> {
    render_migration_for(meta, plans, &Dialect::ALL)
}

/// Renders a migration module serving only `backends`: the other plans are left out,
/// and nothing in the file branches on a backend it does not serve.
pub fn render_migration_for(
    meta: &RevisionMeta,
    plans: &DialectPlans,
    backends: &[Dialect],
) -> Result<String, RenderError> {
    render_migration_allowing(meta, plans, backends, None)
}

/// [`render_migration_for`] with a header line after the hazards that records the
/// allowances of the hazard policy the file uses (`allowed`, one line, such as `Allowed:
/// drop-column (--allow)`); `None` writes the same file as [`render_migration_for`].
pub fn render_migration_allowing(
    meta: &RevisionMeta,
    plans: &DialectPlans,
    backends: &[Dialect],
    allowed: Option<&str>,
) -> Result<String, RenderError> {
    render_migration_with(meta, plans, backends, allowed, &[])
}

/// [`render_migration_allowing`] with header lines after the allowances that say which
/// form (online or single-transaction) the file's SQL takes and why (`form`, each a
/// line; empty writes none).
pub fn render_migration_with(
    meta: &RevisionMeta,
    plans: &DialectPlans,
    backends: &[Dialect],
    allowed: Option<&str>,
    form: &[String],
) -> Result<String, RenderError> {
    render_migration_full(meta, plans, None, backends, allowed, form)
}

/// [`render_migration_allowing`] with `down` given instead of derived from `plans`: for
/// revisions whose undo is not the inverse of each step (a phased change's contract
/// restores the old column's values from the new one). `None` derives it.
pub fn render_migration_with_down(
    meta: &RevisionMeta,
    plans: &DialectPlans,
    down: Option<&DialectPlans>,
    backends: &[Dialect],
    allowed: Option<&str>,
) -> Result<String, RenderError> {
    render_migration_full(meta, plans, down, backends, allowed, &[])
}

fn render_migration_full(
    meta: &RevisionMeta,
    plans: &DialectPlans,
    down: Option<&DialectPlans>,
    backends: &[Dialect],
    allowed: Option<&str>,
    form: &[String],
) -> Result<String, RenderError> {
    for (plan, slot) in plans
        .each()
        .into_iter()
        .chain(down.map(DialectPlans::each).into_iter().flatten())
        .zip(Dialect::ALL.into_iter().cycle())
    {
        if plan.dialect != Some(slot) {
            return Err(RenderError::WrongDialect {
                slot,
                found: plan.dialect,
            });
        }
    }
    check_header(meta)?;
    let served: Vec<Dialect> = Dialect::ALL
        .into_iter()
        .filter(|d| backends.contains(d))
        .collect();
    if served.is_empty() {
        return Err(RenderError::NoBackends);
    }
    let plans = &plans.only(&served);
    let up_steps = align(plans);
    let down_plans = match down {
        Some(down) => down.only(&served),
        None => plans.inverse(),
    };
    let down_steps = align(&down_plans);

    let hazards = up_steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let h = step_hazards(step, plans);
            (!h.is_empty())
                .then(|| format!("{}. {}: {}", i + 1, step_description(step, served.len()), h))
        })
        .collect();
    let non_transactional = non_transactional_steps(plans);
    // A file that only PostgreSQL runs, in one transaction, is all or nothing: no step
    // needs to check whether an earlier run did it.
    let guarded = served != [Dialect::Postgres] || !non_transactional.is_empty();
    let mut file = MigrationFile {
        revision: &meta.revision,
        parents: meta.parents.join(", "),
        message: rust_comment(&one_line(&meta.message)).into_owned(),
        created: &meta.created,
        hazards,
        allowed: allowed.map(|a| rust_comment(&one_line(a)).into_owned()),
        form: form
            .iter()
            .map(|l| rust_comment(&one_line(l)).into_owned())
            .collect(),
        backends: backend_names(&served),
        several: served.len() > 1,
        notes: plan_notes(plans),
        up: shorten(with_prechecks(
            prechecks(plans, &served),
            body(&up_steps, plans, &served, guarded)?,
        )),
        down: shorten(body(&down_steps, &down_plans, &served, guarded)?),
        use_transaction: non_transactional.is_empty(),
        non_transactional: non_transactional.join(", "),
        imports: String::new(),
    };
    file.imports = imports(&[&file.up.body, &file.down.body]);
    Ok(file.render()?)
}

/// The `autogen_migration` helpers the bodies use, which the file imports by name.
const HELPERS: [&str; 8] = [
    "Done",
    "done",
    "per_backend",
    "precheck",
    "run_sql",
    "run_unless",
    "sql",
    "sqlite_rebuild",
];

/// The body with `autogen_migration::` left off the helpers (the file imports them).
fn shorten(mut body: Body) -> Body {
    body.body = body.body.replace("autogen_migration::Done::", "Done::");
    for helper in HELPERS {
        body.body = body.body.replace(
            &format!("autogen_migration::{helper}("),
            &format!("{helper}("),
        );
    }
    body
}

/// `use autogen_migration::{…};` for the helpers `bodies` call, or nothing.
fn imports(bodies: &[&str]) -> String {
    let used: Vec<&str> = HELPERS
        .into_iter()
        .filter(|h| match *h {
            "Done" => bodies.iter().any(|b| b.contains("Done::")),
            h => bodies.iter().any(|b| {
                b.match_indices(&format!("{h}(")).any(|(i, _)| {
                    !b[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
                })
            }),
        })
        .collect();
    match used.as_slice() {
        [] => String::new(),
        [one] => format!("use autogen_migration::{one};\n"),
        many => format!("use autogen_migration::{{{}}};\n", many.join(", ")),
    }
}

/// `PostgreSQL, MySQL/MariaDB and SQLite`.
fn backend_names(served: &[Dialect]) -> String {
    let names: Vec<&str> = served
        .iter()
        .map(|d| match d {
            Dialect::Postgres => "PostgreSQL",
            Dialect::Mysql => "MySQL/MariaDB",
            Dialect::Sqlite => "SQLite",
        })
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
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
                Op::CreateIndexConcurrently { .. }
                | Op::DropIndexConcurrently { .. }
                | Op::AddUniqueOnline { .. }
                | Op::AddPrimaryKeyOnline { .. } => "PostgreSQL `CREATE/DROP INDEX CONCURRENTLY`",
                Op::AddColumnOnline { .. } => {
                    "PostgreSQL backfill of a new column's volatile default, committed batch by batch"
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
fn step_description(step: &Step, served: usize) -> String {
    let (d, op) = step.first();
    let only: Vec<&str> = Dialect::ALL
        .iter()
        .zip(&step.ops)
        .filter(|(_, op)| op.is_some())
        .map(|(d, _)| d.name())
        .collect();
    let scope = if only.len() < served {
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

/// `guarded`: whether steps check the catalog first (see [`guard`]).
fn body(
    steps: &[Step],
    plans: &DialectPlans,
    served: &[Dialect],
    guarded: bool,
) -> Result<Body, RenderError> {
    let mut texts: Vec<String> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let parts = step_parts(step, &Dialect::ALL)?;
        // The step's code: parts, each for every backend or under a condition.
        let mut pieces: Vec<(Option<String>, builder::Part)> = Vec::new();
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
            let everyone = groups.iter().map(|(ds, _)| ds.len()).sum::<usize>() == served.len();
            if groups.len() > 1
                && everyone
                && let Some(merged) = merge_clauses(step, n, &groups)?
            {
                pieces.push((None, merged));
                continue;
            }
            for (dialects, part) in groups {
                let condition = (dialects.len() < served.len()).then(|| condition(&dialects));
                // The group's own code: what only the group's backends need, resolved.
                let own = step_parts(step, &dialects)?;
                let part = own[dialect_index(dialects[0])].get(n).unwrap_or(part);
                pieces.push((condition, part.clone()));
            }
        }
        let state = guarded.then(|| guard(step.first().1)).flatten();
        let mut guard = None;
        let mut blocks = Vec::new();
        match (state, pieces.as_mut_slice()) {
            (Some(state), [(condition, part)]) => {
                let indent = if condition.is_some() { 12 } else { 8 };
                match part.guarded_code(&state) {
                    // One statement: the guard is the call itself.
                    Some(code) => blocks.push(Block {
                        condition: condition.take(),
                        code: indented(&code, indent),
                    }),
                    // One SQL call, for some backends: one `if` for both conditions.
                    None => {
                        let done = format!("!autogen_migration::done(manager, {state}).await?");
                        guard = Some(match condition.take() {
                            Some(c) => format!("{c} && {done}"),
                            None => done,
                        });
                        blocks.push(Block {
                            condition: None,
                            code: indented(&part.code(12), 12),
                        });
                    }
                }
            }
            (state, _) => {
                guard = state.map(|s| format!("!autogen_migration::done(manager, {s}).await?"));
                let extra = if guard.is_some() { 4 } else { 0 };
                for (condition, part) in pieces {
                    let indent = extra + if condition.is_some() { 12 } else { 8 };
                    blocks.push(Block {
                        condition,
                        code: indented(&part.code(indent), indent),
                    });
                }
            }
        }
        let extra = if guard.is_some() { 4 } else { 0 };
        let step_block = StepBlock {
            number: i + 1,
            description: step_description(step, served.len()),
            hazards: step_hazards(step, plans),
            guard,
            indent: " ".repeat(8 + extra),
            blocks,
        };
        texts.push(step_block.render()?);
    }
    // A blank line sets off steps of several lines; one-line steps (an index, a drop)
    // follow each other directly, as in a SQL script's run of statements.
    let mut out = String::new();
    for (i, text) in texts.iter().enumerate() {
        let long = |t: &String| t.lines().count() > 3;
        if i > 0 && (long(text) || long(&texts[i - 1])) {
            out.push('\n');
        }
        out.push_str(text);
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

fn dialect_index(d: Dialect) -> usize {
    Dialect::ALL.iter().position(|x| *x == d).unwrap_or(0)
}

/// Each backend's code for the step as seen by the backends `among` (the others' operations
/// left out, so a value only they share is written as that value).
fn step_parts(step: &Step, among: &[Dialect]) -> Result<[Vec<builder::Part>; 3], RenderError> {
    let mut only = step.clone();
    for (d, op) in Dialect::ALL.iter().zip(only.ops.iter_mut()) {
        if !among.contains(d) {
            *op = None;
        }
    }
    let mut parts: [Vec<builder::Part>; 3] = Default::default();
    for (i, d) in Dialect::ALL.iter().enumerate() {
        if let Some(op) = only.ops[i] {
            parts[i] = builder::parts(&only, *d, op)?;
        }
    }
    Ok(parts)
}

/// One builder statement for every backend when the backends' statements (part `n` of the
/// step) differ only in some clauses: each such clause becomes a `match` on the backend,
/// with each group's own clause. `None` when the statements differ in more than clauses.
fn merge_clauses(
    step: &Step,
    n: usize,
    groups: &[(Vec<Dialect>, &builder::Part)],
) -> Result<Option<builder::Part>, RenderError> {
    let statements: Vec<(&'static str, Vec<&str>)> = groups
        .iter()
        .filter_map(|(_, part)| match part {
            builder::Part::Builder { method, statement } => {
                Some((*method, statement.split("\n    ").collect()))
            }
            builder::Part::Sql { .. } => None,
        })
        .collect();
    let Some((method, first)) = statements.first() else {
        return Ok(None);
    };
    let same_shape = statements.len() == groups.len()
        && statements
            .iter()
            .all(|(m, lines)| m == method && lines.len() == first.len() && lines[0] == first[0]);
    if !same_shape {
        return Ok(None);
    }
    // Each group's own statement, for the clauses that differ.
    let mut own: Vec<Vec<String>> = Vec::new();
    for (dialects, _) in groups {
        let parts = step_parts(step, dialects)?;
        match parts[dialect_index(dialects[0])].get(n) {
            Some(builder::Part::Builder { statement, .. })
                if statement.split("\n    ").count() == first.len() =>
            {
                own.push(statement.split("\n    ").map(str::to_string).collect())
            }
            _ => return Ok(None),
        }
    }
    let mut lines: Vec<String> = vec![first[0].to_string()];
    for i in 1..first.len() {
        if statements.iter().all(|(_, l)| l[i] == first[i]) {
            lines.push(first[i].to_string());
            continue;
        }
        let Some(clause) = match_clause(groups, &own, i) else {
            return Ok(None);
        };
        lines.push(clause);
    }
    Ok(Some(builder::Part::Builder {
        method,
        statement: lines.join("\n    "),
    }))
}

/// `.col(match manager.get_database_backend() { … })` for clause `i` of each group's
/// statement: `.method(argument)` with the argument per group.
fn match_clause(
    groups: &[(Vec<Dialect>, &builder::Part)],
    own: &[Vec<String>],
    i: usize,
) -> Option<String> {
    let split = |line: &str| -> Option<(String, String)> {
        let open = line.find('(')?;
        let inner = line.strip_prefix('.')?.strip_suffix(')')?;
        Some((line[1..open].to_string(), inner[open..].to_string()))
    };
    let (method, _) = split(&own[0][i])?;
    // Builder clauses that borrow a statement (`.primary_key(&mut …)`) or take a column
    // get an owned value from each arm.
    let (borrow, take) = match method.as_str() {
        "primary_key" | "index" | "foreign_key" => ("&mut ", ".take()"),
        "col" | "add_column" | "modify_column" => ("", ".take()"),
        _ => ("", ""),
    };
    let mut arms = String::new();
    for (k, ((dialects, _), lines)) in groups.iter().zip(own).enumerate() {
        let (m, argument) = split(&lines[i])?;
        if m != method {
            return None;
        }
        let pattern = if k + 1 == groups.len() {
            "_".to_string()
        } else {
            dialects
                .iter()
                .map(|d| backend_path(*d))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        arms.push_str(&format!("\n        {pattern} => {argument}{take},"));
    }
    Some(format!(
        ".{method}({borrow}match manager.get_database_backend() {{{arms}\n    }})"
    ))
}

fn backend_path(d: Dialect) -> &'static str {
    match d {
        Dialect::Postgres => "sea_orm::DbBackend::Postgres",
        Dialect::Mysql => "sea_orm::DbBackend::MySql",
        Dialect::Sqlite => "sea_orm::DbBackend::Sqlite",
    }
}

/// `autogen_migration::Done::…` for a step whose result the catalog shows, so that a
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
        AddColumn { table, column, .. } => (
            "ColumnExists",
            format!("{}, {}", lit(table), lit(&column.name)),
        ),
        DropColumn { table, column, .. } => (
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
        AddUnique { table, unique } | AddUniqueOnline { table, unique } => (
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
        // Only the online form, whose rerun would otherwise drop the key it made; its
        // name is known when the models or the database gave one.
        AddPrimaryKeyOnline { table, primary_key } => (
            "ConstraintExists",
            format!("{}, {}", lit(table), lit(primary_key.name.as_deref()?)),
        ),
        AddExclusion { table, exclusion } => (
            "ConstraintExists",
            format!("{}, {}", lit(table), lit(&exclusion.name)),
        ),
        DropExclusion { table, exclusion } => (
            "ConstraintGone",
            format!("{}, {}", lit(table), lit(&exclusion.name)),
        ),
        _ => return None,
    };
    Some(format!("autogen_migration::Done::{state}({args})"))
}

fn condition(dialects: &[Dialect]) -> String {
    let names: Vec<&str> = dialects.iter().map(|d| backend_path(*d)).collect();
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
