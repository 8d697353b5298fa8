//! `autogen verify`: proves on a scratch database that every revision's `down` undoes its
//! `up`, on the schema and on rows.
//!
//! For each revision in graph order: generated rows go into every table, then the
//! project's migrations binary runs `up -n 1`, `down -n 1` and `up -n 1` again. After
//! `down` the reflected schema must equal the one before `up`, and the rows of every
//! table the revision does not change lossily must be the rows before `up`; after the
//! second `up` the schema must equal the one after the first. After the last revision
//! the schema must equal the head snapshot and the models. The graph stores no schema
//! for the revisions before the head, so the schema a revision leads to is the one its
//! first `up` made: its `down` and second `up` are checked against it.
//!
//! Exit 0 when every revision passes, 1 at the first that fails (the report names it,
//! the step and what differs), 2 on errors.

mod data;
pub(crate) mod scratch;

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::time::Duration;

use autogen_diff::{DiffOptions, Hazard, Plan};
use autogen_reflect::{Database, ReflectOptions};
use autogen_revisions::Revision;
use autogen_schema::canonical::canonical_ddl;
use autogen_schema::escape::terminal;
use autogen_schema::{Dialect, Schema};

use super::Project;
use crate::cli::VerifyArgs;
use crate::error::CliError;
use crate::output;
use crate::source::load_models;
use data::Generator;
use scratch::{MigrationsBinary, Scratch, StepResult};

/// A verification failure: the revision, the step, and what differs.
struct Failure {
    /// `id (module)`, or what failed when no revision is at fault.
    revision: String,
    /// `up`, `down`, `up-again`, or `head`.
    step: &'static str,
    /// One line.
    title: String,
    /// The unified diff, the rows, or the migration's output.
    detail: String,
}

/// What `verify` needs while it runs.
struct Run<'a> {
    binary: &'a MigrationsBinary,
    url: &'a str,
    dialect: Dialect,
    timeout: Option<Duration>,
    rows: u32,
    connect: autogen_reflect::ConnectOptions,
    /// `[models] ignore`: what the head is not compared on.
    ignore: autogen_schema::ignore::Ignore,
}

