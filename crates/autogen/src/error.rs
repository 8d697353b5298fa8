//! Errors of the CLI; each prints as one line naming what is at fault. Exit code 2.

use std::path::PathBuf;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// `autogen.toml` is malformed.
    #[error("{}: {message}", path.display())]
    Config {
        /// The file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A database could not be read.
    #[error(transparent)]
    Reflect(#[from] autogen_reflect::ReflectError),
    /// The models command failed or printed something else than schema JSON.
    #[error("models: {0}")]
    Models(String),
    /// A snapshot file is not schema JSON.
    #[error("{}: {message}", path.display())]
    Snapshot {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The migration directory cannot be read or written.
    #[error(transparent)]
    Revisions(#[from] autogen_revisions::RevisionError),
    /// A migration could not be rendered.
    #[error(transparent)]
    Render(#[from] autogen_render::RenderError),
    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// Data checksums could not be computed (`autogen checksum`).
    #[error("{0}")]
    Checksum(String),
    /// Stdout's reader closed the pipe: autogen stops quietly.
    #[error("broken pipe")]
    BrokenPipe,
}
