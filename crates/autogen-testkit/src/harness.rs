//! Generated migration files compiled into a small binary and run up and down on a real
//! database, as an application's `Migrator` runs them.
//!
//! Each harness crate is written to `target/migration-harness/<name>` and built with
//! `CARGO_TARGET_DIR=target/migration-harness`, so every harness shares one build of
//! sea-orm-migration and later runs rebuild only what changed.

use std::path::{Path, PathBuf};
use std::process::Command;

const MAIN: &str = r#"use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::Database;

mod migrations;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, command, n] = args.as_slice() else {
        panic!("usage: harness URL up|down N");
    };
    let n: u32 = n.parse().expect("N");
    let db = Database::connect(url.as_str()).await.expect("connect");
    let result = match command.as_str() {
        "up" => migrations::Migrator::up(&db, Some(n)).await,
        "down" => migrations::Migrator::down(&db, Some(n)).await,
        other => panic!("unknown command {other}"),
    };
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
"#;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace directory")
}

/// Writes a file only when its content changes, so cargo's fingerprints stay valid.
fn write(path: &Path, content: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(content) {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create directory");
        std::fs::write(path, content).expect("write harness file");
    }
}

/// A built harness: a binary that runs `up N` or `down N` of its migrations.
pub struct Harness {
    /// The binary.
    pub binary: PathBuf,
    /// The crate's directory (for error messages).
    pub project: PathBuf,
}

impl Harness {
    /// Writes the crate `name` holding `migrations` (module name, file content) in this
    /// order, and builds it. Panics with the crate's path when it does not build.
    pub fn build(name: &str, migrations: &[(String, String)]) -> Harness {
        let ws = workspace();
        let target = ws.join("target/migration-harness");
        let project = target.join(name);
        let mut mods = String::new();
        let mut list = Vec::new();
        for (module, content) in migrations {
            write(
                &project.join(format!("src/migrations/{module}.rs")),
                content,
            );
            mods.push_str(&format!("mod {module};\n"));
            list.push(format!("Box::new({module}::Migration)"));
        }
        // Files of an earlier run with other module names would be compiled in vain.
        if let Ok(entries) = std::fs::read_dir(project.join("src/migrations")) {
            for e in entries.flatten() {
                let stem = e
                    .path()
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned());
                if stem.is_some_and(|s| s != "mod" && !migrations.iter().any(|(m, _)| *m == s)) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        write(
            &project.join("src/migrations/mod.rs"),
            &format!(
                "use sea_orm_migration::prelude::*;\n\n{mods}\npub struct Migrator;\n\n\
                 #[async_trait::async_trait]\nimpl MigratorTrait for Migrator {{\n    \
                 fn migrations() -> Vec<Box<dyn MigrationTrait>> {{\n        vec![{}]\n    }}\n}}\n",
                list.join(", ")
            ),
        );
        write(&project.join("src/main.rs"), MAIN);
        let features = r#"["sqlx-postgres", "sqlx-mysql", "sqlx-sqlite", "runtime-tokio-rustls"]"#;
        write(
            &project.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [workspace]\n\n[dependencies]\n\
                 sea-orm-migration = {{ version = \"2.0\", default-features = false, features = {features} }}\n\
                 autogen-migration = {{ path = {:?}, features = {features} }}\n\
                 tokio = {{ version = \"1\", features = [\"rt-multi-thread\", \"macros\"] }}\n",
                ws.join("crates/autogen-migration").display().to_string()
            ),
        );
        if !project.join("Cargo.lock").exists() {
            let _ = std::fs::copy(ws.join("Cargo.lock"), project.join("Cargo.lock"));
        }
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "--manifest-path"])
            .arg(project.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .expect("run cargo");
        assert!(
            status.success(),
            "the harness does not build: see {}",
            project.display()
        );
        Harness {
            binary: target.join("debug").join(name),
            project,
        }
    }

    /// Runs `up N` or `down N` against `url`; the error output when it fails.
    pub fn run(&self, url: &str, command: &str, n: u32) -> Result<(), String> {
        let output = Command::new(&self.binary)
            .args([url, command, &n.to_string()])
            .output()
            .expect("run harness");
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "harness {command} {n} failed:\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }
}
