//! `autogen`: migration autogeneration for SeaORM.
//!
//! Exit codes: 0 success, 1 differences found where the command reports them
//! (`--exit-code`, `check`), 2 errors, 141 when stdout's reader went away.

mod cli;
mod commands;
mod config;
mod dev;
mod error;
mod lint;
mod output;
mod process;
mod progress;
mod source;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(e),
    };
    progress::init_logging(cli.verbose);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            output::note(&format!("error: cannot start the async runtime: {e}"));
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(error::CliError::BrokenPipe) => ExitCode::from(output::BROKEN_PIPE_EXIT),
        Err(e) => {
            // The last line of defence: whatever an error quotes, no URL shows a secret.
            // Names an error quotes may hold control characters: one visible line.
            output::note(&format!(
                "error: {}",
                autogen_schema::escape::terminal_lines(&autogen_reflect::redact_urls_in(
                    &e.to_string()
                ))
            ));
            ExitCode::from(2)
        }
    }
}

/// `--help` and `--version` through [`output::print`], so that their write errors are
/// handled like every other output's; usage errors as clap prints them (stderr, exit 2).
fn clap_exit(e: clap::Error) -> ExitCode {
    let to_stdout = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    if !to_stdout || std::io::stdout().is_terminal() {
        e.exit();
    }
    match output::print(&e.render().to_string()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error::CliError::BrokenPipe) => ExitCode::from(output::BROKEN_PIPE_EXIT),
        Err(e) => {
            output::note(&format!("error: {e}"));
            ExitCode::from(2)
        }
    }
}
