//! The models command as a child process that cannot hang autogen: it runs in a process
//! group of its own, killed whole when the time is up, and its output is read with a
//! deadline, so that a background process keeping the pipe open does not hold us.
//! Its stderr is read line by line and handed to the caller as it comes (cargo's progress,
//! the compiler's messages), under the same deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long to keep reading after the command exited, for output still in the pipe.
const GRACE: Duration = Duration::from_secs(2);

/// How often to look whether the command exited.
const POLL: Duration = Duration::from_millis(20);

/// What the command did.
pub struct Finished {
    /// Its exit status.
    pub status: ExitStatus,
    /// What it wrote to stdout.
    pub stdout: Vec<u8>,
    /// Whether a process it started still held stdout open when autogen stopped reading.
    pub pipe_left_open: bool,
}

/// Why the command did not finish.
pub enum Failure {
    /// It could not be started.
    Spawn(std::io::Error),
    /// It ran longer than the timeout; its process group was killed.
    TimedOut(Duration),
    /// Its stdout could not be read.
    Read(std::io::Error),
}

/// Runs `sh -c command` in `dir`, stdin closed; each line it writes to stderr goes to
/// `stderr_line` as soon as it is written.
pub fn run_shell(
    command: &str,
    dir: &Path,
    timeout: Option<Duration>,
    stderr_line: impl FnMut(&str) + Send + 'static,
) -> Result<Finished, Failure> {
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(command).current_dir(dir);
    run_command(shell, timeout, stderr_line)
}

/// Runs `command` (program, arguments, directory and environment set by the caller) as
/// [`run_shell`] runs its shell: stdin closed, in a process group of its own killed whole
/// at the timeout, stderr handed over line by line.
pub fn run_command(
    command: Command,
    timeout: Option<Duration>,
    stderr_line: impl FnMut(&str) + Send + 'static,
) -> Result<Finished, Failure> {
    run(command, None, timeout, stderr_line)
}

/// Runs `command` as [`run_command`] does, with `input` written to its stdin (from a
/// thread of its own, so that a command that writes before it has read everything cannot
/// block both sides).
pub fn run_command_with_input(
    command: Command,
    input: Vec<u8>,
    timeout: Option<Duration>,
    stderr_line: impl FnMut(&str) + Send + 'static,
) -> Result<Finished, Failure> {
    run(command, Some(input), timeout, stderr_line)
}

fn run(
    mut command: Command,
    input: Option<Vec<u8>>,
    timeout: Option<Duration>,
    mut stderr_line: impl FnMut(&str) + Send + 'static,
) -> Result<Finished, Failure> {
    let mut child = command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(Failure::Spawn)?;
    let group = ForwardSignals::to_group(child.id() as i32);
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        // A write error (the command exited without reading) shows in its status.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let (stderr_done, stderr_closed) = mpsc::channel::<()>();
    // Lines, not bytes: a progress line is shown whole. Ends at the pipe's end, or never if
    // a process the command started keeps it open (then autogen stops waiting, below).
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stderr);
        let mut line = Vec::new();
        loop {
            line.clear();
            match lines.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    let text = String::from_utf8_lossy(&line);
                    stderr_line(text.trim_end_matches(['\n', '\r']));
                }
            }
        }
        let _ = stderr_done.send(());
    });
    let (tx, rx) = mpsc::channel::<std::io::Result<Vec<u8>>>();
    // A reader of its own: a read blocks for as long as any process holds the pipe open.
    std::thread::spawn(move || {
        let mut buffer = vec![0; 64 * 1024];
        loop {
            match stdout.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => {
                    if tx.send(Ok(buffer[..n].to_vec())).is_err() {
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    break;
                }
            }
        }
    });

    let deadline = timeout.map(|t| Instant::now() + t);
    let mut out = Vec::new();
    let mut eof = false;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(Failure::Read)? {
            break status;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            group.kill();
            let _ = child.wait();
            return Err(Failure::TimedOut(timeout.unwrap_or_default()));
        }
        if !eof {
            eof = receive(&rx, POLL, &mut out)?;
        } else {
            std::thread::sleep(POLL);
        }
    };
    let grace_end = Instant::now() + GRACE;
    while !eof {
        let left = grace_end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        eof = receive(&rx, left, &mut out)?;
    }
    // The last messages (the compiler's errors) are shown before autogen's own.
    let left = grace_end.saturating_duration_since(Instant::now());
    let _ = stderr_closed.recv_timeout(left);
    Ok(Finished {
        status,
        stdout: out,
        pipe_left_open: !eof,
    })
}

