//! One module per command; each returns its exit code or an error (exit 2).

mod adopt;
mod adopt_database;
mod check;
mod checksum;
mod diff;
mod entities;
mod graph;
mod init;
mod inspect;
mod lint;
mod log;
mod phased;
mod revision;
pub(crate) mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use autogen_revisions::{DirLock, MigrationDir};

use crate::cli::{Cli, Command};
use crate::config::{self, Config};
use crate::error::CliError;
use crate::output;
use crate::source::{DatabaseState, read_database};

/// The project: its directory and its configuration.
pub struct Project {
    /// Directory holding autogen.toml; commands run the models command here.
    pub root: PathBuf,
    /// The configuration.
    pub config: Config,
}

/// Which project a command works on, found before the command runs.
enum Discovery {
    /// The directory holding `autogen.toml`.
    Found(PathBuf),
    /// No `autogen.toml`: where autogen looked, and whether it searched the parents too.
    Missing {
        start: PathBuf,
        searched_parents: bool,
    },
}

impl Discovery {
    /// `--project DIR` is the project itself, as cargo's `--manifest-path`; without it the
    /// nearest `autogen.toml` from the current directory up is.
    /// `init` makes a project where it runs: it searches no parent, so that a new project
    /// nested in another one's tree (a monorepo) is its own.
    fn find(explicit: Option<PathBuf>, search_parents: bool) -> Result<Discovery, CliError> {
        let (start, searched_parents) = match explicit {
            Some(dir) => (dir, false),
            None => (
                std::env::current_dir().map_err(|e| CliError::Io {
                    path: PathBuf::from("."),
                    source: e,
                })?,
                search_parents,
            ),
        };
        let found = if searched_parents {
            config::find_project_root(&start)
        } else {
            Some(start.clone()).filter(|dir| dir.join(config::CONFIG_FILE).is_file())
        };
        Ok(match found {
            Some(root) => Discovery::Found(root),
            None => Discovery::Missing {
                start,
                searched_parents,
            },
        })
    }
}

/// Whether a command works on a project (its models, migrations or configured database)
/// rather than only on what its arguments name: `init` makes a project, and `inspect
/// --database URL`, `log --database URL` or `diff` between URLs and snapshots work
/// anywhere.
fn needs_project(command: &Command) -> bool {
    match command {
        Command::Init(_) => false,
        Command::Log { database, .. } => database.is_none(),
        Command::Checksum(args) => args.database.is_none(),
        Command::Inspect(args) => args.models,
        Command::Lint(args) => lint::needs_project(&args.targets),
        Command::Diff(args) => [&args.from, &args.to]
            .iter()
            .any(|source| source.as_str() == "models"),
        _ => true,
    }
}

impl Project {
    /// The migrations crate directory.
    pub fn migrations_dir(&self) -> PathBuf {
        self.root.join(&self.config.migrations.dir)
    }

    /// Loads the migrations crate; an error telling to run `autogen init` when there is none.
    pub fn migrations(&self) -> Result<MigrationDir, CliError> {
        self.require_crate()?;
        Ok(MigrationDir::load(self.migrations_dir())?)
    }

    /// An error telling what to do when the migrations crate has no `src/lib.rs`.
    fn require_crate(&self) -> Result<(), CliError> {
        let path = self.migrations_dir();
        let lib = path.join("src").join("lib.rs");
        if !lib.exists() {
            // `init` writes a new `lib.rs` registering the files there, so it is the fix
            // either way; a lost `lib.rs` is better restored with its own edits.
            return Err(CliError::Usage(if path.join("src").is_dir() {
                format!(
                    "{} not found: restore it from version control, or run `autogen init` to write one that registers the migration files in {}",
                    lib.display(),
                    path.join("src").display()
                )
            } else {
                format!(
                    "no migrations crate at {}: run `autogen init`",
                    path.display()
                )
            }));
        }
        Ok(())
    }

    /// Takes the exclusive lock of the migrations crate for a writing command, and
    /// finishes a write a crash interrupted (saying so on stderr). Take it before loading.
    pub fn lock_migrations(&self, command: &str) -> Result<DirLock, CliError> {
        self.require_crate()?;
        self.lock_dir(command)
    }

    /// [`Project::lock_migrations`] for `init`, whose crate may not exist yet (the
    /// directory must).
    pub fn lock_dir(&self, command: &str) -> Result<DirLock, CliError> {
        let lock = DirLock::acquire(self.migrations_dir(), command)?;
        for done in lock.recover()? {
            output::note(&format!("note: {done}"));
        }
        Ok(lock)
    }

    /// Loads the migrations crate and refuses to go on when its graph is broken.
    pub fn valid_migrations(&self) -> Result<MigrationDir, CliError> {
        let dir = self.migrations()?;
        let problems = dir.validate();
        if let Some(first) = problems.first() {
            let mut message = first.to_string();
            for more in &problems[1..] {
                message.push_str(&format!("\n  and: {more}"));
            }
            return Err(CliError::Usage(message));
        }
        Ok(dir)
    }

    /// Reads a database that must have every revision of `dir` applied.
    pub async fn database_at_head(
        &self,
        dir: &MigrationDir,
        url: &str,
    ) -> Result<DatabaseState, CliError> {
        let state = read_database(url, &self.config).await?;
        let pending = dir.pending(&state.applied);
        if !pending.is_empty() {
            let names: Vec<&str> = pending.iter().map(|r| r.module.as_str()).collect();
            return Err(CliError::Usage(format!(
                "the database is not at the head revision: {} not applied ({}); upgrade it first",
                names.len(),
                names.join(", ")
            )));
        }
        Ok(state)
    }
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let is_init = matches!(cli.command, Command::Init(_));
    let root = match Discovery::find(cli.project, !is_init)? {
        Discovery::Found(root) => root,
        Discovery::Missing {
            start,
            searched_parents,
        } => {
            if needs_project(&cli.command) {
                return Err(config::not_in_a_project(&start, searched_parents));
            }
            start
        }
    };
    tracing::debug!(project = %root.display(), "project");
    let (config, _) = Config::load(&root)?;
    let project = Project { root, config };
    match cli.command {
        Command::Inspect(args) => inspect::run(&project, args).await,
        Command::Diff(args) => diff::run(&project, args).await,
        Command::Check(args) => check::run(&project, args).await,
        Command::Init(args) => init::run(&project, args).await,
        Command::Revision(args) => revision::run(&project, args).await,
        Command::Heads => graph::heads(&project),
        Command::History => graph::history(&project),
        Command::Show { revision } => graph::show(&project, &revision),
        Command::Merge { message } => graph::merge(&project, &message),
        Command::Log { database, limit } => log::run(&project, database, limit).await,
        Command::Checksum(args) => checksum::run(&project, args).await,
        Command::Lint(args) => lint::run(&project, args),
        Command::Current { database } => graph::current(&project, database).await,
        Command::Verify(args) => verify::run(&project, args).await,
    }
}
