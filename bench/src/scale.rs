//! `autogen-bench scale`: how autogen's time and memory grow with the schema, from 1,000
//! to 50,000 tables, in several foreign-key shapes. Each step is a separate `autogen`
//! process measured from outside (wall time, peak RSS):
//!
//! - **plan**: `diff --from empty --to S.json --format text`: read the snapshot, plan the
//!   creation of every table (ordering, foreign-key cycles), print one line per step;
//! - **compare**: `diff --from S.json --to S.json`: match two equal schemas table by table;
//! - **sql**: the plan of *plan* rendered as PostgreSQL SQL (`--format sql`); the
//!   rendering's own cost is the difference with *plan*;
//! - **reflect** (sizes in `--reflect-sizes`): the SQL of *sql* loaded into a scratch
//!   PostgreSQL database, then `inspect --database URL --format json`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;

use autogen_bench::db::{Admin, Error};
use autogen_bench::measure::{self, Measured, Outcome, Output};
use autogen_bench::synthetic::{self, Shape};

#[derive(Args)]
pub struct ScaleArgs {
    /// Numbers of tables.
    #[arg(long, value_delimiter = ',', default_values_t = [1_000, 5_000, 20_000, 50_000])]
    sizes: Vec<usize>,
    /// Foreign-key shapes.
    #[arg(long, value_enum, value_delimiter = ',', default_values = ["none", "chain", "ring", "cycles", "web"])]
    shapes: Vec<Shape>,
    /// Sizes at which reflection from PostgreSQL is measured too (each one loads a scratch
    /// database, which takes minutes at 20,000 tables). `0`: no reflection.
    #[arg(long, value_delimiter = ',', default_values_t = [1_000, 5_000])]
    reflect_sizes: Vec<usize>,
    /// Timed runs per step (the report shows the median time and the largest peak RSS).
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Seconds after which a step is killed.
    #[arg(long, default_value_t = 600)]
    timeout: u64,
    /// An existing database to connect to for CREATE/DROP DATABASE.
    #[arg(
        long,
        env = "AUTOGEN_BENCH_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/test"
    )]
    database: String,
    /// Directory of the release binaries (default: this binary's directory).
    #[arg(long)]
    bin_dir: Option<PathBuf>,
    /// Markdown report (default: bench/results/scale.md).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// The steps measured, in report order.
const STEPS: [&str; 4] = ["plan", "compare", "sql", "reflect"];

/// One step at one size: median seconds and largest peak RSS in MB, or why there is none.
type StepResult = Result<(f64, f64), String>;

struct Row {
    tables: usize,
    json_mb: f64,
    steps: Vec<Option<StepResult>>,
}

struct Tools {
    launcher: PathBuf,
    autogen: PathBuf,
}

impl Tools {
    fn resolve(args: &ScaleArgs) -> Result<Tools, Error> {
        let bin_dir = args.bin_dir.as_deref();
        Ok(Tools {
            launcher: autogen_bench::release_binary(bin_dir, "bench-run-child")?,
            autogen: autogen_bench::release_binary(bin_dir, "autogen")?,
        })
    }

    fn run(&self, args: &[&str], output: Output, limit: u64) -> Result<Measured, Error> {
        let mut argv: Vec<std::ffi::OsString> = vec![self.autogen.clone().into()];
        argv.extend(args.iter().map(Into::into));
        Ok(measure::run_isolated(
            &self.launcher,
            &argv,
            output,
            Duration::from_secs(limit),
        )?)
    }
}

/// Runs one step `runs` times: the median time and the largest peak RSS.
fn measure_step(tools: &Tools, argv: &[&str], args: &ScaleArgs, label: &str) -> StepResult {
    let mut times = Vec::new();
    let mut rss: f64 = 0.0;
    for _ in 0..args.runs.max(1) {
        let m = tools
            .run(argv, Output::Null, args.timeout)
            .map_err(|e| e.to_string())?;
        match &m.outcome {
            Outcome::Ok => {}
            Outcome::TimedOut => return Err(format!("did not finish in {} s", args.timeout)),
            other => {
                let why = m.stderr.lines().next().unwrap_or("").trim().to_string();
                return Err(format!("{other:?} {why}"));
            }
        }
        eprintln!(
            "  {label:<8} {:>8.3} s {:>8.1} MB",
            m.wall.as_secs_f64(),
            m.max_rss_kib as f64 / 1024.0
        );
        times.push(m.wall.as_secs_f64());
        rss = rss.max(m.max_rss_kib as f64 / 1024.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], rss))
}

