//! `autogen check`: drift detection for CI. Exit 0 when the models, the migrations head and
//! the database (`--database`, else `DATABASE_URL`, else `[database] url`) agree; exit 1
//! with a readable report when not. The report's first line names the database compared.

use std::io::IsTerminal;
use std::process::ExitCode;

use autogen_diff::{DiffOptions, Plan};
use autogen_revisions::RevisionError;
use autogen_schema::canonical::canonical_ddl;
use autogen_schema::{Dialect, Schema};
use serde_json::json;

use super::Project;
use crate::cli::{CheckArgs, ReportFormat};
use crate::error::CliError;
use crate::output;
use crate::source::{DatabaseState, load_models, models_keeping_unmanaged, read_database};

/// One disagreement.
struct Drift {
    /// Stable identifier for machines.
    kind: &'static str,
    /// One line for people.
    title: String,
    /// Further lines (the graph's problems, the revisions not applied, …).
    details: Vec<String>,
    /// Unified diff of canonical DDL (uncolored) and the plan, when two schemas differ.
    schemas: Option<(String, Plan)>,
}

/// What to do about a pending revision that may have failed part-way (the per-backend
/// detail is in docs/robustness.md).
const RECOVERY: &str = "if `up` failed part-way through a revision: fix the cause and run `up` again \
(generated steps skip what is already done); on MySQL/MariaDB and SQLite the steps before the \
failure stay applied, on PostgreSQL nothing does unless the file runs without a transaction \
(docs/robustness.md, \"How to recover a half-applied revision\")";

