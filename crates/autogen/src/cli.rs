//! The command line.

use clap::{Parser, Subcommand, ValueEnum};

/// Migration autogeneration for SeaORM: compare models, migrations and databases.
#[derive(Debug, Parser)]
#[command(name = "autogen", version, about, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// Project directory holding autogen.toml (default: the nearest directory, from the
    /// current one up, that holds one).
    #[arg(long, global = true, value_name = "DIR")]
    pub project: Option<std::path::PathBuf>,
    /// Log each step and its time on stderr (-v: steps, -vv: details); RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the schema of a database or of the models.
    #[command(after_help = INSPECT_EXAMPLES)]
    Inspect(InspectArgs),
    /// Compare two schemas and print the plan from one to the other.
    #[command(after_help = DIFF_EXAMPLES)]
    Diff(DiffArgs),
    /// Exit 1 when the models, the migrations head and (optionally) a database disagree.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Write autogen.toml and, if missing, a sea-orm-migration crate.
    #[command(after_help = INIT_EXAMPLES)]
    Init(InitArgs),
    /// Compare the models with the migrations head and write a migration file.
    #[command(after_help = REVISION_EXAMPLES)]
    Revision(RevisionArgs),
    /// Print the head revision(s).
    #[command(after_help = HEADS_EXAMPLES)]
    Heads,
    /// Print the revisions, newest first.
    #[command(after_help = HISTORY_EXAMPLES)]
    History,
    /// Print one revision.
    #[command(after_help = SHOW_EXAMPLES)]
    Show {
        /// Revision id, unique prefix or module name.
        revision: String,
    },
    /// Write a revision that joins the current heads.
    #[command(after_help = MERGE_EXAMPLES)]
    Merge {
        /// The message.
        #[arg(short, long)]
        message: String,
    },
    /// Print the audit log of migration runs on a database: one line per statement,
    /// newest last (written by migrations run through `autogen_migration::cli::run_cli`).
    #[command(after_help = LOG_EXAMPLES)]
    Log {
        /// The database (default: DATABASE_URL, else `[database] url` in autogen.toml).
        #[arg(long, value_name = "URL")]
        database: Option<String>,
        /// How many of the latest statements to show.
        #[arg(long, default_value_t = 50, value_name = "N")]
        limit: u32,
    },
    /// Print per-table data digests (rows, digest) of a database, read in one snapshot:
    /// diff two outputs to compare databases, or name the differing rows with --compare.
    #[command(after_help = CHECKSUM_EXAMPLES)]
    Checksum(ChecksumArgs),
    /// Prove every revision's `down` on a scratch database: replay each revision up, down
    /// and up again, with generated rows, checking the schema and the rows after each step.
    #[command(after_help = VERIFY_EXAMPLES)]
    Verify(VerifyArgs),
    /// Report the hazards of migration files; exit 1 when one exceeds the policy.
    #[command(after_help = LINT_EXAMPLES)]
    Lint(LintArgs),
    /// Print the revision(s) a database is at.
    #[command(after_help = CURRENT_EXAMPLES)]
    Current {
        /// The database (default: DATABASE_URL, else `[database] url` in autogen.toml, else
        /// the embedded SQLite file autogen.sqlite beside it).
        #[arg(long, value_name = "URL")]
        database: Option<String>,
    },
}

// Examples under each command's `--help`, written for the example project (`models/`,
// `migrations/`); `autogen COMMAND --help` prints them after the options.

const MAIN_EXAMPLES: &str = "\
Examples:
  autogen revision -m \"add accounts.nickname\"   # write the next migration
  autogen check                                 # exit 1 when models, migrations, database drift
  autogen diff --from migrations/schema.json --to models --format sql

autogen works on the nearest autogen.toml from the current directory up (or --project DIR).
`autogen COMMAND --help` shows each command's examples. -v logs each step and its time
(RUST_LOG=autogen=debug for more).";

const INIT_EXAMPLES: &str = "\
Examples:
  autogen init                                    # autogen.toml and a migrations crate
  autogen init --database postgres://u@host/app   # adopt a crate whose database is at head
  cd new-dir && autogen init --database URL       # only a database: entities, registry, baseline";

const REVISION_EXAMPLES: &str = "\
Examples:
  autogen revision -m \"add accounts.nickname\"
  autogen revision -m \"rename nick\" --rename accounts.nick=nickname
  autogen revision -m \"review only\" --sql postgres   # print the SQL, write nothing
  autogen revision -m \"backfill\" --empty              # a file to edit by hand
  autogen revision -m \"drop nick\" --allow drop-column # a destructive step, allowed
  autogen revision -m x --allow help                   # the allowances";