/// Splits autogen's SQL script into chunks of statements for [`ScratchDb::load`], one
/// transaction each (a single transaction over thousands of tables overflows PostgreSQL's
/// lock table).
fn statement_chunks(script: &str, per_chunk: usize) -> Vec<String> {
    let statements: Vec<&str> = script
        .split_inclusive(";\n")
        .map(|s| s.trim())
        .filter(|s| {
            s.lines()
                .any(|l| !l.starts_with("--") && !l.trim().is_empty())
        })
        .collect();
    statements
        .chunks(per_chunk)
        .map(|c| c.join("\n") + "\n")
        .collect()
}

fn reflect_step(
    tools: &Tools,
    admin: &Admin,
    args: &ScaleArgs,
    sql_path: &Path,
    label: &str,
) -> StepResult {
    let script = std::fs::read_to_string(sql_path).map_err(|e| e.to_string())?;
    let db = admin.create(label).map_err(|e| e.to_string())?;
    let started = Instant::now();
    db.load(statement_chunks(&script, 500).into_iter())
        .map_err(|e| e.to_string())?;
    eprintln!("  loaded in {:.1} s", started.elapsed().as_secs_f64());
    measure_step(
        tools,
        &["inspect", "--database", &db.url, "--format", "json"],
        args,
        "reflect",
    )
}

fn run_shape(
    tools: &Tools,
    admin: Option<&Admin>,
    args: &ScaleArgs,
    shape: Shape,
    dir: &Path,
) -> Result<Vec<Row>, Error> {
    let mut rows = Vec::new();
    for &tables in &args.sizes {
        eprintln!("[{shape}, {tables} tables]");
        let snapshot = dir.join(format!("scale-{shape}-{tables}.json"));
        let file = std::io::BufWriter::new(std::fs::File::create(&snapshot)?);
        synthetic::write_snapshot(tables, shape, file)?;
        let json_mb = std::fs::metadata(&snapshot)?.len() as f64 / 1e6;
        let snap = snapshot.to_string_lossy().into_owned();
        let sql_path = dir.join(format!("scale-{shape}-{tables}.sql"));
        // The plan as PostgreSQL SQL: measured, then written out for the reflection step.
        let sql_argv = [
            "diff",
            "--from",
            "empty",
            "--to",
            &snap,
            "--format",
            "sql",
            "--dialect",
            "postgres",
        ];
        let mut steps = vec![
            Some(measure_step(
                tools,
                &["diff", "--from", "empty", "--to", &snap, "--format", "text"],
                args,
                "plan",
            )),
            Some(measure_step(
                tools,
                &["diff", "--from", &snap, "--to", &snap, "--format", "text"],
                args,
                "compare",
            )),
            Some(measure_step(tools, &sql_argv, args, "sql")),
        ];
        let reflect = match admin {
            Some(admin) if args.reflect_sizes.contains(&tables) => {
                let m = tools.run(&sql_argv, Output::File(sql_path.clone()), args.timeout)?;
                if m.outcome == Outcome::Ok {
                    Some(reflect_step(
                        tools,
                        admin,
                        args,
                        &sql_path,
                        &format!("{shape}_{tables}"),
                    ))
                } else {
                    Some(Err(format!("no SQL to load: {:?}", m.outcome)))
                }
            }
            _ => None,
        };
        steps.push(reflect);
        let _ = std::fs::remove_file(&snapshot);
        let _ = std::fs::remove_file(&sql_path);
        rows.push(Row {
            tables,
            json_mb,
            steps,
        });
        if measure::interrupted() {
            return Err("interrupted".into());
        }
    }
    Ok(rows)
}

