//! Planning and writing: new revisions, merges, lib.rs registration, all-or-nothing commits,
//! scaffolding.

mod common;

use std::fs;

use autogen_revisions::{
    Changeset, Expect, MigrationDir, NewRevision, RevisionError, ScaffoldOptions, scaffold,
};
use autogen_schema::{Column, ColumnType, Schema, Table};
use common::*;

fn users() -> Schema {
    let mut t = Table::new("users");
    t.columns
        .push(Column::new("email", ColumnType::varchar(200)));
    let mut s = Schema::default();
    s.tables.insert("users".into(), t);
    s
}

fn entries(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("Box::new("))
        .map(|l| l.trim_end_matches("::Migration),").to_string())
        .collect()
}

#[test]
fn new_revision_on_a_linear_history() {
    let f = linear();
    let dir = MigrationDir::load(f.root()).unwrap();
    let mut rev = dir
        .plan_new_revision(
            "Add column `users.email`!",
            &["ccc"],
            "2026-11-24T22:40:05Z",
            "3f2a9c1b4d5e",
        )
        .unwrap();
    assert_eq!(rev.module, "m20261124_224005_add_column_users_email");
    assert_eq!(rev.path, f.src(&rev.module));
    assert_eq!(rev.parents, [IC]);
    rev.notes.push("Hazards: none".to_string());
    let changes = dir
        .changeset(&rev, NewRevision::empty_body(), Some(&users()))
        .unwrap();
    assert_eq!(changes.writes().len(), 3);
    changes.commit(&lock(f.root())).unwrap();

    let file = fs::read_to_string(&rev.path).unwrap();
    assert!(file.starts_with(
        "//! Revision: 3f2a9c1b4d5e\n//! Parents: ccccccccccc3\n//! Message: Add column `users.email`!\n//! Created: 2026-11-24T22:40:05Z\n//! Hazards: none\n\nuse sea_orm_migration::prelude::*;\n"
    ), "{file}");
    let lib = f.read("src/lib.rs");
    assert!(
        lib.contains(&format!("mod {C};\nmod {};\n", rev.module)),
        "{lib}"
    );
    assert_eq!(entries(&lib), [A, B, C, rev.module.as_str()]);

    let dir = MigrationDir::load(f.root()).unwrap();
    assert!(dir.validate().is_empty(), "{}", messages(&dir.validate()));
    assert_eq!(dir.heads()[0].id, "3f2a9c1b4d5e");
    assert_eq!(dir.heads()[0].notes, ["Hazards: none"]);
    let snap = dir.snapshot().unwrap();
    assert_eq!(
        (snap.revision.as_str(), &snap.schema),
        ("3f2a9c1b4d5e", &users())
    );

    // Same time and message again: the module name gets a suffix.
    let again = dir
        .plan_new_revision(
            "add column users email",
            &["3f2a"],
            "2026-11-24T22:40:05Z",
            "0123456789ab",
        )
        .unwrap();
    assert_eq!(again.module, "m20261124_224005_add_column_users_email_2");
}

#[test]
fn planning_errors() {
    let f = linear();
    let dir = MigrationDir::load(f.root()).unwrap();
    let plan = |parents: &[&str], created: &str, id: &str| {
        dir.plan_new_revision("m", parents, created, id)
    };
    assert!(matches!(
        plan(&[IC], T4, "XYZ"),
        Err(RevisionError::InvalidId { .. })
    ));
    let taken = plan(&[IC], T4, IB).unwrap_err().to_string();
    assert_eq!(
        taken,
        format!("revision id {IB} is already used by {}", f.src(B).display())
    );
    assert!(matches!(
        plan(&[IC], "2026-11-24 22:40", "0123456789ab"),
        Err(RevisionError::InvalidTime { .. })
    ));
    assert!(matches!(
        plan(&["eeee"], T4, "0123456789ab"),
        Err(RevisionError::UnknownRevision { .. })
    ));
    let one = dir
        .plan_merge("merge", T4, "0123456789ab")
        .unwrap_err()
        .to_string();
    assert_eq!(
        one,
        format!("nothing to merge: the graph has 1 head(s): {IC}")
    );
}

