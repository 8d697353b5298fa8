//! One module per command; each returns its exit code or an error (exit 2).

mod check;
mod diff;
mod graph;
mod init;
mod inspect;
mod revision;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::error::CliError;

/// The project: its directory and its configuration.
pub struct Project {
    /// Directory holding autogen.toml; commands run the models command here.
    pub root: PathBuf,
    /// The configuration.
    pub config: Config,
}

impl Project {
    /// The migrations crate directory.
    pub fn migrations_dir(&self) -> PathBuf {
        self.root.join(&self.config.migrations.dir)
    }
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let root = match cli.project {
        Some(dir) => dir,
        None => std::env::current_dir().map_err(|e| CliError::Io {
            path: PathBuf::from("."),
            source: e,
        })?,
    };
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
        Command::Current { database } => graph::current(&project, database).await,
    }
}