const CHECK_EXAMPLES: &str = "\
Examples:
  autogen check                                        # the database DATABASE_URL or autogen.toml names
  autogen check --database sqlite://autogen.sqlite
  autogen check --no-database --format markdown        # models and migrations only, for a PR comment
  autogen check --verify                               # and prove each revision's down (autogen verify)

Exit codes: 0 all agree, 1 drift (the report says what), 2 error.";

const INSPECT_EXAMPLES: &str = "\
Examples:
  autogen inspect --database sqlite://autogen.sqlite
  autogen inspect --models --dialect postgres --format sql
  autogen inspect --database postgres://u@host/app --schema public --format json > schema.json";

const DIFF_EXAMPLES: &str = "\
Examples:
  autogen diff --from migrations/schema.json --to models
  autogen diff --from empty --to models --format sql --dialect postgres
  autogen diff --from database --to models --exit-code   # 1 when the database lags the models
  autogen diff --from models --to migrations/schema.json --down";

const HEADS_EXAMPLES: &str = "\
Examples:
  autogen heads   # more than one head: join them with `autogen merge`";

const HISTORY_EXAMPLES: &str = "\
Examples:
  autogen history | head -5";

const SHOW_EXAMPLES: &str = "\
Examples:
  autogen show 24284e7b1122                               # a revision id
  autogen show 2428                                       # a unique prefix
  autogen show m20261124_230536_add_accounts_nickname     # a module name";

const MERGE_EXAMPLES: &str = "\
Examples:
  autogen merge -m \"join the account and dataset branches\"";

const LOG_EXAMPLES: &str = "\
Examples:
  autogen log                                       # the database DATABASE_URL or autogen.toml names
  autogen log --database postgres://u@host/app --limit 200";

const CHECKSUM_EXAMPLES: &str = "\
Examples:
  autogen checksum --database postgres://u@host/app
  autogen checksum --database sqlite://a.sqlite --table accounts --format json
  autogen checksum --database postgres://u@primary/app --compare postgres://u@copy/app

Exit codes: 0 done (with --compare: equal), 1 --compare found differing rows, 2 error.";
const VERIFY_EXAMPLES: &str = "\
Examples:
  autogen verify                                        # SQLite in a temporary file (the default database's backend)
  autogen verify --database postgres://u@host/postgres  # a scratch database created on that server, dropped after
  autogen verify --dev-url mysql://u@host/scratch       # this empty database, used as it is

Exit codes: 0 every revision verified, 1 a revision failed (the report names it and the step), 2 error.";
const LINT_EXAMPLES: &str = "\
Examples:
  autogen lint                                   # every revision of the migrations crate
  autogen lint 24284e7b1122.. --format github    # the revisions after one, as PR annotations
  autogen lint schema/0042_drop_nick.sql --allow drop-column

Exit codes: 0 nothing beyond the policy ([policy] allow, --allow, the file's Allowed: line),
1 a violation, 2 bad input (a missing file, an unknown revision).";

const CURRENT_EXAMPLES: &str = "\
Examples:
  autogen current
  autogen current --database postgres://u@host/app";

/// `autogen checksum`.
#[derive(Debug, clap::Args)]
pub struct ChecksumArgs {
    /// The database (default: DATABASE_URL, else `[database] url` in autogen.toml).
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
    /// A table to digest (repeatable; default: every table but the migration tools' own).
    #[arg(long = "table", value_name = "T")]
    pub tables: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ChecksumFormat::Text)]
    pub format: ChecksumFormat,
    /// A second database: compare each table chunk by chunk and print the differing rows
    /// by key (exit 1 when any differ).
    #[arg(long, value_name = "URL2")]
    pub compare: Option<String>,
    /// Rows per chunk (key range).
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub chunk_rows: u64,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECS")]
    pub timeout: u64,
}

/// `autogen checksum --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChecksumFormat {
    /// One line per table: name, rows, digest.
    Text,
    /// A JSON array: table, key, columns, rows, digest.
    Json,
}

