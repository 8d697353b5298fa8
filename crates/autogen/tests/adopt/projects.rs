//! Scratch cargo projects built by the tests (adopted projects, entity crates written by
//! sea-orm-cli): one shared target directory, `<target>/adopt-projects`, so that
//! sea-orm-migration is built once for all of them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;

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

/// Whether a dialect can run: SQLite always; a server when its variable is set (otherwise
/// the test says it skips that backend, and runs the others).
pub fn server_configured(dialect: Dialect) -> bool {
    match autogen_testkit::env_var(dialect) {
        Some(var) if std::env::var(var).map_or(true, |v| v.is_empty()) => {
            eprintln!("skipped on {dialect}: {var} is not set");
            false
        }
        _ => true,
    }
}

/// The URL autogen reads: an existing SQLite file is opened, never created.
pub fn read_url(db: &ScratchDb) -> String {
    db.url.trim_end_matches("?mode=rwc").to_string()
}

/// `check --database` passes: the models read from the project's entities and registry
/// mean exactly what the database has, with no difference at all.
pub fn assert_check(dir: &Path, db: &ScratchDb, when: &str) {
    let o = run(
        dir,
        "1800",
        env!("CARGO_BIN_EXE_autogen"),
        &["check", "--database", &read_url(db)],
        &[],
    );
    let out = text(&o);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let reported: Vec<&str> = stdout
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect();
    assert!(
        reported.is_empty(),
        "{} {when}: differences reported: {out}",
        db.dialect
    );
    assert_eq!(o.status.code(), Some(0), "{} {when}: {out}", db.dialect);
}