/// `autogen verify`.
pub async fn run(project: &Project, args: VerifyArgs) -> Result<ExitCode, CliError> {
    let dir = project.valid_migrations()?;
    let revisions: Vec<Revision> = dir.history()?.into_iter().cloned().collect();
    let head = dir
        .snapshot()
        .map(|s| (s.revision.clone(), s.schema.clone()));
    let models = load_models(&project.config.models, &project.root)?;
    let binary = MigrationsBinary::build(project)?;
    let ignore = project.config.ignore()?;
    let dev_url = args
        .dev_url
        .clone()
        .or_else(|| project.config.database.dev_url.clone());
    let server = args
        .database
        .clone()
        .or_else(|| project.config.named_database().map(|(url, _)| url));
    let scratch = Scratch::open(project, dev_url, server).await?;
    let dialect = autogen_reflect::dialect_of_url(scratch.url());
    let result = match (
        &dialect,
        output::print(&format!(
            "Scratch database: {}\n",
            terminal(&scratch.describe())
        )),
    ) {
        (Ok(dialect), Ok(())) => {
            let run = Run {
                binary: &binary,
                url: scratch.url(),
                dialect: *dialect,
                timeout: (args.step_timeout > 0).then(|| Duration::from_secs(args.step_timeout)),
                rows: args.rows,
                connect: scratch::connect_options(project),
                ignore: ignore.clone(),
            };
            verify(&run, &revisions, head.as_ref(), &models).await
        }
        (Err(_), _) => Ok(None),
        (_, Err(e)) => Err(e),
    };
    // Removed whatever happened, before any error is reported.
    scratch.remove(project).await;
    let dialect = dialect?;
    match result? {
        None => {
            output::print(&format!(
                "OK: {} revision(s) verified on {}: each down restored the schema and the rows, \
                 and the head equals the migrations head snapshot and the models\n",
                revisions.len(),
                dialect.name()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(f) => {
            output::print(&format!(
                "FAILED: revision {}, step {}: {}\n{}{}",
                terminal(&f.revision),
                f.step,
                terminal(&f.title),
                f.detail,
                if f.detail.ends_with('\n') || f.detail.is_empty() {
                    ""
                } else {
                    "\n"
                }
            ))?;
            Ok(ExitCode::from(1))
        }
    }
}

impl Run<'_> {
    async fn connect(&self) -> Result<Database, CliError> {
        Ok(Database::connect_with(self.url, &self.connect).await?)
    }

    async fn reflect(&self) -> Result<(Schema, Vec<String>), CliError> {
        let db = self.connect().await?;
        let schema = db.reflect(&ReflectOptions::default()).await;
        let applied = db.applied_migrations().await;
        db.close().await;
        Ok((schema?, applied?))
    }

    /// Runs the migrations binary once; `Some(output)` when the migration failed.
    fn step(&self, args: &[&str]) -> Result<Option<String>, CliError> {
        Ok(match self.binary.run(self.url, args, self.timeout)? {
            StepResult::Done => None,
            StepResult::Failed(out) => Some(autogen_reflect::redact_urls_in(&out)),
        })
    }
}

/// Every revision in order; `None` when all pass.
async fn verify(
    run: &Run<'_>,
    revisions: &[Revision],
    head: Option<&(String, Schema)>,
    models: &Schema,
) -> Result<Option<Failure>, CliError> {
    let mut generator = Generator::default();
    let (mut before, applied) = run.reflect().await?;
    if !applied.is_empty() {
        return Err(CliError::Usage(
            "the scratch database already has migrations applied".into(),
        ));
    }
    for (index, revision) in revisions.iter().enumerate() {
        let name = format!("{} ({})", revision.id, revision.module);
        let fail = |step, title: String, detail: String| {
            Ok(Some(Failure {
                revision: name.clone(),
                step,
                title,
                detail,
            }))
        };
        let mut lines = vec![format!(
            "{}/{} {}",
            index + 1,
            revisions.len(),
            terminal(&name)
        )];

        // Rows in every table, then the rows as they are before `up`.
        let rows_before = fill_and_read(run, &mut generator, &before, "rows", &mut lines).await?;

        if let Some(out) = run.step(&["up", "-n", "1"])? {
            return fail("up", "the migration failed".into(), out);
        }
        let (after_up, applied) = run.reflect().await?;
        if !applied.contains(&revision.module) {
            return fail(
                "up",
                format!(
                    "`up -n 1` did not apply this revision (applied: {}): is lib.rs in graph order?",
                    if applied.is_empty() {
                        "nothing".to_string()
                    } else {
                        applied.join(", ")
                    }
                ),
                String::new(),
            );
        }

        if let Some(out) = run.step(&["down", "-n", "1"])? {
            return fail("down", "the migration failed".into(), out);
        }
        let (after_down, applied) = run.reflect().await?;
        if applied.contains(&revision.module) {
            return fail(
                "down",
                "`down -n 1` left this revision applied".into(),
                String::new(),
            );
        }
        if let Some(diff) = schema_difference(
            &before,
            &after_down,
            run.dialect,
            ("before up", "after down"),
        ) {
            return fail(
                "down",
                "the schema after down differs from the schema before up".into(),
                diff,
            );
        }
        let up_plan = plan(&before, &after_up, run.dialect);
        let declared = declared_hazards(revision);
        match compare_rows(run, &rows_before, &up_plan, declared.as_ref()).await? {
            Rows::Differ { table, difference } => {
                return fail(
                    "down",
                    format!("the rows of table {table} after down differ from the rows before up"),
                    difference,
                );
            }
            Rows::Same {
                compared,
                not_compared,
            } => {
                lines.push(format!(
                    "  up, down: schema restored, rows of {compared} table(s) restored"
                ));
                push_not_compared(&mut lines, &not_compared);
            }
        }

        if let Some(out) = run.step(&["up", "-n", "1"])? {
            return fail("up-again", "the migration failed".into(), out);
        }
        let (again, _) = run.reflect().await?;
        if let Some(diff) = schema_difference(
            &after_up,
            &again,
            run.dialect,
            ("after up", "after up again"),
        ) {
            return fail(
                "up-again",
                "the schema after the second up differs from the schema after the first".into(),
                diff,
            );
        }
        lines.push("  up again: same schema".into());

        // Rows written while the revision is applied (its new columns and tables too),
        // through one more `down` and `up`: what `down` drops is reported, the rest must
        // come back.
        let rows_at = fill_and_read(
            run,
            &mut generator,
            &after_up,
            "rows at this revision",
            &mut lines,
        )
        .await?;
        if let Some(out) = run.step(&["down", "-n", "1"])? {
            return fail("down-again", "the migration failed".into(), out);
        }
        if let Some(out) = run.step(&["up", "-n", "1"])? {
            return fail("up-final", "the migration failed".into(), out);
        }
        let (last, _) = run.reflect().await?;
        if let Some(diff) = schema_difference(
            &after_up,
            &last,
            run.dialect,
            ("after up", "after down and up again"),
        ) {
            return fail(
                "up-final",
                "the schema after the third up differs from the schema after the first".into(),
                diff,
            );
        }
        // The down's own hazards: what it drops cannot come back with the next `up`.
        let down_plan = plan(&after_up, &before, run.dialect);
        match compare_rows(run, &rows_at, &down_plan, None).await? {
            Rows::Differ { table, difference } => {
                return fail(
                    "up-final",
                    format!(
                        "the rows of table {table} after down and up differ from the rows written at this revision"
                    ),
                    difference,
                );
            }
            Rows::Same {
                compared,
                not_compared,
            } => {
                lines.push(format!(
                    "  down, up again: rows of {compared} table(s) restored"
                ));
                push_not_compared(&mut lines, &not_compared);
            }
        }
        output::print(&(lines.join("\n") + "\n"))?;
        before = after_up;
    }

    let last = revisions.last().map_or_else(
        || "none".to_string(),
        |r| format!("{} ({})", r.id, r.module),
    );
    let head_failure = |title: String, detail: String| {
        Ok(Some(Failure {
            revision: last.clone(),
            step: "head",
            title,
            detail,
        }))
    };
    // The head snapshot and the models are compared as `check` compares them: what models
    // cannot declare (a hand-written revision's extension or function) and what
    // `[models] ignore` covers are the database's.
    let keeping = |schema| crate::source::models_as_compared(schema, &before, &run.ignore);
    if let Some((head_id, snapshot)) = head
        && let Some(diff) = schema_difference(
            &before,
            &keeping(snapshot),
            run.dialect,
            ("database at head", "migrations head snapshot"),
        )
    {
        return head_failure(
            format!(
                "the schema after every revision differs from the migrations head snapshot ({head_id})"
            ),
            diff,
        );
    }
    if let Some(diff) = schema_difference(
        &before,
        &keeping(models),
        run.dialect,
        ("database at head", "models"),
    ) {
        return head_failure(
            "the schema after every revision differs from the models".into(),
            diff,
        );
    }
    Ok(None)
}

/// Fills every table of `schema` with generated rows and reads every table's rows back,
/// adding what was filled and skipped to the report's `lines`.
async fn fill_and_read<'s>(
    run: &Run<'_>,
    generator: &mut Generator,
    schema: &'s Schema,
    label: &str,
    lines: &mut Vec<String>,
) -> Result<Vec<(&'s autogen_schema::Table, Vec<String>)>, CliError> {
    let db = run.connect().await?;
    let fill = generator.fill(&db, schema, run.rows).await;
    let mut rows = Vec::new();
    let mut failed = None;
    for table in schema.tables.values() {
        match data::read_rows(&db, table).await {
            Ok(r) => rows.push((table, r)),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    db.close().await;
    if let Some(e) = failed {
        return Err(e);
    }
    lines.push(format!(
        "  {label}: {} table(s) filled with {} row(s) each{}",
        fill.filled.len(),
        run.rows,
        if fill.skipped.is_empty() { "" } else { ";" }
    ));
    for (table, why) in &fill.skipped {
        lines.push(format!(
            "    skipped {}: {}",
            terminal(table),
            terminal(why)
        ));
    }
    Ok(rows)
}

/// What the rows of the tables are after a round trip.
enum Rows {
    /// Every table compared has its rows back; the others, with their hazards.
    Same {
        compared: usize,
        not_compared: Vec<String>,
    },
    /// The first table whose rows differ, and how.
    Differ { table: String, difference: String },
}

/// Compares the rows of each table in `saved` with its rows now, except the tables the
/// `plan` of the round trip changes lossily (see [`lossy`]).
async fn compare_rows(
    run: &Run<'_>,
    saved: &[(&autogen_schema::Table, Vec<String>)],
    plan: &Plan,
    declared: Option<&BTreeSet<String>>,
) -> Result<Rows, CliError> {
    let db = run.connect().await?;
    let mut compared = 0;
    let mut not_compared = Vec::new();
    let mut outcome = None;
    for (table, rows) in saved {
        if let Some(hazards) = lossy(plan, &table.name, declared) {
            not_compared.push(format!("{} ({hazards})", terminal(&table.name)));
            continue;
        }
        match data::read_rows(&db, table).await {
            Err(e) => {
                outcome = Some(Err(e));
                break;
            }
            Ok(now) => {
                if let Some(difference) = data::difference(rows, &now) {
                    outcome = Some(Ok(Rows::Differ {
                        table: table.name.clone(),
                        difference: format!("  {difference}\n"),
                    }));
                    break;
                }
                compared += 1;
            }
        }
    }
    db.close().await;
    outcome.unwrap_or(Ok(Rows::Same {
        compared,
        not_compared,
    }))
}

/// `data not compared: …`, the first tables named and the rest counted.
fn push_not_compared(lines: &mut Vec<String>, not_compared: &[String]) {
    const SHOWN: usize = 6;
    if not_compared.is_empty() {
        return;
    }
    let mut line = format!(
        "  data not compared: {}",
        not_compared[..not_compared.len().min(SHOWN)].join(", ")
    );
    if not_compared.len() > SHOWN {
        line.push_str(&format!(" and {} more", not_compared.len() - SHOWN));
    }
    lines.push(line);
}

fn plan(from: &Schema, to: &Schema, dialect: Dialect) -> Plan {
    autogen_diff::diff(
        from,
        to,
        &DiffOptions {
            dialect: Some(dialect),
            ..Default::default()
        },
    )
}

/// The unified diff of canonical DDL and the operations between, when two schemas differ.
fn schema_difference(
    from: &Schema,
    to: &Schema,
    dialect: Dialect,
    labels: (&str, &str),
) -> Option<String> {
    let plan = plan(from, to, dialect);
    if plan.is_empty() {
        return None;
    }
    let diff = autogen_render::unified_diff(
        &canonical_ddl(from, dialect),
        &canonical_ddl(to, dialect),
        labels.0,
        labels.1,
        false,
    );
    Some(format!("{diff}\n{}", autogen_render::plan_text(&plan)))
}

/// The hazards a generated revision's header declares (`//! - 1. …: deletes-data, …`);
/// `None` for a revision with no `Hazards:` line (hand-written or adopted).
fn declared_hazards(revision: &Revision) -> Option<BTreeSet<String>> {
    let start = revision
        .notes
        .iter()
        .position(|n| n.starts_with("Hazards:"))?;
    let mut out = BTreeSet::new();
    for note in &revision.notes[start + 1..] {
        let Some(item) = note.strip_prefix("- ") else {
            break;
        };
        if let Some((_, codes)) = item.rsplit_once(": ") {
            out.extend(codes.split(',').map(|c| c.trim().to_string()));
        }
    }
    Some(out)
}

/// Why the rows of `table` are not compared after `up` then `down`: the destructive
/// hazards (`deletes-data`, `lossy-conversion`) of the operations the plan between the
/// schemas before and after `up` makes on it. A revision whose header declares no
/// destructive hazard claims its `down` restores every row (a rename, which the plan
/// between two reflections sees as a drop and an add): its rows are compared.
fn lossy(up: &Plan, table: &str, declared: Option<&BTreeSet<String>>) -> Option<String> {
    let destructive = |code: &str| {
        [Hazard::DeletesData, Hazard::LossyConversion]
            .iter()
            .any(|h| h.code() == code)
    };
    if declared.is_some_and(|d| !d.iter().any(|c| destructive(c))) {
        return None;
    }
    let mut hazards = BTreeSet::new();
    for (op, op_hazards) in up.ops.iter().zip(up.hazards_by_op()) {
        let on_table = op.table() == Some(table)
            || matches!(op, autogen_diff::Op::RenameTable { from, .. } if from == table);
        if on_table {
            hazards.extend(op_hazards.into_iter().filter(|h| h.is_destructive()));
        }
    }
    (!hazards.is_empty()).then(|| {
        hazards
            .iter()
            .map(|h| h.code())
            .collect::<Vec<_>>()
            .join(", ")
    })
}
