//! `autogen init` on a project scaffolded by sea-orm-cli (`docs/adopting.md`), end to end
//! on PostgreSQL, MariaDB and SQLite: the hand-written migrations build the databases, `init`
//! adopts the project in one command, `check --database` passes, and a `revision` after an
//! entity edit compiles in the adopted migration crate and runs up and down.
//!
//! Cargo builds are slow: one project serves every backend (a migration file serves all
//! three), and every build shares one target directory, `<target>/adopt-projects`.

mod adopt {
    pub mod fixture;
    pub mod projects;
}

use std::path::{Path, PathBuf};
use std::process::Output;

use adopt::fixture;
use adopt::projects::{self, assert_check, server_configured, shared_target, text, workspace};
use autogen_schema::Dialect;
use autogen_testkit::{ScratchDb, describe_differences, ignoring_column_order};

/// Seconds a cargo build in the test may take (the first one builds sea-orm-migration).
const BUILD_TIMEOUT: &str = "1800";

/// Runs `program ARGS` in `dir` under the build timeout, with the shared target directory.
fn run(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)]) -> Output {
    projects::run(dir, BUILD_TIMEOUT, program, args, envs)
}

fn autogen(dir: &Path, args: &[&str]) -> Output {
    run(dir, env!("CARGO_BIN_EXE_autogen"), args, &[])
}

fn cargo_build(dir: &Path, package: &str) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let o = run(dir, &cargo, &["build", "-q", "-p", package], &[]);
    assert!(o.status.success(), "cargo build -p {package}: {}", text(&o));
}

/// The adopted crate's own binary (sea-orm-migration's CLI): `up`, `down -n 1`.
fn migrate(dir: &Path, db: &ScratchDb, args: &[&str]) {
    let binary = shared_target().join("debug/migration");
    let o = run(
        dir,
        binary.to_str().unwrap(),
        args,
        &[("DATABASE_URL", &db.url)],
    );
    assert!(
        o.status.success(),
        "{} migrate {args:?}: {}",
        db.dialect,
        text(&o)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn init_adopts_a_sea_orm_cli_project_and_revision_runs_up_and_down() {
    let mut dbs = Vec::new();
    for dialect in Dialect::ALL {
        if !server_configured(dialect) {
            continue;
        }
        dbs.push(ScratchDb::create(dialect).await);
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("app");
    fixture::write(&root);
    // The versions this workspace is tested with, so the build reuses them.
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    // The deployed databases, built by the hand-written migrations.
    cargo_build(&root, "migration");
    for db in &dbs {
        migrate(&root, db, &["up"]);
    }

    // One command adopts the project.
    let o = autogen(&root, &["init"]);
    assert_eq!(o.status.code(), Some(0), "init: {}", text(&o));
    let out = text(&o);
    assert!(
        out.contains("a models registry of 2 entities from entity"),
        "{out}"
    );
    let config = std::fs::read_to_string(root.join("autogen.toml")).unwrap();
    assert!(config.contains("dir = \"migration\""), "{config}");
    let manifest = std::fs::read_to_string(root.join("migration/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("autogen-migration = { path = "),
        "{manifest}"
    );
    let workspace_manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        workspace_manifest.contains("\"autogen-registry\""),
        "{workspace_manifest}"
    );
    let registry = std::fs::read_to_string(root.join("autogen-registry/src/main.rs")).unwrap();
    for entity in ["entity::comment::Entity", "entity::post::Entity"] {
        assert!(registry.contains(entity), "{registry}");
    }
    assert!(root.join("migration/schema.json").is_file());
    // A second init has nothing to adopt.
    let again = autogen(&root, &["init"]);
    assert_eq!(again.status.code(), Some(0), "init again: {}", text(&again));
    assert_eq!(
        std::fs::read_to_string(root.join("migration/Cargo.toml")).unwrap(),
        manifest
    );

    for db in &dbs {
        assert_check(&root, db, "right after init");
    }

    // An entity edit, and its revision on top of the last hand-written migration.
    let post = root.join("entity/src/post.rs");
    let edited = fixture::POST.replacen(fixture::POST_FIELD, fixture::POST_NEW_FIELD, 1);
    assert_ne!(edited, fixture::POST);
    std::fs::write(&post, edited).unwrap();
    let o = autogen(&root, &["revision", "-m", "add post subtitle"]);
    assert_eq!(o.status.code(), Some(0), "revision: {}", text(&o));
    let generated: Vec<PathBuf> = std::fs::read_dir(root.join("migration/src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("_add_post_subtitle.rs"))
        .collect();
    let [file] = generated.as_slice() else {
        panic!("one generated file: {generated:?}\n{}", text(&o));
    };
    let migration = std::fs::read_to_string(file).unwrap();
    assert!(
        migration.contains("//! Parents: m20220102_000001_create_comment\n"),
        "{migration}"
    );
    assert!(migration.contains("subtitle"), "{migration}");

    // It compiles in the adopted crate, and runs up and down on every backend.
    cargo_build(&root, "migration");
    for db in &dbs {
        let before = db.reflect().await;
        migrate(&root, db, &["up"]);
        let after = db.reflect().await;
        assert!(
            after.tables["post"]
                .columns
                .iter()
                .any(|c| c.name == "subtitle"),
            "{}: {}",
            db.dialect,
            describe_differences(&before, &after)
        );
        assert_check(&root, db, "after the revision's up");
        migrate(&root, db, &["down", "-n", "1"]);
        let down = db.reflect().await;
        assert_eq!(
            ignoring_column_order(down.clone()),
            ignoring_column_order(before.clone()),
            "{} down is not the start: {}",
            db.dialect,
            describe_differences(&before, &down)
        );
    }
}
