//! `autogen checksum`: per-table data digests of a database, read in one snapshot, by the
//! runtime's checksum code (`autogen_migration::checksum`, docs/runtime.md "Checksums").
//! The text output is stable (sorted tables, no times), so two databases compare by
//! diffing it; `--compare URL2` names the differing rows by key.

use std::process::ExitCode;
use std::time::Duration;

use autogen_migration::checksum::{self, RowDiff, TableDigest};
use autogen_schema::escape::terminal as t;

use super::Project;
use crate::cli::{ChecksumArgs, ChecksumFormat};
use crate::error::CliError;
use crate::output;

pub async fn run(project: &Project, args: ChecksumArgs) -> Result<ExitCode, CliError> {
    let url = args
        .database
        .clone()
        .unwrap_or_else(|| project.config.database_url());
    if args.chunk_rows == 0 {
        return Err(CliError::Usage("--chunk-rows must be at least 1".into()));
    }
    let timeout = Duration::from_secs(args.timeout.max(1));
    let fail = |e: checksum::DbErr| CliError::Checksum(plain(&e.to_string()));
    let digests = checksum::database_digests(&url, &args.tables, args.chunk_rows, timeout)
        .await
        .map_err(fail)?;
    let Some(other) = args.compare else {
        output::print(&match args.format {
            ChecksumFormat::Text => render_text(&digests),
            ChecksumFormat::Json => render_json(&digests),
        })?;
        return Ok(ExitCode::SUCCESS);
    };
    let mut compared = Vec::new();
    for d in &digests {
        let diffs = checksum::compare_table(&url, &other, &d.table, args.chunk_rows, timeout)
            .await
            .map_err(fail)?;
        compared.push((d.table.clone(), diffs));
    }
    let differ = compared.iter().any(|(_, d)| !d.is_empty());
    output::print(&match args.format {
        ChecksumFormat::Text => render_compare_text(&compared),
        ChecksumFormat::Json => render_compare_json(&compared),
    })?;
    Ok(if differ {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// An error's text without the `Migration Error: ` prefix sea-orm puts before it.
fn plain(text: &str) -> String {
    autogen_reflect::redact_urls_in(text.strip_prefix("Migration Error: ").unwrap_or(text))
}

/// `table<TAB>rows<TAB>digest` per table, the digest as 16 hex digits.
fn render_text(digests: &[TableDigest]) -> String {
    let mut out = String::new();
    for d in digests {
        out.push_str(&format!(
            "{}\t{}\t{:016x}\n",
            t(&d.table),
            d.rows(),
            d.digest()
        ));
    }
    out
}

fn render_json(digests: &[TableDigest]) -> String {
    let items: Vec<serde_json::Value> = digests
        .iter()
        .map(|d| {
            serde_json::json!({
                "table": d.table,
                "key": d.key,
                "columns": d.columns,
                "rows": d.rows(),
                "digest": format!("{:016x}", d.digest()),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
    text.push('\n');
    text
}

fn render_compare_text(compared: &[(String, Vec<RowDiff>)]) -> String {
    let mut out = String::new();
    for (table, diffs) in compared {
        if diffs.is_empty() {
            out.push_str(&format!("{}\tequal\n", t(table)));
            continue;
        }
        out.push_str(&format!("{}\t{} row(s) differ\n", t(table), diffs.len()));
        for d in diffs {
            let kind = serde_json::to_value(d.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            out.push_str(&format!("  {kind}\t{}\n", t(&d.key)));
        }
    }
    out
}

fn render_compare_json(compared: &[(String, Vec<RowDiff>)]) -> String {
    let items: Vec<serde_json::Value> = compared
        .iter()
        .map(|(table, diffs)| serde_json::json!({ "table": table, "differences": diffs }))
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use autogen_migration::checksum::{ChunkDigest, DiffKind};

    #[test]
    fn text_is_one_escaped_line_per_table() {
        let d = TableDigest {
            table: "a\u{1b}[31m".into(),
            key: vec!["id".into()],
            columns: vec!["id".into()],
            chunks: vec![
                ChunkDigest {
                    lo: None,
                    hi: Some(vec!["1".into()]),
                    rows: 1,
                    sum: u64::MAX,
                },
                ChunkDigest {
                    lo: Some(vec!["1".into()]),
                    hi: None,
                    rows: 2,
                    sum: 3,
                },
            ],
        };
        let out = render_text(&[d]);
        assert_eq!(out, "a\\x1b[31m\t3\t0000000000000002\n");
        let out = render_compare_text(&[(
            "t".into(),
            vec![RowDiff {
                key: "7".into(),
                kind: DiffKind::Changed,
            }],
        )]);
        assert_eq!(out, "t\t1 row(s) differ\n  changed\t7\n");
    }
}
