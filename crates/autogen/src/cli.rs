//! The command line.

use clap::{Parser, Subcommand, ValueEnum};

/// Migration autogeneration for SeaORM: compare models, migrations and databases.
#[derive(Debug, Parser)]
#[command(name = "autogen", version, about)]
pub struct Cli {
    /// Project directory holding autogen.toml (default: the current directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub project: Option<std::path::PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the schema of a database or of the models.
    Inspect(InspectArgs),
    /// Compare two schemas and print the plan from one to the other.
    Diff(DiffArgs),
    /// Exit 1 when the models, the migrations head and (optionally) a database disagree.
    Check(CheckArgs),
    /// Write autogen.toml and, if missing, a sea-orm-migration crate.
    Init(InitArgs),
    /// Compare the models with the migrations head and write a migration file.
    Revision(RevisionArgs),
    /// Print the head revision(s).
    Heads,
    /// Print the revisions, newest first.
    History,
    /// Print one revision.
    Show {
        /// Revision id, unique prefix or module name.
        revision: String,
    },
    /// Write a revision that joins the current heads.
    Merge {
        /// The message.
        #[arg(short, long)]
        message: String,
    },
    /// Print the audit log of migration runs on a database: one line per statement,
    /// newest last (written by migrations run through `autogen_migration::cli::run_cli`).
    Log {
        /// The database (default: DATABASE_URL, else `[database] url` in autogen.toml).
        #[arg(long, value_name = "URL")]
        database: Option<String>,
        /// How many of the latest statements to show.
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: u32,
    },
    /// Print the revision(s) a database is at.
    Current {
        /// The database.
        #[arg(long, value_name = "URL")]
        database: Option<String>,
    },
}

/// `autogen init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Take the head snapshot of an existing migrations crate from this database (at head)
    /// instead of from the models.
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
    /// Path dependency on the autogen-migration runtime crate, relative to the migrations
    /// crate (default: found beside the autogen sources, else a crates.io version).
    #[arg(long, value_name = "PATH")]
    pub runtime_path: Option<std::path::PathBuf>,
}

/// `autogen revision`.
#[derive(Debug, clap::Args)]
pub struct RevisionArgs {
    /// The message, also the file's slug.
    #[arg(short, long)]
    pub message: String,
    /// Compare with this database (at the head revision) instead of the head snapshot.
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
    /// Write a revision with no operations, for hand edits (no comparison is made).
    #[arg(long)]
    pub empty: bool,
    /// Declare a rename: `table.old_column=new_column` or `old_table=new_table`.
    #[arg(long, value_name = "SPEC")]
    pub rename: Vec<String>,
    /// Print the plan as SQL for this dialect and write nothing (review mode).
    #[arg(long, value_enum, value_name = "DIALECT")]
    pub sql: Option<DialectArg>,
    /// PostgreSQL zero-downtime forms on existing tables (see `diff --online`).
    #[arg(long)]
    pub online: bool,
}

/// `autogen check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Also check this database: at the head revision, and equal to the models.
    /// Default: DATABASE_URL, else `[database] url` in autogen.toml; with neither, no
    /// database is compared (the first line of the report says which).
    #[arg(long, value_name = "URL", conflicts_with = "no_database")]
    pub database: Option<String>,
    /// Compare no database, even if DATABASE_URL or autogen.toml names one.
    #[arg(long)]
    pub no_database: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// Output formats of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For terminals and CI logs (colored when stdout is a terminal).
    Text,
    /// For a pull-request comment.
    Markdown,
    /// For machines.
    Json,
}

/// `autogen diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Where the schema is now: `models`, `database` (the configured one), a database URL,
    /// a `.json` snapshot, or `empty`.
    #[arg(long, value_name = "SRC")]
    pub from: String,
    /// The schema wanted: `models`, `database`, a database URL, a `.json` snapshot, or `empty`.
    #[arg(long, value_name = "SRC")]
    pub to: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
    /// Dialect to plan for (default: the database's, else autogen.toml's database).
    #[arg(long, value_enum)]
    pub dialect: Option<DialectArg>,
    /// Show the downgrade (the inverse plan) instead of the upgrade.
    #[arg(long)]
    pub down: bool,
    /// Exit 1 when the schemas differ, 0 when equal (as git diff --exit-code).
    #[arg(long)]
    pub exit_code: bool,
    /// PostgreSQL zero-downtime forms on existing tables: indexes built CONCURRENTLY,
    /// foreign keys and checks NOT VALID then validated, SET NOT NULL through a check.
    #[arg(long)]
    pub online: bool,
    /// Declare a rename: `table.old_column=new_column` or `old_table=new_table`.
    #[arg(long, value_name = "SPEC")]
    pub rename: Vec<String>,
}

/// Output formats of plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Operations with their hazards.
    Text,
    /// SQL for the dialect.
    Sql,
    /// Machine-readable plan.
    Json,
}

/// `autogen inspect`.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Database URL (postgres://, mysql://, sqlite://); default: DATABASE_URL, autogen.toml,
    /// then the embedded SQLite file.
    #[arg(long, value_name = "URL", conflicts_with = "models")]
    pub database: Option<String>,
    /// Read the SeaORM models instead of a database.
    #[arg(long)]
    pub models: bool,
    /// PostgreSQL schema to read (default: public).
    #[arg(long, value_name = "NAME")]
    pub schema: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Dialect for `--format sql` and for lowering the models (default: the database's,
    /// or the embedded default's for --models).
    #[arg(long, value_enum)]
    pub dialect: Option<DialectArg>,
}

/// Output formats of `inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable summary.
    Text,
    /// The schema as JSON (the snapshot format).
    Json,
    /// DDL that recreates the schema on an empty database.
    Sql,
}

/// Dialects on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DialectArg {
    /// PostgreSQL.
    Postgres,
    /// MySQL / MariaDB.
    Mysql,
    /// SQLite.
    Sqlite,
}

impl From<DialectArg> for autogen_schema::Dialect {
    fn from(d: DialectArg) -> Self {
        match d {
            DialectArg::Postgres => autogen_schema::Dialect::Postgres,
            DialectArg::Mysql => autogen_schema::Dialect::Mysql,
            DialectArg::Sqlite => autogen_schema::Dialect::Sqlite,
        }
    }
}
