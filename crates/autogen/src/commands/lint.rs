//! `autogen lint [FILES|REV..]`: the hazards of migration files against the policy
//! (docs/safety.md). Exit 0 when nothing exceeds it, 1 on a violation, 2 on bad input.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use autogen_schema::escape;
use serde_json::json;

use super::Project;
use crate::cli::{LintArgs, LintFormat};
use crate::error::CliError;
use crate::lint::{self, FileReport, Policy};
use crate::output;

pub fn run(project: &Project, args: LintArgs) -> Result<ExitCode, CliError> {
    if args.allow.iter().any(|a| a == "help") {
        output::print(&lint::allowance_help())?;
        return Ok(ExitCode::SUCCESS);
    }
    let policy = project.config.policy(&args.allow)?;
    let files = resolve(project, &args.targets)?;
    let mut reports = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path).map_err(|e| CliError::Io {
            path: path.clone(),
            source: e,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            CliError::Usage(format!(
                "{}: not UTF-8 text (byte {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        reports.push(lint::lint_text(&shown_path(&path), &text));
    }
    let violations: usize = reports.iter().map(|r| r.violations(&policy).count()).sum();
    let text = match args.format {
        LintFormat::Text => text_report(&reports, &policy, violations),
        LintFormat::Json => json_report(&reports, &policy, violations),
        LintFormat::Github => github_report(&reports, &policy),
    };
    output::print(&text)?;
    Ok(if violations > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Whether `lint TARGETS` works without a project: every target is a file or directory.
pub fn needs_project(targets: &[String]) -> bool {
    targets.is_empty() || targets.iter().any(|t| !Path::new(t).exists())
}

/// The files the targets name, in order, each once.
fn resolve(project: &Project, targets: &[String]) -> Result<Vec<PathBuf>, CliError> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut add = |p: PathBuf| {
        if !files.contains(&p) {
            files.push(p);
        }
    };
    if targets.is_empty() {
        let dir = project.migrations()?;
        let mut all: Vec<&autogen_revisions::Revision> = dir.graph().revisions().iter().collect();
        all.sort_by(|a, b| a.module.cmp(&b.module));
        for r in all {
            add(r.path.clone());
        }
        return Ok(files);
    }
    let mut dir = None;
    for target in targets {
        let path = Path::new(target);
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| CliError::Io {
                    path: path.to_path_buf(),
                    source: e,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_migration_file(p))
                .collect();
            inside.sort();
            for p in inside {
                add(p);
            }
            continue;
        }
        if path.is_file() {
            if !is_lintable(path) {
                return Err(CliError::Usage(format!(
                    "{}: not a migration file (expected .rs or .sql)",
                    path.display()
                )));
            }
            add(path.to_path_buf());
            continue;
        }
        if dir.is_none() {
            dir = Some(project.migrations()?);
        }
        let dir = dir.as_ref().expect("loaded above");
        if let Some(base) = target.strip_suffix("..") {
            // The revisions after `base`: its descendants, oldest first.
            let base = dir.get(base)?;
            let mut queue = vec![base.id.clone()];
            let mut after = Vec::new();
            while let Some(id) = queue.pop() {
                for child in dir.graph().children(&id) {
                    if !after
                        .iter()
                        .any(|r: &&autogen_revisions::Revision| r.id == child.id)
                    {
                        after.push(child);
                        queue.push(child.id.clone());
                    }
                }
            }
            after.sort_by(|a, b| a.module.cmp(&b.module));
            for r in after {
                add(r.path.clone());
            }
            continue;
        }
        match dir.get(target) {
            Ok(r) => add(r.path.clone()),
            Err(e) => {
                return Err(CliError::Usage(format!(
                    "{}: neither a file nor a revision ({e})",
                    escape::terminal(target)
                )));
            }
        }
    }
    Ok(files)
}

fn is_lintable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("rs") || e.eq_ignore_ascii_case("sql"))
}

