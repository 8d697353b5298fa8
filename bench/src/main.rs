//! `autogen-bench reflect`: times autogen's PostgreSQL reflection against `pg_dump
//! --schema-only` (the floor) and sea-schema 0.18's discovery, side by side, on synthetic
//! schemas of growing size. Each tool runs as its own child process, so peak memory (max
//! RSS from `wait4`) is per tool. See `bench/README.md`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};

use autogen_bench::db::{Admin, Error};
use autogen_bench::measure::{Measured, Outcome, Output};
use autogen_bench::{ddl, measure};

mod first_hour;
mod report;
mod scale;
use report::render;

#[derive(Parser)]
#[command(
    name = "autogen-bench",
    about = "Benchmarks of autogen against its peers"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Reflection of a live PostgreSQL schema: autogen vs pg_dump vs sea-schema.
    Reflect(ReflectArgs),
    /// How plan, compare, SQL rendering and reflection grow from 1,000 to 50,000 tables,
    /// in several foreign-key shapes.
    Scale(scale::ScaleArgs),
    /// `autogen revision` on the example, cold (fresh target directory), warm, and after
    /// an edit of the models: building the models vs the rest.
    FirstHour(first_hour::FirstHourArgs),
    /// Prints the synthetic schema's SQL (to load by hand, e.g. for profiling:
    /// `createdb x && autogen-bench schema --tables 1000 | psql -q -1 x`).
    Schema {
        /// Number of tables.
        #[arg(long, default_value_t = 1000)]
        tables: usize,
    },
}

#[derive(Args)]
struct ReflectArgs {
    /// Numbers of tables, one scratch database each.
    #[arg(long, value_delimiter = ',', default_values_t = [100, 1000, 5000])]
    sizes: Vec<usize>,
    /// Timed runs per tool and size (the report shows medians).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Seconds after which sea-schema's discovery is killed and reported as unfinished.
    #[arg(long, default_value_t = 60)]
    sea_schema_timeout: u64,
    /// Seconds after which autogen or pg_dump is killed.
    #[arg(long, default_value_t = 600)]
    timeout: u64,
    /// An existing database to connect to for CREATE/DROP DATABASE.
    #[arg(
        long,
        env = "AUTOGEN_BENCH_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/test"
    )]
    database: String,
    /// Tools to run.
    #[arg(long, value_enum, value_delimiter = ',', default_values = ["autogen", "pg_dump", "sea-schema"])]
    tools: Vec<Tool>,
    /// How to run autogen: the CLI's `inspect` command, the bench's stand-in binary
    /// around `autogen_reflect::reflect_url`, or the CLI when it has `inspect`.
    #[arg(long, value_enum, default_value = "auto")]
    autogen: AutogenMode,
    /// Directory of the release binaries (default: this binary's directory).
    #[arg(long)]
    bin_dir: Option<PathBuf>,
    /// Markdown report (default: bench/results/reflect.md).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Tool {
    #[value(name = "autogen")]
    Autogen,
    #[value(name = "pg_dump")]
    PgDump,
    #[value(name = "sea-schema")]
    SeaSchema,
}