fn cell(step: &Option<StepResult>) -> String {
    match step {
        Some(Ok((s, mb))) => format!("{s:.3} s, {mb:.0} MB"),
        Some(Err(why)) => why.replace('|', "/"),
        None => "–".into(),
    }
}

/// How much a step's time and memory grew from the previous size, beside how much the
/// schema grew: equal factors are linear growth.
fn growth(previous: &Row, row: &Row, step: usize) -> String {
    match (&previous.steps[step], &row.steps[step]) {
        (Some(Ok((t0, m0))), Some(Ok((t1, m1)))) if *t0 > 0.0 && *m0 > 0.0 => {
            format!("×{:.1} time, ×{:.1} memory", t1 / t0, m1 / m0)
        }
        _ => "–".into(),
    }
}

fn render(args: &ScaleArgs, shapes: &[(Shape, Vec<Row>)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Scale: autogen from {} to {} tables\n",
        args.sizes.first().unwrap_or(&0),
        args.sizes.last().unwrap_or(&0)
    );
    let _ = writeln!(
        out,
        "Each cell: median wall time of {} run(s), peak RSS of the `autogen` process. \
         `plan` = `diff --from empty --to S.json --format text`; `compare` = `diff --from \
         S.json --to S.json`; `sql` = the plan as PostgreSQL SQL (rendering = sql − plan); \
         `reflect` = `inspect --database URL --format json` of the loaded schema. Load \
         average at the start: {}.\n",
        args.runs,
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|s| s.split_whitespace().next().map(str::to_string))
            .unwrap_or_else(|| "?".into())
    );
    for (shape, rows) in shapes {
        let _ = writeln!(out, "## Shape `{shape}`\n");
        let _ = writeln!(out, "| tables | JSON | {} |", STEPS.join(" | "));
        let _ = writeln!(out, "|---:|---:|{}", "---|".repeat(STEPS.len()));
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row.steps.iter().map(cell).collect();
            let _ = writeln!(
                out,
                "| {} | {:.1} MB | {} |",
                row.tables,
                row.json_mb,
                cells.join(" | ")
            );
            if i > 0 {
                let previous = &rows[i - 1];
                let factors: Vec<String> =
                    (0..STEPS.len()).map(|s| growth(previous, row, s)).collect();
                let _ = writeln!(
                    out,
                    "| growth ×{:.1} | | {} |",
                    row.tables as f64 / previous.tables as f64,
                    factors.join(" | ")
                );
            }
        }
        out.push('\n');
    }
    out
}

/// Runs the benchmark and writes the report.
pub fn scale(args: &ScaleArgs) -> Result<(), Error> {
    let tools = Tools::resolve(args)?;
    let results_dir = args
        .out
        .as_ref()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("results"));
    std::fs::create_dir_all(&results_dir)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| results_dir.join("scale.md"));
    let admin = if args.reflect_sizes.iter().any(|s| args.sizes.contains(s)) {
        let admin = Admin::new(&args.database)?;
        for name in admin.drop_leftovers()? {
            eprintln!("dropped {name}, left behind by an interrupted run");
        }
        Some(admin)
    } else {
        None
    };
    let work = std::env::temp_dir().join(format!("autogen-bench-scale-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let mut shapes = Vec::new();
    for &shape in &args.shapes {
        let rows = run_shape(&tools, admin.as_ref(), args, shape, &work);
        match rows {
            Ok(rows) => shapes.push((shape, rows)),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&work);
                return Err(e);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    let report = render(args, &shapes);
    print!("{report}");
    std::fs::write(&out, &report)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_hold_whole_statements_without_comments() {
        let script = "-- create table a\nCREATE TABLE a (\n  id int\n);\n\n-- hazards: x\nCREATE INDEX i ON a (id);\nALTER TABLE a ADD x int;\n";
        let chunks = statement_chunks(script, 2);
        assert_eq!(chunks.len(), 2);
        assert!(chunks[0].contains("CREATE TABLE a (\n  id int\n);"));
        assert!(chunks[0].contains("CREATE INDEX i ON a (id);"));
        assert_eq!(chunks[1].trim(), "ALTER TABLE a ADD x int;");
    }
}
