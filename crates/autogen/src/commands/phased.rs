//! `autogen revision --phased`: one column rename or type change written as three
//! revisions — expand, backfill, contract — each the parent of the next, committed
//! together (docs/safety.md, "Phased changes").

use std::collections::BTreeSet;
use std::process::ExitCode;

use autogen_diff::{PhasedChange, Plan};
use autogen_render::{DialectPlans, RevisionMeta};
use autogen_revisions::{DirLock, MigrationDir, NewRevision, Phase, PhaseStep};
use autogen_schema::{Dialect, Schema};

use super::revision::{refusal, rustfmt, split_header};
use crate::error::CliError;
use crate::lint::{self, Policy, Rule};
use crate::output;

/// What `revision` has read and planned when `--phased` is given.
pub struct Phased<'a> {
    pub dir: &'a MigrationDir,
    pub lock: &'a DirLock,
    pub message: &'a str,
    pub heads: &'a [String],
    /// The schema before (the head snapshot, or the PostgreSQL database at head).
    pub from: &'a Schema,
    pub models: &'a Schema,
    /// The ordinary plans of the change, per dialect.
    pub plans: &'a DialectPlans,
    pub backends: &'a [Dialect],
    pub policy: &'a Policy,
}

/// Keys per batch in the generated backfill; the file says where to change it.
const BATCH_SIZE: u32 = 1000;