impl Tool {
    fn label(self) -> &'static str {
        match self {
            Tool::Autogen => "autogen",
            Tool::PgDump => "pg_dump",
            Tool::SeaSchema => "sea-schema",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AutogenMode {
    Auto,
    Cli,
    Library,
}

/// Commands of the three tools, resolved once.
struct Commands {
    /// `bench-run-child`, which spawns and measures each tool.
    launcher: PathBuf,
    autogen: PathBuf,
    autogen_cli: bool,
    sea_schema: PathBuf,
}

impl Commands {
    fn argv(&self, tool: Tool, url: &str) -> Vec<OsString> {
        let mut argv: Vec<OsString> = match tool {
            Tool::Autogen if self.autogen_cli => vec![
                self.autogen.clone().into(),
                "inspect".into(),
                "--database".into(),
                url.into(),
                "--format".into(),
                "json".into(),
            ],
            Tool::Autogen => vec![self.autogen.clone().into(), url.into()],
            Tool::PgDump => vec![
                "pg_dump".into(),
                "--schema-only".into(),
                "--dbname".into(),
                url.into(),
            ],
            Tool::SeaSchema => vec![self.sea_schema.clone().into(), url.into(), "public".into()],
        };
        argv.shrink_to_fit();
        argv
    }

    fn run(&self, tool: Tool, url: &str, output: Output, limit: u64) -> std::io::Result<Measured> {
        let limit = Duration::from_secs(limit);
        measure::run_isolated(&self.launcher, &self.argv(tool, url), output, limit)
    }

    fn describe(&self, tool: Tool) -> String {
        match tool {
            Tool::Autogen if self.autogen_cli => format!(
                "`{} inspect --database URL --format json`, output to /dev/null",
                self.autogen.display()
            ),
            Tool::Autogen => format!(
                "`{} URL` (stand-in: `autogen_reflect::reflect_url` printed as JSON; \
                 the CLI has no `inspect` yet), output to /dev/null",
                self.autogen.display()
            ),
            Tool::PgDump => "`pg_dump --schema-only --dbname URL`, output to /dev/null".into(),
            Tool::SeaSchema => format!(
                "`{} URL public`: sea-schema 0.18 \
                 `SchemaDiscovery::new(pool, \"public\").discover()`",
                self.sea_schema.display()
            ),
        }
    }
}

/// What one tool did at one size.
#[derive(Default)]
struct ToolResult {
    runs: Vec<Measured>,
    /// Tables the tool's output shows (a check that it read the whole schema).
    tables_seen: Option<usize>,
    /// Why the tool was not run (more) at this size.
    note: Option<String>,
}

impl ToolResult {
    fn finished(&self) -> Vec<f64> {
        self.runs
            .iter()
            .filter(|m| m.outcome == Outcome::Ok)
            .map(|m| m.wall.as_secs_f64())
            .collect()
    }

    fn median(&self) -> Option<f64> {
        median(&self.finished())
    }

    fn timed_out(&self) -> bool {
        self.runs.iter().any(|m| m.outcome == Outcome::TimedOut)
    }

    fn failure(&self) -> Option<String> {
        self.runs.iter().find_map(|m| match &m.outcome {
            Outcome::Failed(why) => Some(format!(
                "{why}: {}",
                m.stderr.lines().next().unwrap_or("").trim()
            )),
            _ => None,
        })
    }

    fn max_rss_mb(&self) -> Option<f64> {
        self.runs
            .iter()
            .map(|m| m.max_rss_kib as f64 / 1024.0)
            .max_by(f64::total_cmp)
    }
}

struct SizeResult {
    tables: usize,
    load: Duration,
    load_avg_before: String,
    rss_floor_mb: f64,
    tools: Vec<(Tool, ToolResult)>,
}

impl SizeResult {
    fn get(&self, tool: Tool) -> Option<&ToolResult> {
        self.tools.iter().find(|(t, _)| *t == tool).map(|(_, r)| r)
    }
}

fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

fn main() -> ExitCode {
    let args = match Cli::parse().command {
        Cmd::Reflect(args) => args,
        Cmd::Scale(args) => {
            measure::install_signal_handlers();
            return match scale::scale(&args) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            };
        }
        Cmd::FirstHour(args) => {
            return match first_hour::first_hour(&args) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            };
        }
        Cmd::Schema { tables } => {
            let mut out = std::io::stdout().lock();
            for chunk in ddl::script_chunks(tables, 100) {
                if std::io::Write::write_all(&mut out, chunk.as_bytes()).is_err() {
                    return ExitCode::from(2);
                }
            }
            return ExitCode::SUCCESS;
        }
    };
    measure::install_signal_handlers();
    match reflect(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn resolve_commands(args: &ReflectArgs) -> Result<Commands, Error> {
    let need = |name: &str| autogen_bench::release_binary(args.bin_dir.as_deref(), name);
    let bin_dir = need("bench-run-child")?
        .parent()
        .ok_or("cannot find the binaries' directory")?
        .to_path_buf();
    let cli_has_inspect = || {
        bin_dir.join("autogen").is_file()
            && Command::new(bin_dir.join("autogen"))
                .args(["inspect", "--help"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
    };
    let autogen_cli = match args.autogen {
        AutogenMode::Cli => true,
        AutogenMode::Library => false,
        AutogenMode::Auto => cli_has_inspect(),
    };
    let autogen = if autogen_cli {
        need("autogen")?
    } else {
        need("autogen-reflect-json")?
    };
    let sea_schema = if args.tools.contains(&Tool::SeaSchema) {
        need("sea-schema-discover")?
    } else {
        bin_dir.join("sea-schema-discover")
    };
    Ok(Commands {
        launcher: need("bench-run-child")?,
        autogen,
        autogen_cli,
        sea_schema,
    })
}

fn stop_if_interrupted() -> Result<(), Error> {
    if measure::interrupted() {
        Err("interrupted".into())
    } else {
        Ok(())
    }
}

/// Tables in autogen's JSON (`{"tables": {…}}` or `{"tables": […]}`) or pg_dump's SQL.
fn count_tables(tool: Tool, path: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    match tool {
        Tool::Autogen => {
            let value: serde_json::Value = serde_json::from_str(&text).ok()?;
            let tables = value
                .get("tables")
                .or_else(|| value.get("schema")?.get("tables"))?;
            tables
                .as_object()
                .map(|o| o.len())
                .or_else(|| tables.as_array().map(|a| a.len()))
        }
        Tool::PgDump => Some(
            text.lines()
                .filter(|l| l.starts_with("CREATE TABLE "))
                .count(),
        ),
        Tool::SeaSchema => None,
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn run_size(
    admin: &Admin,
    commands: &Commands,
    args: &ReflectArgs,
    tables: usize,
    results_dir: &Path,
) -> Result<SizeResult, Error> {
    eprintln!("[{tables} tables] creating the schema");
    let db = admin.create(&format!("{tables}"))?;
    let started = Instant::now();
    db.load(ddl::script_chunks(tables, 100))?;
    let load = started.elapsed();
    eprintln!(
        "[{tables} tables] loaded into {} in {:.1} s",
        db.name,
        load.as_secs_f64()
    );

    let load_avg_before = load_average();
    let mut tools: Vec<(Tool, ToolResult)> = args
        .tools
        .iter()
        .map(|&t| (t, ToolResult::default()))
        .collect();

    // An untimed first run of autogen and pg_dump, kept on disk to check that each read
    // every table; it also warms the server's caches for every tool alike.
    for (tool, result) in tools.iter_mut() {
        if *tool == Tool::SeaSchema {
            continue;
        }
        let path = results_dir.join(format!("check-{}-{tables}.out", tool.label()));
        let m = commands.run(*tool, &db.url, Output::File(path.clone()), args.timeout)?;
        stop_if_interrupted()?;
        if m.outcome == Outcome::Ok {
            result.tables_seen = count_tables(*tool, &path);
        } else {
            eprintln!(
                "[{tables} tables] {} check run: {:?} {}",
                tool.label(),
                m.outcome,
                m.stderr.trim()
            );
        }
        let _ = std::fs::remove_file(&path);
    }

    for run in 0..args.runs {
        // Rotate the order, so that no tool always runs right after another.
        let n = tools.len();
        for k in 0..n {
            let (tool, result) = &mut tools[(k + run) % n];
            let tool = *tool;
            if result.note.is_some() {
                continue;
            }
            let limit = match tool {
                Tool::SeaSchema => args.sea_schema_timeout,
                _ => args.timeout,
            };
            let output = match tool {
                Tool::SeaSchema => Output::Capture,
                _ => Output::Null,
            };
            let m = commands.run(tool, &db.url, output, limit)?;
            stop_if_interrupted()?;
            eprintln!(
                "[{tables} tables] run {}/{}: {:<10} {:>8.3} s {:>7.1} MB {:?}",
                run + 1,
                args.runs,
                tool.label(),
                m.wall.as_secs_f64(),
                m.max_rss_kib as f64 / 1024.0,
                m.outcome
            );
            if tool == Tool::SeaSchema && m.outcome == Outcome::Ok {
                result.tables_seen = m
                    .stdout
                    .trim()
                    .strip_prefix("tables=")
                    .and_then(|n| n.parse().ok());
            }
            match &m.outcome {
                Outcome::Ok => {}
                Outcome::TimedOut => {
                    db.end_sessions()?;
                    result.note = Some(format!("did not finish in {limit} s"));
                }
                Outcome::Failed(_) | Outcome::Interrupted => {
                    result.note = Some("failed".into());
                }
            }
            result.runs.push(m);
        }
    }

    // What a child that does nothing reports as peak RSS: the floor under every figure.
    let floor = measure::run_isolated(
        &commands.launcher,
        &["true".into()],
        Output::Null,
        Duration::from_secs(10),
    )?;
    drop(db);
    Ok(SizeResult {
        tables,
        load,
        load_avg_before,
        rss_floor_mb: floor.max_rss_kib as f64 / 1024.0,
        tools,
    })
}

fn reflect(args: &ReflectArgs) -> Result<(), Error> {
    let commands = resolve_commands(args)?;
    let results_dir = args
        .out
        .as_ref()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("results"));
    std::fs::create_dir_all(&results_dir)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| results_dir.join("reflect.md"));

    let admin = Admin::new(&args.database)?;
    for name in admin.drop_leftovers()? {
        eprintln!("dropped {name}, left behind by an interrupted run");
    }
    for tool in &args.tools {
        eprintln!("{}: {}", tool.label(), commands.describe(*tool));
    }

    let mut sizes = Vec::new();
    for &tables in &args.sizes {
        sizes.push(run_size(&admin, &commands, args, tables, &results_dir)?);
    }

    let report = render(args, &commands, &admin, &sizes);
    print!("{report}");
    std::fs::write(&out, &report)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
