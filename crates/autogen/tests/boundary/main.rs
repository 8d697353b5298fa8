//! The command-line boundary (docs/robustness.md, "Command-line boundary"): secrets never
//! printed, nothing waits forever, output errors are errors, read-only commands create
//! nothing. Real processes, real servers where a connection is made.

#[path = "../common/mod.rs"]
mod common;

mod bookkeeping;
mod output;
mod read_only;
mod secrets;
mod timeouts;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Far above any timeout a test configures: only there to fail a hung test instead of
/// hanging CI.
pub const HANG: Duration = Duration::from_secs(120);

/// `autogen ARGS` in `dir`, stdout as given, killed and failed after [`HANG`].
pub fn run(dir: &Path, args: &[&str], stdout: Stdio, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_autogen"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("run autogen");
    let mut out_pipe = child.stdout.take();
    let mut err_pipe = child.stderr.take().expect("stderr");
    // Readers of their own, bounded too: a process autogen started could hold a pipe.
    let (out_tx, out_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(p) = out_pipe.as_mut() {
            let _ = p.read_to_end(&mut buf);
        }
        let _ = out_tx.send(buf);
    });
    let (err_tx, err_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        let _ = err_tx.send(buf);
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("autogen {args:?} still running after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let left = HANG.saturating_sub(start.elapsed());
    let stdout = out_rx
        .recv_timeout(left)
        .unwrap_or_else(|_| panic!("autogen {args:?}: stdout still open after {HANG:?}"));
    let stderr = err_rx
        .recv_timeout(left)
        .unwrap_or_else(|_| panic!("autogen {args:?}: stderr still open after {HANG:?}"));
    Output {
        status,
        stdout,
        stderr,
    }
}

/// `autogen ARGS` with stdout captured.
pub fn autogen(dir: &Path, args: &[&str]) -> Output {
    run(dir, args, Stdio::piped(), &[])
}

/// stdout and stderr together, for "never contains" assertions.
pub fn all_output(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A server URL from the environment; panics naming the variable when it is not set (a
/// test that calls this is `#[ignore = "needs VAR"]`, see autogen-testkit).
pub fn server_url(var: &str) -> String {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!("this test needs {var}; set it, or run `bash .ci/run`"),
    }
}

/// `host:port` of a server URL (`scheme://user@host:port/db`).
pub fn host_port(url: &str) -> String {
    let after = url.split_once("://").unwrap().1;
    let after = after.rsplit_once('@').map_or(after, |(_, h)| h);
    after.split(['/', '?']).next().unwrap().to_string()
}