/// The database `check` compares, and where it was named; or why it compares none.
enum Compared {
    Database { url: String, from: &'static str },
    None { why: &'static str },
}

impl Compared {
    fn choose(project: &Project, args: &CheckArgs) -> Compared {
        if let Some(url) = &args.database {
            return Compared::Database {
                url: url.clone(),
                from: "--database",
            };
        }
        if args.no_database {
            return Compared::None {
                why: "--no-database",
            };
        }
        match project.config.named_database() {
            Some((url, from)) => Compared::Database { url, from },
            None => Compared::None {
                why: "no --database, DATABASE_URL or [database] url",
            },
        }
    }

    fn url(&self) -> Option<&str> {
        match self {
            Compared::Database { url, .. } => Some(url),
            Compared::None { .. } => None,
        }
    }

    /// The report's first line.
    fn line(&self) -> String {
        match self {
            Compared::Database { url, from } => {
                format!(
                    "Database: {} (from {from})",
                    autogen_schema::escape::terminal(&autogen_reflect::redact(url))
                )
            }
            Compared::None { why } => format!("Database: none compared ({why})"),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Compared::Database { url, from } => {
                json!({"url": autogen_reflect::redact(url), "from": from})
            }
            Compared::None { why } => json!({"url": null, "why_none": why}),
        }
    }
}

pub async fn run(project: &Project, args: CheckArgs) -> Result<ExitCode, CliError> {
    if args.verify && args.format != ReportFormat::Text {
        return Err(CliError::Usage(
            "--verify reports as text: run `autogen verify` on its own beside a markdown or JSON check".into(),
        ));
    }
    let compared = Compared::choose(project, &args);
    let dir = project.migrations()?;
    let models = load_models(&project.config.models, &project.root)?;
    let mut drifts = Vec::new();
    let mut notices: Vec<String> = Vec::new();

    let problems = dir.validate();
    if !problems.is_empty() {
        drifts.push(Drift {
            kind: "graph",
            title: "the migration graph is broken".into(),
            details: problems.iter().map(|p| p.to_string()).collect(),
            schemas: None,
        });
    }
    if let Some(drift) = policy_drift(project, &dir)? {
        drifts.push(drift);
    }
    let head = dir
        .snapshot()
        .map(|s| (s.revision.clone(), s.schema.clone()));
    match &head {
        None if !dir.graph().is_empty() => {
            // Hand-written migrations only: there is no head to compare the models with.
            // (A missing or unreadable snapshot beside autogen revisions is a graph problem
            // already reported above.)
            let reported = problems.iter().any(|p| {
                matches!(
                    p,
                    RevisionError::SnapshotMissing { .. } | RevisionError::SnapshotInvalid { .. }
                )
            });
            if !reported {
                drifts.push(Drift {
                    kind: "graph",
                    title: format!(
                        "{} is missing, so the models cannot be compared with the migrations: run `autogen init` to take the head snapshot",
                        dir.snapshot_path().display()
                    ),
                    details: Vec::new(),
                    schemas: None,
                });
            }
        }
        None => drifts.push(schema_drift(
            "models",
            "the models have no migrations yet: run `autogen revision`".into(),
            &Schema::default(),
            &models,
            None,
            ("no migrations", "models"),
        )),
        Some((revision, head_schema)) => {
            if let Some(drift) = compare(
                "models",
                format!(
                    "the models differ from the migrations head {revision}: a model edit without a revision (run `autogen revision`)"
                ),
                head_schema,
                &models_keeping_unmanaged(&models, head_schema),
                None,
                (&format!("migrations head {revision}"), "models"),
            ) {
                drifts.push(drift);
            }
        }
    }

    if let Some(url) = compared.url() {
        let DatabaseState {
            dialect,
            applied,
            schema: reflected,
        } = read_database(url, &project.config).await?;
        // Between the expand and the contract of a phased change, the pending contract is
        // expected: said, not failed (docs/safety.md).
        let window = super::phased::Window::of(&dir, &applied);
        if let Some(w) = &window {
            notices.extend(w.notices());
        }
        let reflected = match &window {
            Some(w) => w.contracted(reflected, &models),
            None => reflected,
        };
        let pending: Vec<String> = dir
            .pending(&applied)
            .iter()
            .map(|r| format!("{} {} ({})", r.id, r.message, r.module))
            .collect();
        let unknown: Vec<&String> = applied
            .iter()
            .filter(|v| dir.graph().by_module(v).is_none())
            .collect();
        let pending = if window.is_some() {
            Vec::new()
        } else {
            pending
        };
        if !pending.is_empty() || !unknown.is_empty() {
            let mut details: Vec<String> = pending
                .iter()
                .map(|p| format!("not applied: {p}"))
                .collect();
            details.extend(
                unknown
                    .iter()
                    .map(|v| format!("applied but has no migration file: {v}")),
            );
            if !pending.is_empty() {
                // A pending revision may be one that failed part-way: say how to finish it.
                details.push(RECOVERY.into());
            }
            drifts.push(Drift {
                kind: "database_not_at_head",
                title: format!(
                    "the database is not at the migrations head ({} pending)",
                    pending.len()
                ),
                details,
                schemas: None,
            });
        }
        if let Some(drift) = compare(
            "database",
            format!("the database differs from the models ({dialect})"),
            &reflected,
            &models_keeping_unmanaged(&models, &reflected),
            Some(dialect),
            ("database", "models"),
        ) {
            drifts.push(drift);
        }
    }

    let head_label = head
        .as_ref()
        .map(|(r, _)| r.clone())
        .unwrap_or_else(|| "none".into());
    let with_database = compared.url().is_some();
    let notes: String = notices
        .iter()
        .map(|n| format!("Note: {}\n", autogen_schema::escape::terminal(n)))
        .collect();
    let out = match args.format {
        ReportFormat::Text => format!(
            "{}\n{notes}{}",
            compared.line(),
            text_report(
                &drifts,
                &head_label,
                std::io::stdout().is_terminal(),
                with_database,
            )
        ),
        ReportFormat::Markdown => format!(
            "{}\n\n{notes}{}",
            compared.line(),
            markdown_report(&drifts, &head_label, with_database)
        ),
        ReportFormat::Json => {
            let mut database = compared.json();
            if !notices.is_empty() {
                database["notices"] = json!(notices);
            }
            json_report(&drifts, &head_label, database)
        }
    };
    output::print(&out)?;
    let verified = if args.verify {
        // The same run as `autogen verify`: its scratch database is its own (dev_url or a
        // temporary one), never the database compared above.
        super::verify::run(project, crate::cli::VerifyArgs::default()).await?
    } else {
        ExitCode::SUCCESS
    };
    Ok(if drifts.is_empty() {
        verified
    } else {
        ExitCode::from(1)
    })
}

fn plan(from: &Schema, to: &Schema, dialect: Option<Dialect>) -> Plan {
    autogen_diff::diff(
        from,
        to,
        &DiffOptions {
            dialect,
            ..Default::default()
        },
    )
}

/// A drift when the two schemas differ.
fn compare(
    kind: &'static str,
    title: String,
    from: &Schema,
    to: &Schema,
    dialect: Option<Dialect>,
    labels: (&str, &str),
) -> Option<Drift> {
    let plan = plan(from, to, dialect);
    (!plan.is_empty()).then(|| drift(kind, title, from, to, dialect, labels, plan))
}

/// A drift between two schemas, whatever their plan.
fn schema_drift(
    kind: &'static str,
    title: String,
    from: &Schema,
    to: &Schema,
    dialect: Option<Dialect>,
    labels: (&str, &str),
) -> Drift {
    drift(
        kind,
        title,
        from,
        to,
        dialect,
        labels,
        plan(from, to, dialect),
    )
}

fn drift(
    kind: &'static str,
    title: String,
    from: &Schema,
    to: &Schema,
    dialect: Option<Dialect>,
    labels: (&str, &str),
    plan: Plan,
) -> Drift {
    // Logical comparisons show PostgreSQL's spelling, the richest of the three.
    let ddl_dialect = dialect.unwrap_or(Dialect::Postgres);
    let diff = autogen_render::unified_diff(
        &canonical_ddl(from, ddl_dialect),
        &canonical_ddl(to, ddl_dialect),
        labels.0,
        labels.1,
        false,
    );
    Drift {
        kind,
        title,
        details: Vec::new(),
        schemas: Some((diff, plan)),
    }
}

fn agreement(head: &str, with_database: bool) -> String {
    if with_database {
        format!("the models, the migrations head {head} and the database agree")
    } else {
        format!("the models and the migrations head {head} agree")
    }
}

fn text_report(drifts: &[Drift], head: &str, color: bool, with_database: bool) -> String {
    if drifts.is_empty() {
        return format!("OK: {}\n", agreement(head, with_database));
    }
    let mut out = String::new();
    for d in drifts {
        let t = autogen_schema::escape::terminal;
        out.push_str(&format!("DRIFT: {}\n", t(&d.title)));
        for line in &d.details {
            out.push_str(&format!("  {}\n", t(line)));
        }
        if let Some((diff, plan)) = &d.schemas {
            out.push('\n');
            out.push_str(&if color {
                autogen_render::unified::colorize(diff)
            } else {
                diff.clone()
            });
            out.push('\n');
            out.push_str(&operations(d, plan));
        }
        out.push('\n');
    }
    out.push_str(&format!("{} problem(s) found\n", problem_count(drifts)));
    out
}

/// Each problem of a broken graph counts, as each is listed and each needs a fix.
fn problem_count(drifts: &[Drift]) -> usize {
    drifts
        .iter()
        .map(|d| match d.kind {
            "graph" => d.details.len().max(1),
            _ => 1,
        })
        .sum()
}

fn markdown_report(drifts: &[Drift], head: &str, with_database: bool) -> String {
    if drifts.is_empty() {
        return format!(
            "✅ **autogen check**: {}.\n",
            agreement(&format!("`{head}`"), with_database)
        );
    }
    let mut out = format!(
        "## ❌ autogen check: {} problem(s)\n\n",
        problem_count(drifts)
    );
    for d in drifts {
        // Names are literal text in a comment, and control characters are shown as in
        // the text report (the same comment is read in CI logs).
        let md = autogen_schema::escape::markdown;
        out.push_str(&format!("### {}\n\n", md(&d.title)));
        for line in &d.details {
            out.push_str(&format!("- {}\n", md(line)));
        }
        if !d.details.is_empty() {
            out.push('\n');
        }
        if let Some((diff, plan)) = &d.schemas {
            let fence = autogen_schema::escape::markdown_fence(diff);
            out.push_str(&format!("{fence}diff\n{diff}{fence}\n\n"));
            let operations = operations(d, plan);
            let fence = autogen_schema::escape::markdown_fence(&operations);
            out.push_str(&format!(
                "<details><summary>Operations and hazards</summary>\n\n{fence}\n{operations}{fence}\n\n</details>\n\n"
            ));
        }
    }
    out
}

/// A drift's operations as text. Between the database and the models, each says where to
/// declare what the database has (the entity or the Base): the database is the truth an
/// adopter starts from.
fn operations(d: &Drift, plan: &Plan) -> String {
    if d.kind == "database" {
        autogen_render::plan_text_with_hints(plan)
    } else {
        autogen_render::plan_text(plan)
    }
}

fn json_report(drifts: &[Drift], head: &str, database: serde_json::Value) -> String {
    let items: Vec<serde_json::Value> = drifts
        .iter()
        .map(|d| {
            let mut v = json!({"kind": d.kind, "message": d.title, "details": d.details});
            if let Some((diff, plan)) = &d.schemas {
                v["diff"] = json!(diff);
                v["operations"] = json!(
                    plan.ops
                        .iter()
                        .zip(plan.hazards_by_op())
                        .map(|(op, hazards)| json!({
                            "description": autogen_render::describe(op, plan.dialect),
                            "hazards": hazards.iter().map(|h| h.code()).collect::<Vec<_>>(),
                        }))
                        .collect::<Vec<_>>()
                );
            }
            v
        })
        .collect();
    serde_json::to_string_pretty(&json!({
        "ok": drifts.is_empty(),
        "head": head,
        "database": database,
        "problems": items,
    }))
    .expect("json")
        + "\n"
}

/// The migration files whose hazards exceed the policy (`[policy] allow` and the
/// allowances each file's header records), as `lint` reports them.
fn policy_drift(
    project: &Project,
    dir: &autogen_revisions::MigrationDir,
) -> Result<Option<Drift>, CliError> {
    let policy = project.config.policy(&[])?;
    let mut details = Vec::new();
    let mut revisions: Vec<&autogen_revisions::Revision> = dir.graph().revisions().iter().collect();
    revisions.sort_by(|a, b| a.module.cmp(&b.module));
    for revision in revisions {
        // An unreadable file is a graph problem reported above.
        let Ok(text) = std::fs::read_to_string(&revision.path) else {
            continue;
        };
        let report = crate::lint::lint_text(&revision.path, &text);
        for f in report.violations(&policy) {
            details.push(format!(
                "{}:{}: {}: {} ({}); allow it in autogen.toml [policy] allow, or record a reviewed `//! Allowed: {}` line in the header",
                revision.path.display(),
                f.line,
                f.rule.code(),
                f.what,
                f.rule.hazards(),
                f.rule.code()
            ));
        }
    }
    Ok((!details.is_empty()).then(|| Drift {
        kind: "policy",
        title: format!(
            "{} step(s) of the migrations exceed the hazard policy (autogen lint shows them)",
            details.len()
        ),
        details,
        schemas: None,
    }))
}
