//! Runs one child process and measures its wall time and peak memory (max RSS from
//! `wait4`'s `rusage`, so per child, not per benchmark), with an optional time limit.
//!
//! On Linux a child's max RSS is at least its parent's peak RSS at the moment of `exec`
//! (the kernel carries the old address space's high-water mark over), so the driver,
//! which holds a runtime and database connections, does not spawn the tools itself:
//! [`run_isolated`] starts the small `bench-run-child` binary in its own process group,
//! which spawns the tool, waits for it and writes its figures to a report file.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// Set by SIGINT/SIGTERM; the benchmark stops at the next check and drops its databases.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Turns Ctrl-C and SIGTERM into [`INTERRUPTED`], so that clean-up code runs.
pub fn install_signal_handlers() {
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

/// Whether the user asked the benchmark to stop.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Where the child's standard output goes.
pub enum Output {
    /// This process's standard output.
    Inherit,
    /// `/dev/null`.
    Null,
    /// A file (created or truncated).
    File(PathBuf),
    /// Captured into [`Measured::stdout`].
    Capture,
}

/// How a child ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Exit status 0.
    Ok,
    /// Non-zero exit or killed by a signal it was not sent by us.
    Failed(String),
    /// Killed at the time limit.
    TimedOut,
    /// Killed because the benchmark was interrupted.
    Interrupted,
}

/// One measured run.
#[derive(Debug, Clone)]
pub struct Measured {
    /// From spawn to the exit being reaped.
    pub wall: Duration,
    /// Peak resident set size of the child, in KiB.
    pub max_rss_kib: u64,
    pub outcome: Outcome,
    /// Standard output, when captured.
    pub stdout: String,
    /// Standard error (always captured; the tools write little there).
    pub stderr: String,
}

fn reader(stream: Option<impl Read + Send + 'static>) -> Option<thread::JoinHandle<String>> {
    stream.map(|mut s| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = s.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    })
}

/// Runs `cmd` to its end, or kills it (SIGKILL) at `limit`. With `group`, the child
/// leads a new process group, and the whole group is killed.
pub fn run(
    cmd: &mut Command,
    output: Output,
    limit: Option<Duration>,
    group: bool,
) -> io::Result<Measured> {
    cmd.stdin(Stdio::null());
    if matches!(output, Output::Inherit) {
        cmd.stderr(Stdio::inherit());
    } else {
        cmd.stderr(Stdio::piped());
    }
    if group {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    match &output {
        Output::Inherit => cmd.stdout(Stdio::inherit()),
        Output::Null => cmd.stdout(Stdio::null()),
        Output::File(path) => cmd.stdout(File::create(path)?),
        Output::Capture => cmd.stdout(Stdio::piped()),
    };
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());

    // A thread blocks in wait4 so the exit is timed to the moment it is reaped; this
    // thread watches the clock. `child` is never waited on through std (it is reaped here).
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut status: libc::c_int = 0;
        // SAFETY: rusage is plain data, zero is a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = loop {
            // SAFETY: pid is our own unreaped child; the pointers are valid locals.
            let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            if r == -1 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            break r;
        };
        let end = Instant::now();
        let result = if r == pid {
            Ok((status, usage.ru_maxrss.max(0) as u64, end))
        } else {
            Err(io::Error::last_os_error())
        };
        let _ = tx.send(result);
    });

    let deadline = limit.map(|l| start + l);
    let mut killed: Option<Outcome> = None;
    let (status, max_rss_kib, end) = loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(result) => break result?,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if killed.is_none() {
                    let why = if interrupted() {
                        Some(Outcome::Interrupted)
                    } else if deadline.is_some_and(|d| Instant::now() >= d) {
                        Some(Outcome::TimedOut)
                    } else {
                        None
                    };
                    if let Some(why) = why {
                        // SAFETY: the child has not been reaped yet, so pid is still ours.
                        unsafe { libc::kill(if group { -pid } else { pid }, libc::SIGKILL) };
                        killed = Some(why);
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(io::Error::other("the wait4 thread ended without a result"));
            }
        }
    };
    drop(child);

    let wall = match (killed.is_some(), limit) {
        (true, Some(l)) => l.max(end - start),
        _ => end - start,
    };
    let outcome = if let Some(why) = killed {
        why
    } else if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 {
        Outcome::Ok
    } else if libc::WIFEXITED(status) {
        Outcome::Failed(format!("exit status {}", libc::WEXITSTATUS(status)))
    } else if libc::WIFSIGNALED(status) {
        Outcome::Failed(format!("killed by signal {}", libc::WTERMSIG(status)))
    } else {
        Outcome::Failed(format!("wait status {status}"))
    };
    Ok(Measured {
        wall,
        max_rss_kib,
        outcome,
        stdout: stdout.and_then(|h| h.join().ok()).unwrap_or_default(),
        stderr: stderr.and_then(|h| h.join().ok()).unwrap_or_default(),
    })
}