#[test]
fn merge_resolves_two_heads() {
    let f = branchy();
    let dir = MigrationDir::load(f.root()).unwrap();
    let rev = dir.plan_merge("merge heads", T4, "0123456789ab").unwrap();
    assert_eq!(rev.parents, [IB, IC]);
    // No schema given: the current snapshot is re-stamped at the merge.
    dir.changeset(&rev, NewRevision::empty_body(), None)
        .unwrap()
        .commit(&lock(f.root()))
        .unwrap();
    assert!(
        f.read(&format!("src/{}.rs", rev.module))
            .contains(&format!("//! Parents: {IB}, {IC}\n"))
    );
    let dir = MigrationDir::load(f.root()).unwrap();
    assert!(dir.validate().is_empty(), "{}", messages(&dir.validate()));
    let heads = dir.heads();
    assert_eq!((heads.len(), heads[0].id.as_str()), (1, "0123456789ab"));
    assert_eq!(dir.snapshot().unwrap().revision, "0123456789ab");
    assert_eq!(
        entries(&f.read("src/lib.rs")),
        [A, B, C, rev.module.as_str()]
    );
}

#[test]
fn registration_order_in_a_branchy_graph() {
    // a ← b ← d, a ← c; created a T1, b T2, d T3, c T4: graph order a, b, d, c.
    let f = Fixture::new();
    f.revision(A, IA, &[], T1);
    f.revision(B, IB, &[IA], T2);
    f.revision(C, IC, &[IA], T4);
    f.lib(&[A, B, C]);
    f.snapshot(IC);
    let dir = MigrationDir::load(f.root()).unwrap();
    let d = dir.plan_new_revision("on branch b", &[IB], T3, ID).unwrap();
    dir.changeset(&d, NewRevision::empty_body(), None)
        .unwrap()
        .commit(&lock(f.root()))
        .unwrap();
    let lib = f.read("src/lib.rs");
    assert_eq!(entries(&lib), [A, B, d.module.as_str(), C]);
    assert!(
        lib.contains(&format!("mod {B};\nmod {};\nmod {C};\n", d.module)),
        "{lib}"
    );

    // A merge lands last; a new base lands first.
    let dir = MigrationDir::load(f.root()).unwrap();
    let m = dir
        .plan_merge("merge", "2026-01-05T00:00:00Z", "eeeeeeeeeee5")
        .unwrap();
    dir.changeset(&m, NewRevision::empty_body(), None)
        .unwrap()
        .commit(&lock(f.root()))
        .unwrap();
    let dir = MigrationDir::load(f.root()).unwrap();
    let base = dir
        .plan_new_revision("new base", &[], "2025-12-31T00:00:00Z", "fffffffffff6")
        .unwrap();
    dir.changeset(&base, NewRevision::empty_body(), None)
        .unwrap()
        .commit(&lock(f.root()))
        .unwrap();
    let lib = f.read("src/lib.rs");
    assert_eq!(
        entries(&lib),
        [
            base.module.as_str(),
            A,
            B,
            d.module.as_str(),
            C,
            m.module.as_str()
        ]
    );
    // Everything else in the file is kept.
    assert!(lib.starts_with("pub use sea_orm_migration::prelude::*;\n\n"));
    assert!(lib.ends_with("        ]\n    }\n}\n"));
    let dir = MigrationDir::load(f.root()).unwrap();
    let problems = dir.validate();
    // Two bases, so two heads; the snapshot is at one of them.
    assert_eq!(problems.len(), 1, "{}", messages(&problems));
    assert!(matches!(problems[0], RevisionError::MultipleHeads { .. }));
    assert_eq!(dir.history().unwrap().len(), 6);
}

#[test]
fn commit_is_all_or_nothing_when_a_write_fails() {
    let f = linear();
    let dir = MigrationDir::load(f.root()).unwrap();
    let rev = dir
        .plan_new_revision("add email", &[IC], T4, "0123456789ab")
        .unwrap();
    let mut changes = dir
        .changeset(&rev, NewRevision::empty_body(), Some(&users()))
        .unwrap();
    // A write whose parent is a file fails for any user, root included.
    fs::write(f.root().join("blocker"), "a file").unwrap();
    changes.push(f.root().join("blocker/inner/x.rs"), "x", Expect::Absent);
    let before = f.tree();
    let err = changes.commit(&lock(f.root())).unwrap_err();
    assert!(matches!(err, RevisionError::Commit { .. }), "{err}");
    assert!(err.to_string().ends_with("\nnothing was written"), "{err}");
    assert_eq!(f.tree(), before, "the directory changed");
}

