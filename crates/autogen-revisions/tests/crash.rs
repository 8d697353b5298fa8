//! Crashes and concurrency: the lock, the commit journal, and what a crash at every step
//! of a commit leaves behind.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use autogen_revisions::{Changeset, DirLock, MigrationDir, NewRevision, RevisionError, STATE_DIR};
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

/// The files under the root, relative to it, without `.autogen/`.
fn relative_tree(f: &Fixture) -> BTreeMap<PathBuf, Vec<u8>> {
    f.tree()
        .into_iter()
        .map(|(p, b)| (p.strip_prefix(f.root()).unwrap().to_path_buf(), b))
        .collect()
}

/// A new revision on `linear()`, always the same id and time: equal runs give equal bytes.
fn planned(f: &Fixture) -> Changeset {
    let dir = MigrationDir::load(f.root()).unwrap();
    let rev = dir
        .plan_new_revision("add email", &[IC], T4, "0123456789ab")
        .unwrap();
    dir.changeset(&rev, NewRevision::empty_body(), Some(&users()))
        .unwrap()
}

fn leftovers(f: &Fixture) -> Vec<PathBuf> {
    let tmp = f.root().join(STATE_DIR).join("tmp");
    let mut out: Vec<PathBuf> = fs::read_dir(&tmp)
        .map(|e| e.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    let journal = f.root().join(STATE_DIR).join("journal");
    if journal.exists() {
        out.push(journal);
    }
    out
}

#[test]
fn a_crash_at_every_step_leaves_the_old_state_or_one_check_names_and_init_finishes() {
    let old = relative_tree(&linear());
    let new = {
        let f = linear();
        planned(&f).commit(&lock(f.root())).unwrap();
        relative_tree(&f)
    };
    assert_ne!(old, new);
    let steps = planned(&linear()).commit_steps();
    assert_eq!(steps, 8, "3 temps, journal, 3 moves, journal removal");
    let mut seen_interrupted = 0;
    for k in 1..steps {
        let f = linear();
        let mut changes = planned(&f);
        changes.crash_after(k);
        let lock = lock(f.root());
        assert!(changes.commit(&lock).is_err(), "step {k}");
        drop(lock); // the process died: the kernel releases its lock
        let after = relative_tree(&f);
        let problems = MigrationDir::load(f.root()).unwrap().validate();
        let committed = f.root().join(".autogen/journal").exists();
        if !committed {
            assert_eq!(after, old, "step {k}: changed before the commit point");
            assert!(problems.is_empty(), "step {k}: {}", messages(&problems));
        } else {
            // Past the commit point: exactly one problem, naming each file and the fix.
            seen_interrupted += 1;
            assert_eq!(problems.len(), 1, "step {k}: {}", messages(&problems));
            let RevisionError::Interrupted {
                journal,
                written,
                pending,
            } = &problems[0]
            else {
                panic!("step {k}: {}", problems[0]);
            };
            assert_eq!(journal, &f.root().join(".autogen/journal"));
            for path in written {
                let rel = path.strip_prefix(f.root()).unwrap();
                assert_eq!(after.get(rel), new.get(rel), "step {k}: {}", rel.display());
            }
            for path in pending {
                let rel = path.strip_prefix(f.root()).unwrap();
                assert_eq!(after.get(rel), old.get(rel), "step {k}: {}", rel.display());
            }
            assert_eq!(written.len() + pending.len(), 3, "step {k}");
            assert!(
                problems[0]
                    .to_string()
                    .ends_with("\nrun `autogen init` to finish it"),
                "{}",
                problems[0]
            );
        }
        // The next writing run (under the lock) finishes or discards: never a mixture.
        let lock = DirLock::acquire(f.root(), "test").unwrap();
        let done = lock.recover().unwrap();
        drop(lock);
        let recovered = relative_tree(&f);
        assert!(
            recovered == old || recovered == new,
            "step {k}: recovered to a third state"
        );
        assert_eq!(
            recovered == new,
            committed,
            "step {k}: a commit past its commit point must be finished"
        );
        assert_eq!(done.is_empty(), !committed, "step {k}: {done:?}");
        assert!(leftovers(&f).is_empty(), "step {k}: {:?}", leftovers(&f));
        let problems = MigrationDir::load(f.root()).unwrap().validate();
        assert!(problems.is_empty(), "step {k}: {}", messages(&problems));
    }
    // From the journal (step 4) to its removal (step 8): steps 4 to 7.
    assert_eq!(seen_interrupted, 4);
}

#[test]
fn temp_files_stay_in_the_ignored_state_dir() {
    let f = linear();
    let mut changes = planned(&f);
    changes.crash_after(2);
    assert!(changes.commit(&lock(f.root())).is_err());
    // Only autogen's own directory holds leftovers, and git ignores all of it.
    assert_eq!(relative_tree(&f), relative_tree(&linear()));
    assert_eq!(leftovers(&f).len(), 2);
    let ignore = fs::read_to_string(f.root().join(".autogen/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
}

#[test]
fn temp_files_of_older_versions_are_named_and_deleted() {
    let f = linear();
    let stray = f.root().join("src/.lib.rs.autogen-4242-0.tmp");
    fs::write(&stray, "half").unwrap();
    let problems = MigrationDir::load(f.root()).unwrap().validate();
    assert_eq!(
        messages(&problems),
        format!(
            "{}: temporary file left by an interrupted autogen run; delete it (or run `autogen init`)",
            stray.display()
        )
    );
    let done = lock(f.root()).recover().unwrap();
    assert_eq!(done.len(), 1, "{done:?}");
    assert!(!stray.exists());
    assert!(MigrationDir::load(f.root()).unwrap().validate().is_empty());
}

#[test]
fn recovery_never_overwrites_a_file_edited_since_the_crash() {
    let f = linear();
    let mut changes = planned(&f);
    changes.crash_after(4); // three temps and the journal: nothing moved yet
    assert!(changes.commit(&lock(f.root())).is_err());
    fs::write(f.root().join("src/lib.rs"), "// edited by hand\n").unwrap();
    let before = f.tree();
    let problems = MigrationDir::load(f.root()).unwrap().validate();
    assert_eq!(problems.len(), 1, "{}", messages(&problems));
    let msg = problems[0].to_string();
    assert!(
        msg.contains(&format!(
            "cannot finish the interrupted write: {} changed since the interrupted write",
            f.root().join("src/lib.rs").display()
        )),
        "{msg}"
    );
    assert!(msg.contains("then delete"), "{msg}");
    let err = lock(f.root()).recover().unwrap_err();
    assert!(matches!(err, RevisionError::RecoveryFailed { .. }), "{err}");
    assert_eq!(f.tree(), before, "a failed recovery changed files");
}

#[test]
fn the_lock_is_exclusive_and_names_its_holder() {
    let f = linear();
    let held = DirLock::acquire(f.root(), "revision").unwrap();
    let err = DirLock::acquire(f.root(), "merge").unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, RevisionError::Locked { .. }), "{msg}");
    assert!(
        msg.contains(&format!(
            "is locked by process {} (autogen revision, since ",
            std::process::id()
        )),
        "{msg}"
    );
    assert!(msg.contains("nothing was written"), "{msg}");

    // A reader sees a journal under a held lock as a write in progress, not a crash.
    let mut changes = planned(&f);
    changes.crash_after(5);
    assert!(changes.commit(&held).is_err());
    let problems = MigrationDir::load(f.root()).unwrap().validate();
    assert!(
        matches!(problems.as_slice(), [RevisionError::WriteInProgress { .. }]),
        "{}",
        messages(&problems)
    );
    drop(held);
    let problems = MigrationDir::load(f.root()).unwrap().validate();
    assert!(
        matches!(problems.as_slice(), [RevisionError::Interrupted { .. }]),
        "{}",
        messages(&problems)
    );
    DirLock::acquire(f.root(), "merge")
        .unwrap()
        .recover()
        .unwrap();
    assert!(MigrationDir::load(f.root()).unwrap().validate().is_empty());
}

#[test]
fn a_new_file_never_replaces_one_that_appeared() {
    let f = linear();
    let changes = planned(&f);
    let target = changes.writes()[0].path.clone();
    fs::write(&target, "someone else's").unwrap();
    let before = f.tree();
    let err = changes.commit(&lock(f.root())).unwrap_err();
    assert!(matches!(err, RevisionError::AlreadyExists { .. }), "{err}");
    assert_eq!(f.tree(), before);
    assert!(leftovers(&f).is_empty());
}