/// `autogen init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Take the head snapshot of an existing migrations crate from this database (at head)
    /// instead of from the models. Where there is only a database (no autogen.toml, no
    /// `entity`, `migration(s)` or registry directory): generate the entities, the
    /// registry and a migration crate with a baseline revision from it.
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
    /// Zero-downtime forms on existing tables (the default; see `diff --online`).
    #[arg(long, overrides_with = "no_online")]
    pub online: bool,
    /// The single-transaction form: plain DDL that takes the table's locks (overrides
    /// `[migrations] online` in autogen.toml; docs/safety.md).
    #[arg(long, overrides_with = "online")]
    pub no_online: bool,
    /// Allow destructive, lossy or backward-incompatible steps: `drop-table`,
    /// `drop-column`, `rename`, `narrowing`, `lossy-conversion`, `drop-enum-value`
    /// (comma-separated or repeated; `--allow help` explains each). Recorded in the header.
    #[arg(long, value_name = "HAZARDS")]
    pub allow: Vec<String>,
    /// Write a column rename or type change as three revisions to deploy between:
    /// expand, backfill, contract (docs/safety.md, "Phased changes").
    #[arg(long, conflicts_with_all = ["empty", "sql"])]
    pub phased: bool,
    /// With `--database`: an empty database of its dialect to compare the models'
    /// expressions in, as `diff --dev-url` does. Default: `[database] dev_url`.
    #[arg(long, value_name = "URL", requires = "database")]
    pub dev_url: Option<String>,
}

/// `autogen lint`.
#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Migration files (`.rs`, `.sql`, or a directory of them), revisions (id, prefix or
    /// module name), or `REV..` for the revisions after REV; default: every revision.
    #[arg(value_name = "FILES|REV..")]
    pub targets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// Allow these hazards on top of `[policy] allow` (see `revision --allow`).
    #[arg(long, value_name = "HAZARDS")]
    pub allow: Vec<String>,
}

/// Output formats of `lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// One finding a line, `file:line: rule`, with its hazards and the squawk and Atlas rules.
    Text,
    /// For machines.
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…::…`).
    Github,
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
    /// Also run `autogen verify` (on its default scratch database, or `[database] dev_url`)
    /// after the comparison; exit 1 if either finds a problem.
    #[arg(long)]
    pub verify: bool,
    /// An empty database (PostgreSQL, MySQL) to compare the models' expressions in: the
    /// models are created in a scratch schema or database there and read back, so that
    /// checks, index expressions, defaults and generated columns compare as the database
    /// prints them. Default: `[database] dev_url`; without one, a text normalization.
    #[arg(long, value_name = "URL")]
    pub dev_url: Option<String>,
}

/// `autogen verify`.
#[derive(Debug, Clone, clap::Args)]
pub struct VerifyArgs {
    /// The server to create the scratch database on (its own database is not touched).
    /// Default: DATABASE_URL, else `[database] url`; for SQLite, or with neither, a
    /// temporary SQLite file.
    #[arg(long, value_name = "URL", conflicts_with = "dev_url")]
    pub database: Option<String>,
    /// An empty database to use as the scratch database as it is (default: `[database]
    /// dev_url`); verify refuses one that holds tables.
    #[arg(long, value_name = "URL")]
    pub dev_url: Option<String>,
    /// Rows generated per table before each revision.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub rows: u32,
    /// Seconds each run of the migrations binary may take (0: no limit).
    #[arg(long, default_value_t = 300, value_name = "SECS")]
    pub step_timeout: u64,
}

impl Default for VerifyArgs {
    fn default() -> Self {
        VerifyArgs {
            database: None,
            dev_url: None,
            rows: 3,
            step_timeout: 300,
        }
    }
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
    /// Zero-downtime forms on existing tables (the default): PostgreSQL indexes and
    /// unique constraints built CONCURRENTLY, foreign keys and checks NOT VALID then
    /// validated, SET NOT NULL through a check; MySQL ALGORITHM=INPLACE, LOCK=NONE.
    #[arg(long, overrides_with = "no_online")]
    pub online: bool,
    /// The single-transaction form: plain DDL that takes the table's locks (overrides
    /// `[migrations] online` in autogen.toml; docs/safety.md).
    #[arg(long, overrides_with = "online")]
    pub no_online: bool,
    /// Declare a rename: `table.old_column=new_column` or `old_table=new_table`.
    #[arg(long, value_name = "SPEC")]
    pub rename: Vec<String>,
    /// An empty database (PostgreSQL, MySQL) to compare the models' expressions in: the
    /// models are created in a scratch schema or database there and read back, so that
    /// checks, index expressions, defaults and generated columns compare as the database
    /// prints them. Default: `[database] dev_url`; without one, a text normalization.
    #[arg(long, value_name = "URL")]
    pub dev_url: Option<String>,
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
    /// PostgreSQL schemas to read: the first is the default one (default: public), whose
    /// objects keep bare names; the others' objects are named `schema.name`. `*` reads
    /// every schema but the system's (`--schema 'public,*'`).
    #[arg(long, value_name = "NAME[,NAME…]")]
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
