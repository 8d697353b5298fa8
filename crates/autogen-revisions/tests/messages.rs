//! Problems reported as what they are: no false lead next to the real one, and the real
//! file, line and column.

mod common;

use std::fs;

use autogen_revisions::{MigrationDir, RevisionError, ScaffoldOptions, scaffold};
use common::*;

#[test]
fn a_malformed_parents_line_adds_no_second_head() {
    let f = linear();
    let text = f
        .read(&format!("src/{B}.rs"))
        .replace(&format!("//! Parents: {IA}"), "//! Parents: aaaaaaaaaa1");
    fs::write(f.src(B), text).unwrap();
    let dir = MigrationDir::load(f.root()).unwrap();
    let problems = dir.validate();
    assert_eq!(problems.len(), 1, "{}", messages(&problems));
    assert_eq!(
        problems[0].to_string(),
        format!(
            "{}:2: malformed revision header: parent \"aaaaaaaaaa1\" is neither a 12-hex-digit id nor a migration module name (until it is fixed, the graph's heads are unknown and are not checked)",
            f.src(B).display()
        )
    );
    // The commands that show the graph's shape refuse rather than show two heads.
    assert_eq!(dir.structure_problems().len(), 1);
}

#[test]
fn a_misspelled_revision_line_is_not_a_hand_written_migration() {
    let f = linear();
    for bad in ["//! Revison:", "//! revision:", "//!Revision :"] {
        let text = f
            .read(&format!("src/{B}.rs"))
            .replacen("//! Revision:", bad, 1);
        fs::write(f.src(B), &text).unwrap();
        let dir = MigrationDir::load(f.root()).unwrap();
        let problems = dir.validate();
        // Its id is still read, so its child reports no missing parent.
        assert_eq!(problems.len(), 1, "{bad}: {}", messages(&problems));
        assert!(
            problems[0].to_string().starts_with(&format!(
                "{}:1: malformed revision header: expected `//! Revision: …`",
                f.src(B).display()
            )),
            "{bad}: {}",
            problems[0]
        );
        assert!(!dir.graph().by_id(IB).unwrap().adopted, "{bad}");
        // Restore.
        fs::write(f.src(B), text.replacen(bad, "//! Revision:", 1)).unwrap();
    }
    // A doc comment is still a hand-written migration.
    f.hand_written(D);
    let dir = MigrationDir::load(f.root()).unwrap();
    assert!(dir.graph().by_module(D).unwrap().adopted);
}

#[test]
fn a_cycle_is_reported_once_without_false_leads() {
    // a is the only revision outside the cycle b ↔ c: it looks like "the head".
    let f = Fixture::new();
    f.revision(A, IA, &[], T1);
    f.revision(B, IB, &[IC], T2);
    f.revision(C, IC, &[IB], T3);
    f.lib(&[A, B, C]);
    f.snapshot(IC);
    let dir = MigrationDir::load(f.root()).unwrap();
    let problems = dir.validate();
    assert_eq!(problems.len(), 1, "{}", messages(&problems));
    assert!(
        matches!(problems[0], RevisionError::Cycle { .. }),
        "{}",
        problems[0]
    );
    assert!(
        dir.structure_problems()
            .iter()
            .any(|p| matches!(p, RevisionError::Cycle { .. }))
    );
}

#[test]
fn duplicate_lib_rs_registrations_are_reported() {
    let f = linear();
    let lib = f.root().join("src/lib.rs");
    let text = f
        .read("src/lib.rs")
        .replace(&format!("mod {B};\n"), &format!("mod {B};\nmod {B};\n"))
        .replace(
            &format!("            Box::new({C}::Migration),\n"),
            &format!(
                "            Box::new({C}::Migration),\n            Box::new({C}::Migration),\n"
            ),
        );
    fs::write(&lib, text).unwrap();
    let msg = messages(&MigrationDir::load(f.root()).unwrap().validate());
    assert_eq!(
        msg,
        format!(
            "{lib}:5: {B} has a second `mod` declaration (the first is on line 4); delete one\n\
             {lib}:17: {C} has a second `migrations()` entry (the first is on line 16); delete one",
            lib = lib.display()
        )
    );
}

#[test]
fn snapshot_errors_point_into_the_file_as_written() {
    let f = linear();
    let path = f.root().join("schema.json");
    let text = f.read("schema.json");
    // A wrong type on the fourth line of the pretty-printed file.
    let bad = text.replacen("\"tables\": {}", "\"tables\": 7", 1);
    assert_ne!(bad, text);
    let line = bad
        .lines()
        .position(|l| l.contains("\"tables\": 7"))
        .unwrap()
        + 1;
    fs::write(&path, &bad).unwrap();
    let msg = messages(&MigrationDir::load(f.root()).unwrap().validate());
    assert!(
        msg.starts_with(&format!("{}: invalid head snapshot:", path.display())),
        "{msg}"
    );
    assert!(msg.contains(&format!("at line {line} column ")), "{msg}");
}

#[test]
fn init_rewrites_a_lost_lib_rs_registering_the_files() {
    let f = linear();
    let before = f.read("src/lib.rs");
    fs::remove_file(f.root().join("src/lib.rs")).unwrap();
    fs::write(f.root().join("src/main.rs"), "fn main() {}\n").unwrap();
    let changes = scaffold(f.root(), &ScaffoldOptions::default()).unwrap();
    // Only what is missing: Cargo.toml and main.rs are kept.
    assert_eq!(changes.writes().len(), 1);
    changes.commit(&lock(f.root())).unwrap();
    let dir = MigrationDir::load(f.root()).unwrap();
    assert!(dir.validate().is_empty(), "{}", messages(&dir.validate()));
    let lib = f.read("src/lib.rs");
    for m in [A, B, C] {
        assert!(lib.contains(&format!("mod {m};")), "{lib}");
    }
    // The same layout `revision` writes: a fixture written that way comes back as it was.
    assert_eq!(lib, before);
    assert_eq!(f.read("src/main.rs"), "fn main() {}\n");
}
