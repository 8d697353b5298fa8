//! The command line of a migrations crate, with the safety net: use it in the crate's
//! `main` instead of sea-orm-migration's `cli::run_cli`, with the same commands and
//! options (`up [-n N]`, `down [-n N]`, `status`, `reset`, `refresh`; `-u`/`DATABASE_URL`,
//! `-s`/`DATABASE_SCHEMA`):
//!
//! ```ignore
//! #[tokio::main]
//! async fn main() {
//!     autogen_migration::cli::run_cli(migration::Migrator).await;
//! }
//! ```
//!
//! Exit codes: 0 done, 1 a migration failed or the lock was not granted, 2 bad input.

use std::process::exit;

use clap::{Parser, Subcommand};
use sea_orm_migration::MigratorTrait;
use sea_orm_migration::sea_orm::Database;

use crate::config::RuntimeConfig;
use crate::runner::{Direction, RunReport, run};

#[derive(Parser)]
#[command(about = "Run the migrations: one runner per database, every statement logged")]
struct Args {
    /// Database URL.
    #[arg(global = true, short = 'u', long, env = "DATABASE_URL")]
    database_url: Option<String>,
    /// PostgreSQL schema (search path); ignored by MySQL and SQLite.
    #[arg(global = true, short = 's', long, env = "DATABASE_SCHEMA")]
    database_schema: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations (all, or the first N).
    Up {
        /// How many.
        #[arg(short, long)]
        num: Option<u32>,
    },
    /// Revert applied migrations, newest first.
    Down {
        /// How many.
        #[arg(short, long, default_value_t = 1)]
        num: u32,
    },
    /// Revert every applied migration.
    Reset,
    /// Revert every applied migration, then apply all.
    Refresh,
    /// List the migrations and whether each is applied.
    Status,
}

/// Parses the command line, runs it and exits with its code.
pub async fn run_cli<M: MigratorTrait>(_migrator: M) {
    let args = Args::parse();
    exit(run_args::<M>(args).await);
}

async fn run_args<M: MigratorTrait>(args: Args) -> i32 {
    let Some(url) = args.database_url else {
        eprintln!("error: no database: set DATABASE_URL or pass -u URL");
        return 2;
    };
    let dir = std::env::current_dir().unwrap_or_default();
    let config = match RuntimeConfig::load(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let schema = args.database_schema.as_deref();
    let plan: Vec<(Direction, Option<u32>)> =
        match args.command.unwrap_or(Command::Up { num: None }) {
            Command::Up { num } => vec![(Direction::Up, num)],
            Command::Down { num } => vec![(Direction::Down, Some(num))],
            Command::Reset => vec![(Direction::Down, None)],
            Command::Refresh => vec![(Direction::Down, None), (Direction::Up, None)],
            Command::Status => return status::<M>(&url).await,
        };
    for (direction, steps) in plan {
        match run::<M>(&url, schema, direction, steps, &config).await {
            Ok(report) => print_report(direction, &report),
            Err(e) => {
                eprintln!("error: {}", crate::redact_urls(&e.to_string()));
                return 1;
            }
        }
    }
    0
}

fn print_report(direction: Direction, report: &RunReport) {
    let verb = match direction {
        Direction::Up => "applied",
        Direction::Down => "reverted",
    };
    if report.revisions.is_empty() {
        println!("nothing to do: no migration {verb}");
    }
    for revision in &report.revisions {
        println!("{verb} {revision}");
    }
    for e in &report.log_errors {
        eprintln!("warning: an audit log row was not written: {e}");
    }
}

async fn status<M: MigratorTrait>(url: &str) -> i32 {
    // sea-orm-migration's own `status` only logs through `tracing`, which this CLI does not
    // install: the lines are printed here, in its wording, read-only.
    let result = async {
        let db = Database::connect(url).await?;
        M::get_migration_with_status_read_only(&db).await
    }
    .await;
    match result {
        Ok(migrations) => {
            for migration in migrations {
                println!("Migration '{}'... {}", migration.name(), migration.status());
            }
            0
        }
        Err(e) => {
            eprintln!("error: {}", crate::redact_urls(&e.to_string()));
            1
        }
    }
}