/// A migration in a directory: `.sql`, or `.rs` other than the crate's `lib.rs`/`main.rs`.
fn is_migration_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    is_lintable(path) && name != "lib.rs" && name != "main.rs" && path.is_file()
}

/// `path` relative to the current directory when it is inside it (what CI annotations and
/// editors expect), else as given.
fn shown_path(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_path_buf();
    };
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let canonical = absolute.canonicalize().unwrap_or(absolute);
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    canonical
        .strip_prefix(&cwd)
        .map(Path::to_path_buf)
        .unwrap_or(canonical)
}

/// How to allow a rule, for messages.
fn how_to_allow(rule: lint::Rule) -> String {
    format!(
        "allow it with --allow {0}, [policy] allow = [\"{0}\"] in autogen.toml, or a reviewed `//! Allowed: {0}` header line",
        rule.code()
    )
}

fn text_report(reports: &[FileReport], policy: &Policy, violations: usize) -> String {
    let mut out = String::new();
    let mut findings = 0;
    for report in reports {
        let path = escape::terminal(&report.path.display().to_string()).into_owned();
        for f in &report.findings {
            findings += 1;
            let violation = !policy.allows(f.rule) && !report.recorded.contains(&f.rule);
            let level = if violation {
                "error (not allowed)"
            } else if f.rule.needs_allowance() {
                "allowed"
            } else {
                "warning"
            };
            out.push_str(&format!(
                "{path}:{}: {level}: {}: {}\n    {}; hazards: {}; squawk: {}; Atlas: {}\n",
                f.line,
                f.rule.code(),
                escape::terminal(&f.what),
                f.rule.meaning(),
                f.rule.hazards(),
                f.rule.squawk(),
                f.rule.atlas(),
            ));
            if violation {
                out.push_str(&format!("    {}\n", how_to_allow(f.rule)));
            }
        }
    }
    out.push_str(&format!(
        "{} file(s), {findings} finding(s), {violations} beyond the policy\n",
        reports.len()
    ));
    out
}

fn json_report(reports: &[FileReport], policy: &Policy, violations: usize) -> String {
    let files: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| {
            let findings: Vec<serde_json::Value> = r
                .findings
                .iter()
                .map(|f| {
                    json!({
                        "rule": f.rule.code(),
                        "line": f.line,
                        "what": f.what,
                        "hazards": f.rule.hazards(),
                        "squawk": f.rule.squawk(),
                        "atlas": f.rule.atlas(),
                        "needs_allowance": f.rule.needs_allowance(),
                        "violation": !policy.allows(f.rule) && !r.recorded.contains(&f.rule),
                    })
                })
                .collect();
            json!({
                "path": r.path.display().to_string(),
                "kind": r.kind,
                "recorded_allowances": r.recorded.iter().map(|x| x.code()).collect::<Vec<_>>(),
                "findings": findings,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({
        "files": files,
        "violations": violations,
    }))
    .unwrap_or_default();
    text.push('\n');
    text
}

fn github_report(reports: &[FileReport], policy: &Policy) -> String {
    let mut out = String::new();
    for report in reports {
        let file = escape::github_property(&report.path.display().to_string());
        for f in &report.findings {
            let violation = !policy.allows(f.rule) && !report.recorded.contains(&f.rule);
            let mut message = format!(
                "{}: {} ({}; squawk: {}; Atlas: {})",
                f.rule.meaning(),
                f.what,
                f.rule.hazards(),
                f.rule.squawk(),
                f.rule.atlas()
            );
            if violation {
                message.push_str(&format!(". Not allowed: {}", how_to_allow(f.rule)));
            }
            out.push_str(&format!(
                "::{} file={file},line={},title={}::{}\n",
                if violation { "error" } else { "warning" },
                f.line,
                escape::github_property(&format!("autogen lint: {}", f.rule.code())),
                escape::github_message(&message),
            ));
        }
    }
    out
}
