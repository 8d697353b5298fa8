//! The markdown report of a reflection run: figures, ratios and the machine.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use autogen_bench::db::Admin;
use autogen_bench::ddl;
use autogen_bench::measure::Outcome;

use crate::{Commands, ReflectArgs, SizeResult, Tool, ToolResult, median};

fn secs(s: f64) -> String {
    if s < 10.0 {
        format!("{s:.3} s")
    } else {
        format!("{s:.1} s")
    }
}

fn time_cell(r: Option<&ToolResult>) -> String {
    let Some(r) = r else {
        return "not run".into();
    };
    let done = r.finished();
    let mut cell = match median(&done) {
        Some(m) if done.len() > 1 => {
            let lo = done.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = done.iter().copied().fold(0.0, f64::max);
            format!("{} ({:.3}–{:.3})", secs(m), lo, hi)
        }
        Some(m) => secs(m),
        None => String::new(),
    };
    if !done.is_empty() && done.len() < r.runs.len() {
        let _ = write!(cell, " in {} of {} runs", done.len(), r.runs.len());
    }
    if let Some(note) = &r.note {
        if !cell.is_empty() {
            cell.push_str("; ");
        }
        match r.failure() {
            Some(f) if !r.timed_out() => {
                let _ = write!(cell, "failed ({f})");
            }
            _ if !done.is_empty() => {
                let _ = write!(cell, "then {note}");
            }
            _ => cell.push_str(note),
        }
    }
    cell
}

fn rss_cell(r: Option<&ToolResult>) -> String {
    r.and_then(ToolResult::max_rss_mb)
        .map(|mb| format!("{mb:.1} MB"))
        .unwrap_or_else(|| "–".into())
}

fn ratio_cell(num: Option<&ToolResult>, den: Option<&ToolResult>, limit: u64) -> String {
    let (Some(num), Some(den)) = (num, den) else {
        return "–".into();
    };
    let Some(d) = den.median() else {
        return "–".into();
    };
    match num.median() {
        Some(n) if !num.timed_out() => format!("{:.2}×", n / d),
        _ if num.timed_out() => format!("> {:.0}×", limit as f64 / d),
        _ => "–".into(),
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn mem_total_gib() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("MemTotal:"))?;
            let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.1} GiB", kib / 1024.0 / 1024.0))
        })
        .unwrap_or_else(|| "? GiB".into())
}

/// The binary's modification time and the repository's HEAD (the binary may be older).
fn build_info(binary: &Path) -> String {
    let built = Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC", "-r"])
        .arg(binary)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let head = git(&["rev-parse", "--short", "HEAD"]);
    let dirty = !git(&["status", "--porcelain", "--untracked-files=no"]).is_empty();
    format!(
        "binary built {built}; repository HEAD {head}{}",
        if dirty {
            " with uncommitted changes"
        } else {
            ""
        }
    )
}

fn now_utc() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

