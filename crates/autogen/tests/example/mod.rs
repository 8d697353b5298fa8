//! The example project copied to a temp directory, and the `autogen` binary run in it:
//! shared by the tests of the README (readme.rs) and of the first hour (first_hour.rs).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use autogen_schema::Schema;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn autogen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_autogen"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("RUST_LOG")
        .output()
        .expect("run autogen")
}

pub fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The example copied to `<tmp>/autogen/`: `autogen.toml`, the migrations crate, and a
/// models command printing `models.json`, which starts as the migrations' head snapshot
/// (on a clean checkout the models equal it: `autogen check` says so in CI).
pub fn example_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("autogen");
    let migrations = root.join("migrations");
    std::fs::create_dir_all(migrations.join("src")).unwrap();
    let from = workspace().join("migrations");
    for name in ["Cargo.toml", "schema.json"] {
        std::fs::copy(from.join(name), migrations.join(name)).unwrap();
    }
    for entry in std::fs::read_dir(from.join("src")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            std::fs::copy(
                &path,
                migrations.join("src").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
    }
    let config = std::fs::read_to_string(workspace().join("autogen.toml")).unwrap();
    let default = "command = \"cargo run -p models --bin autogen-schema\"";
    assert!(config.contains(default), "autogen.toml: {config}");
    std::fs::write(
        root.join("autogen.toml"),
        config.replace(default, "command = \"cat models.json\""),
    )
    .unwrap();
    let snapshot = std::fs::read_to_string(migrations.join("schema.json")).unwrap();
    let models = Schema::from_json(&snapshot).expect("the head snapshot");
    std::fs::write(root.join("models.json"), models.to_json()).unwrap();
    std::fs::create_dir_all(root.join("models/src")).unwrap();
    (tmp, root)
}