#[test]
fn commit_rolls_back_renames_already_done() {
    let f = linear();
    let dir = MigrationDir::load(f.root()).unwrap();
    let rev = dir
        .plan_new_revision("add email", &[IC], T4, "0123456789ab")
        .unwrap();
    let mut changes = dir
        .changeset(&rev, NewRevision::empty_body(), Some(&users()))
        .unwrap();
    // file, lib.rs, schema.json: fail on the last, after two renames.
    changes.fail_rename_at(2);
    let before = f.tree();
    assert!(changes.commit(&lock(f.root())).is_err());
    assert_eq!(f.tree(), before, "the directory changed");
}

#[test]
fn commit_refuses_files_changed_since_planning() {
    let f = linear();
    let dir = MigrationDir::load(f.root()).unwrap();
    let rev = dir
        .plan_new_revision("add email", &[IC], T4, "0123456789ab")
        .unwrap();
    let changes = dir
        .changeset(&rev, NewRevision::empty_body(), None)
        .unwrap();
    f.lib(&[A, B, C, D]);
    let before = f.tree();
    let err = changes.commit(&lock(f.root())).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: changed since it was read; nothing was written, run the command again",
            f.root().join("src/lib.rs").display()
        )
    );
    assert_eq!(f.tree(), before);
    let mut create = Changeset::new();
    create.push(f.src(A), "x", Expect::Absent);
    assert!(matches!(
        create.commit(&lock(f.root())),
        Err(RevisionError::AlreadyExists { .. })
    ));
}

#[test]
fn scaffold_writes_a_migration_crate() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("migrations");
    let options = ScaffoldOptions {
        runtime_path: Some("../crates/autogen-migration".into()),
        ..ScaffoldOptions::default()
    };
    let changes = scaffold(&root, &options).unwrap();
    fs::create_dir(&root).unwrap();
    changes.commit(&lock(&root)).unwrap();
    let cargo = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(cargo.contains("name = \"migration\""), "{cargo}");
    assert!(
        cargo.contains(
            "autogen-migration = { path = \"../crates/autogen-migration\", features = [\"sqlx-postgres\", \"sqlx-mysql\", \"sqlx-sqlite\", \"runtime-tokio-rustls\"] }"
        ),
        "{cargo}"
    );
    assert!(
        cargo.contains("[dependencies.sea-orm-migration]\nversion = \"2.0\""),
        "{cargo}"
    );
    for feature in [
        "runtime-tokio-rustls",
        "sqlx-postgres",
        "sqlx-mysql",
        "sqlx-sqlite",
    ] {
        assert!(cargo.contains(&format!("\"{feature}\"")), "{cargo}");
    }
    let main = fs::read_to_string(root.join("src/main.rs")).unwrap();
    assert!(
        main.contains("cli::run_cli(migration::Migrator).await;"),
        "{main}"
    );

    let dir = MigrationDir::load(&root).unwrap();
    assert!(dir.validate().is_empty() && dir.graph().is_empty() && dir.snapshot().is_none());
    let rev = dir
        .plan_new_revision("initial", &[], T1, "0123456789ab")
        .unwrap();
    dir.changeset(&rev, NewRevision::empty_body(), Some(&users()))
        .unwrap()
        .commit(&lock(&root))
        .unwrap();
    let dir = MigrationDir::load(&root).unwrap();
    assert!(dir.validate().is_empty(), "{}", messages(&dir.validate()));
    let lib = fs::read_to_string(root.join("src/lib.rs")).unwrap();
    assert!(
        lib.contains(&format!(
            "prelude::*;\n\nmod {};\n\npub struct Migrator;",
            rev.module
        )),
        "{lib}"
    );

    // Not over an existing crate.
    assert!(matches!(
        scaffold(&root, &options),
        Err(RevisionError::AlreadyExists { .. })
    ));
}

#[test]
fn failed_scaffold_removes_the_directories_it_created() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("migrations");
    fs::create_dir(&root).unwrap();
    let mut changes = scaffold(&root, &ScaffoldOptions::default()).unwrap();
    changes.push(root.join("src/a/b/c.rs"), "x", Expect::Absent);
    fs::write(tmp.path().join("file"), "").unwrap();
    changes.push(tmp.path().join("file/x"), "x", Expect::Any);
    assert!(changes.commit(&lock(&root)).is_err());
    assert!(!root.join("src").exists());
    assert!(!root.join("Cargo.toml").exists());
}
