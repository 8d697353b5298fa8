//! Schemas that no database would accept are refused where they enter autogen (the
//! models command's JSON, snapshot files), with every problem named, exit code 2 and
//! nothing written.

use std::path::Path;
use std::process::{Command, Output};

use autogen_schema::{Column, ColumnType, Index, IndexPart, Schema, Table};

fn autogen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_autogen"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run autogen")
}

/// A table with a duplicate column, an index on a missing column and a `varchar(0)`.
fn invalid_schema() -> Schema {
    let mut t = Table::new("t");
    t.columns.push(Column::new("a", ColumnType::Integer));
    t.columns.push(Column::new("a", ColumnType::Integer));
    t.columns.push(Column::new("v", ColumnType::varchar(0)));
    t.indexes.push(Index {
        options: Default::default(),
        name: "t_idx".into(),
        unique: false,
        parts: vec![IndexPart::column("gone")],
        method: Default::default(),
        predicate: None,
    });
    let mut s = Schema::default();
    s.tables.insert("t".into(), t);
    s
}

fn assert_refused(o: &Output) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    for expected in [
        "table \"t\", column \"a\": the column appears twice",
        "table \"t\", column \"v\": a length of 0 holds nothing",
        "table \"t\", index \"t_idx\": names the unknown column \"gone\"",
    ] {
        assert!(err.contains(expected), "expected {expected:?} in: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(o.stdout.is_empty(), "nothing is printed on refusal");
}

#[test]
fn invalid_models_json_is_refused_with_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("models.json"), invalid_schema().to_json()).unwrap();
    std::fs::write(
        dir.path().join("autogen.toml"),
        "[models]\ncommand = \"cat models.json\"\n\n[database]\nurl = \"sqlite://autogen.sqlite?mode=rwc\"\n",
    )
    .unwrap();
    let o = autogen(dir.path(), &["inspect", "--models", "--format", "sql"]);
    assert_refused(&o);
}

#[test]
fn invalid_snapshot_file_is_refused_with_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.json"), invalid_schema().to_json()).unwrap();
    let o = autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            "empty",
            "--to",
            "bad.json",
            "--format",
            "sql",
            "--dialect",
            "postgres",
        ],
    );
    assert_refused(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.json"), "the file is named: {err}");
}
