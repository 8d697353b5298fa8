//! Write errors on stdout: a reader that went away ends autogen quietly (exit 141, as a
//! process killed by SIGPIPE); any other error is an `error:` line and exit 2.

use std::fs::File;
use std::process::Stdio;

use crate::common::{Project, assert_clean_error, schema, stderr, table, users};
use crate::run;

/// A project with a snapshot of many tables: output far beyond a pipe's buffer.
fn big_project() -> (Project, String) {
    let tables = (0..2000).map(|i| table(&format!("t{i}"), vec![])).collect();
    let p = Project::init(&users());
    // A revision, so that `heads` and `history` have something to print.
    p.revision("initial", &[]);
    let path = p.path().join("big.json");
    std::fs::write(&path, serde_json::to_string(&schema(tables)).unwrap()).unwrap();
    (p, path.display().to_string())
}

/// stdout: a pipe whose reading end is already closed.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

fn dev_full() -> Stdio {
    Stdio::from(File::options().write(true).open("/dev/full").unwrap())
}

fn commands(big: &str) -> Vec<Vec<String>> {
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        strings(&[
            "diff",
            "--from",
            "empty",
            "--to",
            big,
            "--format",
            "sql",
            "--dialect",
            "postgres",
        ]),
        strings(&["diff", "--from", "empty", "--to", big]),
        strings(&["inspect", "--models", "--format", "json"]),
        strings(&["inspect", "--models"]),
        strings(&["check", "--format", "json"]),
        strings(&["heads"]),
        strings(&["history"]),
        strings(&["--help"]),
        strings(&["diff", "--help"]),
    ]
}

#[test]
fn a_closed_pipe_ends_autogen_quietly() {
    let (p, big) = big_project();
    for args in commands(&big) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(p.path(), &args, closed_pipe(), &[]);
        assert_eq!(o.status.code(), Some(141), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            !err.contains("panicked") && !err.contains("error:"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_reader_that_stops_early_ends_autogen_quietly() {
    // As `autogen diff … | head -c 10`, in a real shell pipeline.
    let (p, big) = big_project();
    let script = format!(
        "\"$AUTOGEN\" diff --from empty --to {big} --format sql --dialect postgres | head -c 10 >/dev/null; echo \"status=${{PIPESTATUS[0]}}\""
    );
    let o = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(p.path())
        .env("AUTOGEN", env!("CARGO_BIN_EXE_autogen"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.trim(), "status=141", "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn a_full_disk_is_an_error() {
    let (p, big) = big_project();
    for args in commands(&big) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(p.path(), &args, dev_full(), &[]);
        assert_clean_error(&o, "error: <stdout>: No space left on device");
    }
    // Small output too: it is flushed, and the flush's error reported.
    let o = run(p.path(), &["heads"], dev_full(), &[]);
    assert_clean_error(&o, "No space left on device");
}
