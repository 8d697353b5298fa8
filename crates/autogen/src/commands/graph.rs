//! The revision graph commands: `heads`, `history`, `show`, `merge`, `current`.

use std::process::ExitCode;

use autogen_reflect::Database;
use autogen_revisions::Revision;
// Messages and notes come from headers a person may have edited.
use autogen_schema::escape::terminal as t;

use super::Project;
use crate::error::CliError;
use crate::output;
use crate::source::load_models;

fn line(r: &Revision, heads: &[&Revision]) -> String {
    let parents = if r.parents.is_empty() {
        "<base>".to_string()
    } else {
        r.parents.join(", ")
    };
    let head = if heads.iter().any(|h| h.id == r.id) {
        " (head)"
    } else {
        ""
    };
    format!(
        "{parents} -> {}{head}, {}  [{}]",
        r.id,
        t(&r.message),
        r.module
    )
}

/// Loads the crate for a command that shows the graph's shape, refusing when it cannot
/// be known (a malformed header, a duplicate id, a cycle).
fn shaped(project: &Project) -> Result<autogen_revisions::MigrationDir, CliError> {
    let dir = project.migrations()?;
    let problems = dir.structure_problems();
    if let Some(first) = problems.first() {
        let mut message = first.to_string();
        for more in &problems[1..] {
            message.push_str(&format!("\n  and: {more}"));
        }
        return Err(CliError::Usage(message));
    }
    Ok(dir)
}

pub fn heads(project: &Project) -> Result<ExitCode, CliError> {
    let dir = shaped(project)?;
    let heads = dir.heads();
    let mut out = String::new();
    for h in &heads {
        out.push_str(&format!(
            "{} (head), {}  [{}]\n",
            h.id,
            t(&h.message),
            h.module
        ));
    }
    output::print(&out)?;
    if heads.len() > 1 {
        output::note(&format!(
            "{} heads: run `autogen merge -m MESSAGE` to join them",
            heads.len()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn history(project: &Project) -> Result<ExitCode, CliError> {
    let dir = shaped(project)?;
    let heads = dir.heads();
    let history = dir.history()?;
    let mut out = String::new();
    for r in history.iter().rev() {
        out.push_str(&line(r, &heads));
        out.push('\n');
    }
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn show(project: &Project, query: &str) -> Result<ExitCode, CliError> {
    let dir = project.migrations()?;
    let r = dir.get(query)?;
    let mut out = format!("Revision: {}\n", r.id);
    out.push_str(&format!(
        "Parents:  {}\n",
        if r.parents.is_empty() {
            "<base>".to_string()
        } else {
            r.parents.join(", ")
        }
    ));
    out.push_str(&format!("Message:  {}\n", t(&r.message)));
    out.push_str(&format!("Created:  {}\n", r.created));
    out.push_str(&format!("File:     {}\n", r.path.display()));
    let children: Vec<String> = dir
        .graph()
        .children(&r.id)
        .iter()
        .map(|c| c.id.clone())
        .collect();
    if !children.is_empty() {
        out.push_str(&format!("Children: {}\n", children.join(", ")));
    }
    for note in r.notes.iter().filter(|n| !n.is_empty()) {
        out.push_str(&format!("  {}\n", t(note)));
    }
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn merge(project: &Project, message: &str) -> Result<ExitCode, CliError> {
    let lock = project.lock_migrations("merge")?;
    let dir = project.migrations()?;
    // Several heads are what a merge is for; anything else wrong stops it.
    let problems: Vec<_> = dir
        .validate()
        .into_iter()
        .filter(|p| !matches!(p, autogen_revisions::RevisionError::MultipleHeads { .. }))
        .collect();
    if let Some(first) = problems.first() {
        return Err(CliError::Usage(first.to_string()));
    }
    let revision = dir.plan_merge(
        message,
        &autogen_revisions::now_rfc3339(),
        &autogen_revisions::revision_id(),
    )?;
    // After the merge the schema is both branches' changes: what the models declare
    // once both branches are merged in the code.
    let models = load_models(&project.config.models, &project.root)?;
    let changes = dir.changeset(
        &revision,
        autogen_revisions::NewRevision::empty_body(),
        Some(&models),
    )?;
    changes.commit(&lock)?;
    output::print(&format!(
        "Generated {} (merge revision {} of {})\n",
        revision.path.display(),
        revision.id,
        revision.parents.join(", ")
    ))?;
    // The snapshot cannot know the other branch's schema; the models stand for both.
    output::note(
        "note: the head snapshot now holds the models' schema; a model edit made in no \
         revision would be hidden by it: upgrade a database to the merge and run \
         `autogen check --database URL` to be sure",
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn current(project: &Project, database: Option<String>) -> Result<ExitCode, CliError> {
    let dir = project.migrations()?;
    let url = database.unwrap_or_else(|| project.config.database_url());
    let db = Database::connect_with(&url, &project.config.connect_options()).await?;
    let applied = db.applied_migrations().await;
    db.close().await;
    let applied = applied?;
    let current = dir.current(&applied)?;
    let heads = dir.heads();
    let mut out = String::new();
    if current.is_empty() {
        out.push_str("<base> (nothing applied)\n");
    }
    for r in &current {
        out.push_str(&line(r, &heads));
        out.push('\n');
    }
    let pending = dir.pending(&applied);
    if !pending.is_empty() {
        out.push_str(&format!("{} revision(s) not applied\n", pending.len()));
    }
    output::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
