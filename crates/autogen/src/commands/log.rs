//! `autogen log`: what migration runs did to a database, statement by statement, from the
//! runtime's audit log (`autogen_migration_log`). This is what a team reads after an
//! incident: which revision ran which statement when, how long it took, and how it failed.

use std::process::ExitCode;

use autogen_reflect::{Database, MIGRATION_LOG_TABLE, MigrationLogEntry};
use autogen_schema::escape::terminal as t;

use super::Project;
use crate::error::CliError;
use crate::output;

/// How much of a statement one line shows.
const STATEMENT_WIDTH: usize = 72;

pub async fn run(
    project: &Project,
    database: Option<String>,
    limit: u32,
) -> Result<ExitCode, CliError> {
    let url = database.unwrap_or_else(|| project.config.database_url());
    let db = Database::connect_with(&url, &project.config.connect_options()).await?;
    let rows = db.migration_log(limit).await;
    db.close().await;
    let Some(rows) = rows? else {
        output::print(&format!(
            "no migration run is logged in this database: {MIGRATION_LOG_TABLE} does not exist \
             (runs write it through autogen_migration::cli::run_cli)\n"
        ))?;
        return Ok(ExitCode::SUCCESS);
    };
    output::print(&render(&rows))?;
    Ok(ExitCode::SUCCESS)
}

/// One header line per run, one line per statement, the error of a failed one below it.
fn render(rows: &[MigrationLogEntry]) -> String {
    let mut out = String::new();
    let mut run = None;
    for r in rows {
        if run != Some(&r.run_id) {
            run = Some(&r.run_id);
            out.push_str(&format!(
                "run {} (host {}, pid {})\n",
                t(&r.run_id),
                t(&r.host),
                t(&r.pid)
            ));
        }
        let index = if r.statement_index.is_empty() {
            "-".to_string()
        } else {
            format!("#{}", r.statement_index)
        };
        let attempt = if r.attempt == "1" {
            String::new()
        } else {
            format!(" (try {})", t(&r.attempt))
        };
        out.push_str(&format!(
            "  {} {:<4} {} {:>4} {:<12}{} {}\n",
            t(&r.started_at),
            t(&r.direction),
            t(&r.revision),
            index,
            t(&r.outcome),
            attempt,
            t(&shorten(&r.statement))
        ));
        if !r.error.is_empty() {
            out.push_str(&format!("      error: {}\n", t(&first_line(&r.error))));
        }
    }
    out
}

fn shorten(statement: &str) -> String {
    let one_line = statement.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= STATEMENT_WIDTH {
        one_line
    } else {
        let cut: String = one_line.chars().take(STATEMENT_WIDTH - 1).collect();
        format!("{cut}…")
    }
}

fn first_line(error: &str) -> String {
    autogen_reflect::redact_urls_in(error.lines().next().unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(outcome: &str, error: &str) -> MigrationLogEntry {
        MigrationLogEntry {
            run_id: "42-1000".into(),
            revision: "m1_add\u{1b}[31m".into(),
            direction: "up".into(),
            attempt: "2".into(),
            statement_index: "1".into(),
            statement: "ALTER TABLE t\n    ADD COLUMN c INTEGER".into(),
            started_at: "2026-11-30T18:00:00.000000Z".into(),
            finished_at: "2026-11-30T18:00:01.000000Z".into(),
            outcome: outcome.into(),
            error: error.into(),
            host: "box".into(),
            pid: "42".into(),
        }
    }

    #[test]
    fn one_line_per_statement_with_the_error_below() {
        let out = render(&[
            entry("ok", ""),
            entry("failed", "lock timeout\n  while running: x"),
        ]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "run 42-1000 (host box, pid 42)");
        assert!(
            lines[1].contains("ALTER TABLE t ADD COLUMN c INTEGER"),
            "{out}"
        );
        assert!(lines[1].contains("(try 2)"), "{out}");
        assert!(
            !out.contains('\u{1b}'),
            "control characters reach the terminal: {out:?}"
        );
        assert_eq!(lines[3], "      error: lock timeout");
        assert_eq!(lines.len(), 4);
    }
}
