//! `autogen revision`: models vs the migrations head (or a database at head) → a
//! migration file, `lib.rs` and the head snapshot, all written or none.

use std::collections::BTreeSet;
use std::process::ExitCode;

use autogen_diff::{DiffOptions, Plan, Renames};
use autogen_render::{DialectPlans, RevisionMeta};
use autogen_schema::Dialect;

use super::Project;
use crate::cli::RevisionArgs;
use crate::error::CliError;
use crate::lint;
use crate::output;
use crate::progress;
use crate::source::load_models;

pub async fn run(project: &Project, args: RevisionArgs) -> Result<ExitCode, CliError> {
    if args.allow.iter().any(|a| a == "help") {
        output::print(&lint::allowance_help())?;
        return Ok(ExitCode::SUCCESS);
    }
    // Read before anything is planned: a misspelt allowance is an error up front.
    let policy = project.config.policy(&args.allow)?;
    // Held from before the directory is read until the commit: a concurrent run fails at
    // once instead of planning from the same head. `--sql` writes nothing and needs none.
    let lock = match args.sql {
        None => Some(project.lock_migrations("revision")?),
        Some(_) => None,
    };
    let dir = project.valid_migrations()?;
    let backends = project
        .config
        .migration_backends(&project.root.join(crate::config::CONFIG_FILE))?;
    let mut renames = Renames::default();
    for spec in &args.rename {
        renames.add(spec).map_err(CliError::Usage)?;
    }
    let heads: Vec<String> = dir.heads().iter().map(|r| r.id.clone()).collect();
    let snapshot = dir.snapshot().map(|s| s.schema.clone());
    if snapshot.is_none() && !dir.graph().is_empty() {
        return Err(CliError::Usage(format!(
            "{} has migrations but no head snapshot: run `autogen init --database URL` (a database at head) or `autogen init` (from the models) to take one",
            dir.snapshot_path().display()
        )));
    }
    let head_schema = snapshot.unwrap_or_default();
    let mut models_with_hints = load_models(&project.config.models, &project.root)?;
    // The head's views and triggers stay (the models cannot declare them) and go on into
    // the next snapshot.
    models_with_hints.keep_unmanaged(&head_schema);
    let models = models_with_hints.clone().without_hints();

    // From: the head snapshot for every dialect, or the database for its own dialect.
    let mut from = [
        head_schema.clone(),
        head_schema.clone(),
        head_schema.clone(),
    ];
    if let Some(url) = &args.database {
        let state = project.database_at_head(&dir, url).await?;
        let i = Dialect::ALL
            .iter()
            .position(|d| *d == state.dialect)
            .expect("dialect");
        from[i] = state.schema;
    }
    let (online, online_why) = project.config.online(args.online, args.no_online);
    let plan_in = |i: usize, online: bool| -> Plan {
        autogen_diff::diff(
            &from[i],
            &models_with_hints,
            &DiffOptions {
                dialect: Some(Dialect::ALL[i]),
                renames: renames.clone(),
                online,
                // `--sql` qualifies PostgreSQL names with the configured schema.
                namespace: project.config.database.schema.clone(),
            },
        )
    };
    let plan_for = |i: usize| plan_in(i, online);
    // `--empty` is a revision for hand edits: no operations, the snapshot unchanged.
    let empty_plan = |d: Dialect| Plan {
        dialect: Some(d),
        namespace: None,
        ops: Vec::new(),
        notes: Vec::new(),
    };
    let planning = progress::step("Planning");
    let plans = if args.empty {
        DialectPlans {
            postgres: empty_plan(Dialect::Postgres),
            mysql: empty_plan(Dialect::Mysql),
            sqlite: empty_plan(Dialect::Sqlite),
        }
    } else {
        DialectPlans {
            postgres: plan_for(0),
            mysql: plan_for(1),
            sqlite: plan_for(2),
        }
    };
    planning.finish();
    let snapshot_after = if args.empty { &head_schema } else { &models };

    if let Some(d) = args.sql {
        let d: Dialect = d.into();
        let plan = plans.each()[Dialect::ALL.iter().position(|x| *x == d).expect("dialect")];
        let sql =
            autogen_render::plan_sql_script(plan, d).map_err(|e| CliError::Usage(e.to_string()))?;
        if sql.is_empty() {
            output::print("-- No changes detected\n")?;
        }
        output::print(&sql)?;
        return Ok(ExitCode::SUCCESS);
    }
    if plans.is_empty() && !args.empty {
        output::print("No changes detected\n")?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.phased {
        let lock = lock.as_ref().expect("taken unless --sql");
        return super::phased::write(super::phased::Phased {
            dir: &dir,
            lock,
            message: &args.message,
            heads: &heads,
            from: &from[0],
            models: &models,
            plans: &plans,
            backends: &backends,
            policy: &policy,
        });
    }

    let _writing = progress::step("Writing the revision");
    // What the summary reports: the served backends' operations only.
    let plans = plans.only(&backends);
    let id = autogen_revisions::revision_id();
    let created = autogen_revisions::now_rfc3339();
    let parents: Vec<&str> = heads.iter().map(String::as_str).collect();
    let mut revision = dir.plan_new_revision(&args.message, &parents, &created, &id)?;
    let meta = RevisionMeta {
        revision: revision.id.clone(),
        parents: revision.parents.clone(),
        message: revision.message.clone(),
        created: revision.created.clone(),
    };
    // The header names the form when it changed a step: the same plans in the other form.
    let other_form = |i: usize| {
        if args.empty {
            Vec::new()
        } else {
            plan_in(i, !online).ops
        }
    };
    let changed = plans
        .each()
        .into_iter()
        .enumerate()
        .filter(|(i, _)| backends.contains(&Dialect::ALL[*i]))
        .map(|(i, plan)| {
            plan.ops
                .iter()
                .zip(other_form(i))
                .filter(|(a, b)| **a != *b)
                .count()
        })
        .max()
        .unwrap_or(0);
    let form = form_lines(online, online_why, changed);
    let mut text = autogen_render::render_migration_with(&meta, &plans, &backends, None, &form)?;
    // The file is linted as `check` and `lint` will read it, so that what this command
    // allows is exactly what they accept.
    let report = lint::lint_text(&revision.path, &text);
    let refused: Vec<&lint::Finding> = report.violations(&policy).collect();
    if !refused.is_empty() {
        return Err(CliError::Usage(refusal(&refused)));
    }
    let used: BTreeSet<lint::Rule> = report
        .findings
        .iter()
        .map(|f| f.rule)
        .filter(|r| r.needs_allowance())
        .collect();
    if !used.is_empty() {
        let line = lint::allowed_line(&used, &policy);
        text = autogen_render::render_migration_with(&meta, &plans, &backends, Some(&line), &form)?;
    }
    let (notes, body) = split_header(&rustfmt(text));
    revision.notes = notes;
    let changes = dir.changeset(&revision, &body, Some(snapshot_after))?;
    changes.commit(lock.as_ref().expect("taken unless --sql"))?;

    let shown = plans
        .each()
        .into_iter()
        .max_by_key(|p| p.ops.len())
        .expect("three plans");
    let mut out = format!(
        "Generated {} (revision {}, parent {}): {} operation(s)\n",
        revision.path.display(),
        revision.id,
        if revision.parents.is_empty() {
            "none".to_string()
        } else {
            revision.parents.join(", ")
        },
        shown.ops.len()
    );
    let hazards: Vec<&str> = plans
        .each()
        .iter()
        .flat_map(|p| p.hazards())
        .map(|h| h.code())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !hazards.is_empty() {
        out.push_str(&format!(
            "Hazards: {} (see the file's header)\n",
            hazards.join(", ")
        ));
    }
    for note in &shown.notes {
        out.push_str(&format!(
            "Warning: {}
",
            autogen_schema::escape::terminal(&note.to_string())
        ));
    }
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The error for steps the policy does not allow: each step, its hazards and the
/// allowance it needs, and how to give it.
pub(super) fn refusal(refused: &[&lint::Finding]) -> String {
    let mut rules: Vec<&str> = refused.iter().map(|f| f.rule.code()).collect();
    rules.sort();
    rules.dedup();
    let mut out = format!(
        "the hazard policy does not allow {} step(s) of this revision; nothing was written:\n",
        refused.len()
    );
    for f in refused {
        out.push_str(&format!(
            "  {} — {} ({}): needs --allow {}\n",
            f.what,
            f.rule.code(),
            f.rule.hazards(),
            f.rule.code()
        ));
    }
    out.push_str(&format!(
        "allow them with `--allow {}` or in autogen.toml `[policy] allow = [{}]` (docs/safety.md; `--allow help` lists the allowances)",
        rules.join(","),
        rules
            .iter()
            .map(|r| format!("\"{r}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out
}

/// How long rustfmt may take on one migration file before it is left unformatted.
const RUSTFMT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The file as `rustfmt` formats it, so it reads well in review and passes `cargo fmt
/// --check`; unchanged when rustfmt is not installed, fails or takes longer than
/// [`RUSTFMT_TIMEOUT`].
pub(super) fn rustfmt(text: String) -> String {
    let mut command = std::process::Command::new("rustfmt");
    command.args(["--edition", "2024"]);
    let finished = crate::process::run_command_with_input(
        command,
        text.clone().into_bytes(),
        Some(RUSTFMT_TIMEOUT),
        |_| {},
    );
    match finished {
        Ok(out) if out.status.success() && !out.pipe_left_open => {
            String::from_utf8(out.stdout).unwrap_or(text)
        }
        _ => text,
    }
}

/// Splits a rendered migration into its header notes (the `//!` lines after `Created:`)
/// and its body (from the first line that is not `//!`).
pub(super) fn split_header(text: &str) -> (Vec<String>, String) {
    let mut notes = Vec::new();
    let mut after_created = false;
    let mut body_start = text.len();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !line.starts_with("//!") {
            body_start = offset;
            break;
        }
        let content = line.trim_end_matches('\n');
        let content = content
            .strip_prefix("//! ")
            .or_else(|| content.strip_prefix("//!"))
            .unwrap_or("");
        if after_created {
            notes.push(content.to_string());
        }
        if content.starts_with("Created:") {
            after_created = true;
        }
        offset += line.len();
    }
    (
        notes,
        text[body_start..].trim_start_matches('\n').to_string(),
    )
}

/// The header's lines on the form of the file's SQL (`docs/safety.md`), when `changed`
/// steps differ between the two forms; none when the choice made no difference.
fn form_lines(online: bool, why: &str, changed: usize) -> Vec<String> {
    if changed == 0 {
        return Vec::new();
    }
    if online {
        vec![
            format!("Form: online ({why}; `--no-online` writes the single-transaction form)."),
            format!(
                "{changed} step(s) on existing tables take no lock that blocks writes: PostgreSQL \
                 CONCURRENTLY and NOT VALID + VALIDATE, run outside a transaction and each \
                 re-runnable (IF EXISTS, an invalid index dropped first); MySQL/MariaDB \
                 ALGORITHM=INPLACE, LOCK=NONE, refused by the server rather than copied."
            ),
        ]
    } else {
        vec![
            format!("Form: single transaction ({why})."),
            format!(
                "{changed} step(s) on existing tables take locks that block writes while they \
                 run; the online form (`--online`) avoids them (docs/safety.md)."
            ),
        ]
    }
}