/// Waits up to `wait` for a chunk; whether the pipe reached its end.
fn receive(
    rx: &mpsc::Receiver<std::io::Result<Vec<u8>>>,
    wait: Duration,
    out: &mut Vec<u8>,
) -> Result<bool, Failure> {
    match rx.recv_timeout(wait) {
        Ok(Ok(chunk)) => {
            out.extend_from_slice(&chunk);
            Ok(false)
        }
        Ok(Err(e)) => Err(Failure::Read(e)),
        Err(RecvTimeoutError::Timeout) => Ok(false),
        Err(RecvTimeoutError::Disconnected) => Ok(true),
    }
}

/// The process group of the running command, for the signal handler.
static GROUP: AtomicI32 = AtomicI32::new(0);

const FORWARDED: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// While alive, Ctrl-C, SIGTERM and SIGHUP sent to autogen reach the command's process
/// group too: in a group of its own it is no longer in the terminal's foreground group,
/// and would otherwise go on building after autogen is gone.
struct ForwardSignals {
    group: i32,
}

impl ForwardSignals {
    fn to_group(group: i32) -> ForwardSignals {
        GROUP.store(group, Ordering::SeqCst);
        for signal in FORWARDED {
            // SAFETY: `forward` only calls async-signal-safe functions (kill, signal, raise).
            unsafe {
                libc::signal(signal, forward as *const () as libc::sighandler_t);
            }
        }
        ForwardSignals { group }
    }

    /// Kills the whole group: the shell, and whatever it started.
    fn kill(&self) {
        // SAFETY: kill(2) with a negative pid signals a process group; no memory involved.
        unsafe {
            libc::kill(-self.group, libc::SIGKILL);
        }
    }
}

impl Drop for ForwardSignals {
    fn drop(&mut self) {
        GROUP.store(0, Ordering::SeqCst);
        for signal in FORWARDED {
            // SAFETY: restores the default disposition.
            unsafe {
                libc::signal(signal, libc::SIG_DFL);
            }
        }
    }
}

extern "C" fn forward(signal: libc::c_int) {
    let group = GROUP.load(Ordering::SeqCst);
    // SAFETY: kill, signal and raise are async-signal-safe.
    unsafe {
        if group > 0 {
            libc::kill(-group, signal);
        }
        // Then die of the signal, as autogen would have without the handler.
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_reaches_the_command_and_its_output_comes_back() {
        // Larger than a pipe's buffer: the write must not wait for the read.
        let input: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let finished = run_command_with_input(
            Command::new("cat"),
            input.clone(),
            Some(Duration::from_secs(30)),
            |_| {},
        )
        .unwrap_or_else(|_| panic!("cat did not finish"));
        assert!(finished.status.success());
        assert_eq!(finished.stdout, input);
    }

    #[test]
    fn a_command_that_ignores_its_input_is_killed_at_the_timeout() {
        let mut sleeper = Command::new("sh");
        sleeper.args(["-c", "sleep 30"]);
        let started = Instant::now();
        let result = run_command_with_input(
            sleeper,
            vec![b'x'; 1 << 20],
            Some(Duration::from_millis(300)),
            |_| {},
        );
        assert!(matches!(result, Err(Failure::TimedOut(_))));
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}