/// Writes the three revisions, or nothing.
pub fn write(p: Phased<'_>) -> Result<ExitCode, CliError> {
    let change =
        PhasedChange::find(&p.plans.postgres, p.from, p.models).map_err(CliError::Usage)?;
    let q = |c: &str| format!("{}.{}", change.table, c);
    let (old, new) = (q(&change.old.name), q(&change.new.name));
    let sqlite = p.backends.contains(&Dialect::Sqlite);

    let start = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut ids: Vec<String> = Vec::new();
    while ids.len() < 3 {
        let id = autogen_revisions::revision_id();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut revisions: Vec<(NewRevision, String)> = Vec::new();
    for (i, step) in PhaseStep::ALL.into_iter().enumerate() {
        // One second apart, so that the module names sort in the order they run.
        let created = autogen_revisions::rfc3339_from_unix(start + i as u64);
        let message = format!("{} ({})", p.message, step.name());
        let parents: Vec<&str> = if i == 0 {
            p.heads.iter().map(String::as_str).collect()
        } else {
            Vec::new()
        };
        let mut revision = p
            .dir
            .plan_new_revision(&message, &parents, &created, &ids[i])?;
        if i > 0 {
            revision.parents = vec![ids[i - 1].clone()];
        }
        let meta = RevisionMeta {
            revision: revision.id.clone(),
            parents: revision.parents.clone(),
            message: revision.message.clone(),
            created: revision.created.clone(),
        };
        let phase = Phase {
            step,
            change: ids[0].clone(),
            table: change.table.clone(),
            from: change.old.name.clone(),
            to: change.new.name.clone(),
            via: change.via.clone(),
        };
        let mut notes = phase.header_lines();
        notes.extend(deploy_lines(step, &old, &new, sqlite));
        let text = match step {
            PhaseStep::Backfill => backfill_file(&meta, &change, p.backends),
            PhaseStep::Expand | PhaseStep::Contract => {
                let (up, down) = phase_plans(&change, step, p.plans);
                render(&meta, &up, &down, p.backends, p.policy, &revision)?
            }
        };
        let (rendered, body) = split_header(&rustfmt(text));
        notes.extend(rendered);
        revision.notes = notes;
        revisions.push((revision, body));
    }
    let writes: Vec<(&NewRevision, &str)> = revisions
        .iter()
        .map(|(r, body)| (r, body.as_str()))
        .collect();
    let changes = p.dir.changeset_many(&writes, Some(p.models))?;
    changes.commit(p.lock)?;

    let mut out = format!(
        "Generated a phased change of {old} → {new} (change {}), three revisions to deploy between:\n",
        ids[0]
    );
    for ((revision, _), step) in revisions.iter().zip(PhaseStep::ALL) {
        out.push_str(&format!(
            "  {}. {:<8} {} ({})\n",
            step.number(),
            step.name(),
            revision.path.display(),
            revision.id
        ));
    }
    out.push_str(&format!(
        "Deploy: apply expand; deploy code that uses {new} (the triggers copy writes of either column to the other); apply backfill; once no running code reads {old}, apply contract.\n"
    ));
    if sqlite {
        out.push_str(
            "SQLite: no triggers there — the expand revision makes the whole change (a rename, or a table rebuild), so run it in a maintenance window; backfill and contract do nothing on SQLite.\n",
        );
    }
    output::print(&autogen_schema::escape::terminal_lines(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// The up and down plans of expand or contract, per dialect.
fn phase_plans(
    change: &PhasedChange,
    step: PhaseStep,
    ordinary: &DialectPlans,
) -> (DialectPlans, DialectPlans) {
    let each = |d: Dialect, ordinary: &Plan| match step {
        PhaseStep::Expand => change.expand(d, ordinary),
        _ => change.contract(d),
    };
    let (pu, pd) = each(Dialect::Postgres, &ordinary.postgres);
    let (mu, md) = each(Dialect::Mysql, &ordinary.mysql);
    let (su, sd) = each(Dialect::Sqlite, &ordinary.sqlite);
    (
        DialectPlans {
            postgres: pu,
            mysql: mu,
            sqlite: su,
        },
        DialectPlans {
            postgres: pd,
            mysql: md,
            sqlite: sd,
        },
    )
}

/// Renders expand or contract and applies the hazard policy as `revision` does. The old
/// column's drop and the renames of the phased column are what `--phased` asks for; they
/// are recorded as allowed by it. Everything else needs the policy's allowance.
fn render(
    meta: &RevisionMeta,
    up: &DialectPlans,
    down: &DialectPlans,
    backends: &[Dialect],
    policy: &Policy,
    revision: &NewRevision,
) -> Result<String, CliError> {
    let text = autogen_render::render_migration_with_down(meta, up, Some(down), backends, None)?;
    let report = lint::lint_text(&revision.path, &text);
    let by_phased = |r: Rule| matches!(r, Rule::DropColumn | Rule::Rename);
    let refused: Vec<&lint::Finding> = report
        .violations(policy)
        .filter(|f| !by_phased(f.rule))
        .collect();
    if !refused.is_empty() {
        return Err(CliError::Usage(refusal(&refused)));
    }
    let used: BTreeSet<Rule> = report
        .findings
        .iter()
        .map(|f| f.rule)
        .filter(|r| r.needs_allowance())
        .collect();
    if used.is_empty() {
        return Ok(text);
    }
    let (mine, theirs): (BTreeSet<Rule>, BTreeSet<Rule>) = used
        .into_iter()
        .partition(|r| by_phased(*r) && !policy.allows(*r));
    let mut parts = Vec::new();
    if !theirs.is_empty() {
        parts.push(
            lint::allowed_line(&theirs, policy)
                .trim_start_matches("Allowed: ")
                .to_string(),
        );
    }
    parts.extend(mine.iter().map(|r| format!("{} (--phased)", r.code())));
    let line = format!("Allowed: {}", parts.join(", "));
    Ok(autogen_render::render_migration_with_down(
        meta,
        up,
        Some(down),
        backends,
        Some(&line),
    )?)
}

/// The header lines that name the deploy step around each revision.
fn deploy_lines(step: PhaseStep, old: &str, new: &str, sqlite: bool) -> Vec<String> {
    let mut lines = vec![match step {
        PhaseStep::Expand => format!(
            "Deploy after this revision: code that reads and writes {new} (code that still writes {old} keeps working: triggers copy each write to the other column); then apply the backfill."
        ),
        PhaseStep::Backfill => format!(
            "Deploy before this revision: the expand revision (its triggers copy new writes). After it, every row has {new}; deploy code that no longer reads {old} before the contract."
        ),
        PhaseStep::Contract => format!(
            "Deploy before this revision: code that no longer reads or writes {old}, on every running instance; this revision drops it and the triggers."
        ),
    }];
    if sqlite {
        lines.push(match step {
            PhaseStep::Expand => "SQLite: this revision makes the whole change (no triggers there), in a maintenance window.".to_string(),
            _ => "SQLite: nothing to do here (the expand revision made the whole change).".to_string(),
        });
    }
    lines
}

/// The backfill revision: the runtime's batched, resumable `backfill` on PostgreSQL and
/// MySQL/MariaDB; nothing on SQLite.
fn backfill_file(meta: &RevisionMeta, change: &PhasedChange, backends: &[Dialect]) -> String {
    let lit = |s: &str| format!("{s:?}");
    let per = |f: &dyn Fn(Dialect) -> Option<String>| {
        let v: Vec<String> = Dialect::ALL
            .iter()
            .map(|d| lit(&f(*d).unwrap_or_default()))
            .collect();
        format!("per_backend(manager, [{}])", v.join(", "))
    };
    let set = per(&|d| change.backfill_set(d));
    let filter = per(&|d| change.backfill_filter(d));
    let name = format!("{} {}.{}", meta.revision, change.table, change.via);
    let comment = autogen_schema::escape::rust_comment;
    let sqlite_skip = if backends.contains(&Dialect::Sqlite) {
        "        // SQLite: the expand revision made the whole change.\n        \
         if manager.get_database_backend() == DbBackend::Sqlite {\n            \
         return Ok(());\n        }\n"
    } else {
        ""
    };
    let db_backend = if sqlite_skip.is_empty() {
        ""
    } else {
        "use sea_orm_migration::sea_orm::DbBackend;\n"
    };
    format!(
        "//! Revision: {rev}\n//! Parents: {parents}\n//! Message: {message}\n//! Created: {created}\n//!\n\
         //! Hazards: none\n//!\n\
         //! Copies {table}.{old} into {table}.{via} for the rows written before the expand\n\
         //! revision, in batches of `batch_size` keys, each batch its own transaction; a rerun\n\
         //! resumes after the last batch done (autogen_migration_log). Change `batch_size` and\n\
         //! `pause` to suit the table and its load.\n\n\
         use std::time::Duration;\n\n\
         use autogen_migration::{{Backfill, backfill, forget_backfill, per_backend}};\n\
         use sea_orm_migration::prelude::*;\n{db_backend}\n\
         #[derive(DeriveMigrationName)]\npub struct Migration;\n\n\
         #[async_trait::async_trait]\nimpl MigrationTrait for Migration {{\n    \
         async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {{\n{sqlite_skip}        \
         backfill(\n            manager,\n            &Backfill {{\n                \
         name: {name},\n                table: {table_lit},\n                key: {key},\n                \
         set: {set},\n                filter: Some({filter}),\n                \
         batch_size: {BATCH_SIZE},\n                pause: Duration::from_millis(0),\n            }},\n        )\n        \
         .await?;\n        Ok(())\n    }}\n\n    \
         async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {{\n{sqlite_skip}        \
         // The copied values go with the new column when the expand revision is undone;\n        \
         // forgotten progress makes a later run copy every row again.\n        \
         forget_backfill(manager, {name}).await\n    }}\n\n    \
         /// Each batch commits on its own.\n    \
         fn use_transaction(&self) -> Option<bool> {{\n        Some(false)\n    }}\n}}\n",
        rev = meta.revision,
        parents = meta.parents.join(", "),
        message = comment(&meta.message),
        created = meta.created,
        table = comment(&change.table),
        old = comment(&change.old.name),
        via = comment(&change.via),
        name = lit(&name),
        table_lit = lit(&change.table),
        key = lit(&change.key),
    )
}

/// The database sits between the expand and the contract of phased changes: what is
/// pending is only their backfills and contracts, and their expands are applied.
pub struct Window {
    /// Each pending contract's phase, with its revision's id, message and module.
    pub contracts: Vec<(Phase, String)>,
}

impl Window {
    /// The window the database is in, if it is in one (`applied`: its
    /// `seaql_migrations` versions).
    pub fn of(dir: &MigrationDir, applied: &[String]) -> Option<Window> {
        let pending = dir.pending(applied);
        if pending.is_empty() {
            return None;
        }
        let mut contracts = Vec::new();
        for revision in &pending {
            let phase = revision.phase()?;
            let expand = dir.graph().by_id(&phase.change)?;
            if phase.step == PhaseStep::Expand || !applied.contains(&expand.module) {
                return None;
            }
            if phase.step == PhaseStep::Contract {
                let label = format!("{} {} ({})", revision.id, revision.message, revision.module);
                contracts.push((phase, label));
            }
        }
        Some(Window { contracts })
    }

    /// The lines `check` prints: which contract is pending and what to deploy first.
    pub fn notices(&self) -> Vec<String> {
        self.contracts
            .iter()
            .map(|(p, label)| {
                format!(
                    "contract pending: {label} drops {t}.{from} and its sync triggers; the database is between expand and contract of this phased change, which is expected: deploy code that no longer reads {t}.{from}, then apply it",
                    t = p.table,
                    from = p.from
                )
            })
            .collect()
    }

    /// The database as its pending contracts will leave it, for the comparison with the
    /// models: the old column gone, the new one under its final name and as the models
    /// say it (NOT NULL, default). A database that is not in the window's state (SQLite,
    /// where the expand made the whole change) is left as it is.
    pub fn contracted(&self, mut database: Schema, models: &Schema) -> Schema {
        for (p, _) in &self.contracts {
            let Some(table) = database.tables.get_mut(&p.table) else {
                continue;
            };
            let in_window = p.from != p.via
                && table.column(&p.from).is_some()
                && table.column(&p.via).is_some();
            if !in_window {
                continue;
            }
            table.columns.retain(|c| c.name != p.from);
            let wanted = models.tables.get(&p.table).and_then(|t| t.column(&p.to));
            if let Some(c) = table.columns.iter_mut().find(|c| c.name == p.via) {
                c.name = p.to.clone();
                if let Some(w) = wanted {
                    c.nullable = w.nullable;
                    c.default = w.default.clone();
                    c.identity = w.identity;
                }
            }
        }
        database
    }
}