/// `bench-run-child`: runs `argv` with this process's standard streams, and writes
/// `OUTCOME\tWALL_NANOS\tMAX_RSS_KIB` to `report`.
pub fn run_child(argv: &[std::ffi::OsString], limit: Duration, report: &Path) -> io::Result<()> {
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| io::Error::other("no command to run"))?;
    let m = run(
        Command::new(program).args(args),
        Output::Inherit,
        Some(limit),
        false,
    )?;
    let outcome = match &m.outcome {
        Outcome::Ok => "ok".to_string(),
        Outcome::TimedOut => "timedout".to_string(),
        Outcome::Interrupted => "interrupted".to_string(),
        Outcome::Failed(why) => format!("failed:{why}"),
    };
    std::fs::write(
        report,
        format!("{outcome}\t{}\t{}\n", m.wall.as_nanos(), m.max_rss_kib),
    )
}

/// Runs `argv` through `bench-run-child` (see the module documentation), killed at
/// `limit`; the figures are the tool's own.
pub fn run_isolated(
    launcher: &Path,
    argv: &[std::ffi::OsString],
    output: Output,
    limit: Duration,
) -> io::Result<Measured> {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let report = std::env::temp_dir().join(format!(
        "autogen-bench-{}-{}.report",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_file(&report);
    let mut cmd = Command::new(launcher);
    cmd.arg(limit.as_millis().to_string())
        .arg(&report)
        .args(argv);
    // The launcher enforces `limit`; this one is a backstop.
    let mut m = run(
        &mut cmd,
        output,
        Some(limit + Duration::from_secs(30)),
        true,
    )?;
    let text = std::fs::read_to_string(&report).unwrap_or_default();
    let _ = std::fs::remove_file(&report);
    let fields: Vec<&str> = text.trim_end().split('\t').collect();
    if let [outcome, nanos, rss] = fields[..] {
        m.wall = Duration::from_nanos(nanos.parse().unwrap_or(0));
        m.max_rss_kib = rss.parse().unwrap_or(0);
        m.outcome = match outcome {
            "ok" => Outcome::Ok,
            "timedout" => Outcome::TimedOut,
            "interrupted" => Outcome::Interrupted,
            other => Outcome::Failed(other.trim_start_matches("failed:").to_string()),
        };
    } else if m.outcome == Outcome::Ok {
        m.outcome = Outcome::Failed("the launcher wrote no report".into());
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_short_child() {
        let m = run(
            Command::new("sh").args(["-c", "echo hello"]),
            Output::Capture,
            None,
            false,
        )
        .unwrap();
        assert_eq!(m.outcome, Outcome::Ok);
        assert_eq!(m.stdout.trim(), "hello");
        assert!(m.max_rss_kib > 0);
    }

    #[test]
    fn kills_at_the_limit() {
        let m = run(
            Command::new("sleep").arg("10"),
            Output::Null,
            Some(Duration::from_millis(200)),
            true,
        )
        .unwrap();
        assert_eq!(m.outcome, Outcome::TimedOut);
        assert!(m.wall < Duration::from_secs(5));
    }

    #[test]
    fn reports_failure() {
        let m = run(
            Command::new("sh").args(["-c", "exit 3"]),
            Output::Null,
            None,
            false,
        )
        .unwrap();
        assert_eq!(m.outcome, Outcome::Failed("exit status 3".into()));
    }
}
