//! Everything autogen prints goes through here, so that a write error is an error and not a
//! panic: a reader that went away (`autogen diff … | head`) ends autogen quietly with
//! [`BROKEN_PIPE_EXIT`], any other failure (`> /dev/full`) is an `error:` line and exit 2.

use std::io::Write;

use crate::error::CliError;

/// The exit code when stdout's reader closed the pipe: what a shell reports for a process
/// killed by SIGPIPE (128 + 13), as for `git log | head -1` or `cat`.
pub const BROKEN_PIPE_EXIT: u8 = 141;

/// Writes `text` to stdout and flushes it.
pub fn print(text: &str) -> Result<(), CliError> {
    write_with(|out| out.write_all(text.as_bytes()))
}

/// Writes to stdout through `write`, then flushes; for output streamed in pieces.
pub fn write_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(stdout_error)
}

/// A write error on stdout as the error autogen ends with.
pub fn stdout_error(e: std::io::Error) -> CliError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        CliError::BrokenPipe
    } else {
        CliError::Io {
            path: "<stdout>".into(),
            source: e,
        }
    }
}

/// A line for people on stderr (progress, notes, warnings). Ignores write errors: stderr
/// is where errors would be reported, and a note must not fail a command.
pub fn note(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
