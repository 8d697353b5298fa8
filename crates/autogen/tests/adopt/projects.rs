//! Scratch cargo projects built by the tests (adopted projects, entity crates written by
//! sea-orm-cli): one shared target directory, `<target>/adopt-projects`, so that
//! sea-orm-migration is built once for all of them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The autogen workspace.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The target directory the scratch projects share: beside this test's own.
pub fn shared_target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
        .join("adopt-projects")
}

/// Runs `program ARGS` in `dir` under `timeout` (seconds, as `timeout(1)` takes them),
/// with the shared target directory and no `DATABASE_URL` from the caller.
pub fn run(
    dir: &Path,
    timeout: &str,
    program: &str,
    args: &[&str],
    envs: &[(&str, &str)],
) -> Output {
    Command::new("timeout")
        .arg(timeout)
        .arg(program)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", shared_target())
        .env_remove("DATABASE_URL")
        .envs(envs.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"))
}

/// A process's status and output, for a failure message.
pub fn text(o: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