pub(crate) fn render(
    args: &ReflectArgs,
    commands: &Commands,
    admin: &Admin,
    sizes: &[SizeResult],
) -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let server = admin
        .query_one("SHOW server_version")
        .unwrap_or_else(|_| "?".into());
    let pg_dump = Command::new("pg_dump")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let limit = args.sea_schema_timeout;

    let mut s = String::new();
    let _ = writeln!(s, "# Reflection benchmark: autogen, pg_dump, sea-schema\n");
    let _ = writeln!(
        s,
        "- Date: {}; machine: {}, {cores} cores, {} RAM; PostgreSQL {server} on 127.0.0.1",
        now_utc(),
        cpu_model(),
        mem_total_gib()
    );
    for tool in &args.tools {
        let _ = writeln!(s, "- {}: {}", tool.label(), commands.describe(*tool));
    }
    let _ = writeln!(s, "- pg_dump version: {pg_dump}");
    let _ = writeln!(s, "- autogen build: {}", build_info(&commands.autogen));
    let _ = writeln!(
        s,
        "- Schema per size: N tables × {} columns (uuid, varchar(n), text, integer, bigint, \
         numeric(p,s), boolean, timestamptz, jsonb, date; NOT NULL and defaults), primary \
         key, unique constraint, 2 indexes (one multi-column), 1 foreign key, comments on \
         the table and every column ({} statements per table); loaded 100 tables per \
         transaction on one connection, then ANALYZE",
        ddl::COLUMNS,
        ddl::STATEMENTS_PER_TABLE
    );
    let _ = writeln!(
        s,
        "- {} timed runs per tool and size, interleaved, after one untimed check run of \
         autogen and pg_dump; time is the median wall time (min–max of the runs), peak RSS \
         the largest over the runs; sea-schema is killed after {limit} s and not rerun at \
         that size\n",
        args.runs
    );

    let _ = writeln!(
        s,
        "| tables | autogen | pg_dump | sea-schema | autogen / pg_dump | sea-schema / autogen \
         | autogen peak RSS | pg_dump peak RSS | sea-schema peak RSS |"
    );
    let _ = writeln!(s, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for z in sizes {
        let a = z.get(Tool::Autogen);
        let p = z.get(Tool::PgDump);
        let e = z.get(Tool::SeaSchema);
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            z.tables,
            time_cell(a),
            time_cell(p),
            time_cell(e),
            ratio_cell(a, p, args.timeout),
            ratio_cell(e, a, limit),
            rss_cell(a),
            rss_cell(p),
            rss_cell(e),
        );
    }

    if let Some(z) = sizes.iter().find(|z| z.tables == 1000) {
        let a = z.get(Tool::Autogen).and_then(ToolResult::median);
        let p = z.get(Tool::PgDump).and_then(ToolResult::median);
        let rss = z.get(Tool::Autogen).and_then(ToolResult::max_rss_mb);
        if let (Some(a), Some(p), Some(rss)) = (a, p, rss) {
            let time_ok = a <= p;
            let mem_ok = rss < 60.0;
            let _ = writeln!(
                s,
                "\nGoal at 1000 tables (no slower than pg_dump, peak RSS under 60 MB): time \
                 **{}** ({} vs pg_dump {}), memory **{}** ({rss:.1} MB).",
                if time_ok { "met" } else { "missed" },
                secs(a),
                secs(p),
                if mem_ok { "met" } else { "missed" },
            );
        }
    }

    let _ = writeln!(s, "\nChecks and conditions:\n");
    for z in sizes {
        let seen: Vec<String> = z
            .tools
            .iter()
            .map(|(t, r)| {
                let n = r
                    .tables_seen
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "?".into());
                format!("{} {n}", t.label())
            })
            .collect();
        let _ = writeln!(
            s,
            "- {} tables: loaded in {:.1} s; tables seen: {}; load average before the runs \
             {}; RSS floor (a child running `true`) {:.1} MB",
            z.tables,
            z.load.as_secs_f64(),
            seen.join(", "),
            z.load_avg_before,
            z.rss_floor_mb
        );
    }

    let _ = writeln!(s, "\nEvery run:\n");
    let _ = writeln!(s, "| tables | tool | run | wall | peak RSS | outcome |");
    let _ = writeln!(s, "|---:|---|---:|---:|---:|---|");
    for z in sizes {
        for (tool, r) in &z.tools {
            for (i, m) in r.runs.iter().enumerate() {
                let outcome = match &m.outcome {
                    Outcome::Ok => "ok".to_string(),
                    Outcome::TimedOut => "killed at the time limit".to_string(),
                    Outcome::Interrupted => "interrupted".to_string(),
                    Outcome::Failed(why) => why.clone(),
                };
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {:.1} MB | {outcome} |",
                    z.tables,
                    tool.label(),
                    i + 1,
                    secs(m.wall.as_secs_f64()),
                    m.max_rss_kib as f64 / 1024.0
                );
            }
        }
    }
    s
}
