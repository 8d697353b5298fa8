//! Concurrent and killed runs of the writing commands, and the graph messages that follow:
//! the real binary on a temp project.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use autogen_revisions::{DirLock, MigrationDir, NewRevision, RevisionError};
use common::*;

fn spawn_revision(p: &Project, message: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_autogen"))
        .args(["revision", "--empty", "-m", message])
        .current_dir(p.path())
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run autogen")
}

/// The directory as the library sees it: problems, and the number of heads.
fn state(p: &Project) -> (Vec<RevisionError>, usize) {
    let dir = MigrationDir::load(p.migrations()).unwrap();
    (dir.validate(), dir.heads().len())
}

#[test]
fn concurrent_revisions_lose_no_file_and_leave_none_unregistered() {
    let p = Project::init(&users());
    p.revision("initial", &[]);
    for (round, message) in ["same", "same", "other"].into_iter().enumerate() {
        let before = p.migration_files().len();
        let children: Vec<Child> = (0..6).map(|_| spawn_revision(&p, message)).collect();
        let mut won = 0;
        for child in children {
            let o = child.wait_with_output().unwrap();
            match o.status.code() {
                Some(0) => won += 1,
                _ => {
                    // The loser says why and by whom, and wrote nothing.
                    assert_clean_error(&o, "the migration directory is locked by process ");
                    assert!(
                        error_line(&o).contains("(autogen revision, since "),
                        "{}",
                        stderr(&o)
                    );
                }
            }
        }
        assert!(won >= 1, "round {round}: nobody won");
        assert_eq!(
            p.migration_files().len(),
            before + won,
            "round {round}: a success without its file, or a file without a success"
        );
        let (problems, heads) = state(&p);
        assert!(
            problems.is_empty(),
            "round {round}: {}",
            problems
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert_eq!(heads, 1, "round {round}: the winners form a line");
        let check = p.run(&["check"]);
        assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    }
}

#[test]
fn a_killed_revision_leaves_a_state_check_explains_and_init_repairs() {
    let p = Project::init(&users());
    p.revision("initial", &[]);
    // How long a run takes, to spread the kills over it.
    let start = Instant::now();
    let o = spawn_revision(&p, "timing").wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let span = start.elapsed().as_micros() as u64;
    let runs = 16;
    for i in 0..runs {
        let mut child = spawn_revision(&p, &format!("killed {i}"));
        std::thread::sleep(Duration::from_micros(span * i / runs));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever was interrupted, git sees no stray file: only `.autogen/` holds them.
        for entry in std::fs::read_dir(p.src())
            .unwrap()
            .chain(std::fs::read_dir(p.migrations()).unwrap())
        {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".tmp"), "run {i}: {name}");
        }
        let (problems, _) = state(&p);
        match problems.as_slice() {
            [] => {}
            [RevisionError::Interrupted { .. }] => {
                let check = p.run(&["check"]);
                assert_eq!(check.status.code(), Some(1));
                assert!(
                    stdout(&check).contains("run `autogen init` to finish it"),
                    "{}",
                    stdout(&check)
                );
                let init = p.run(&["init"]);
                assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
                assert!(
                    stderr(&init).contains("note: finished an interrupted write of "),
                    "{}",
                    stderr(&init)
                );
                assert!(state(&p).0.is_empty());
            }
            other => panic!(
                "run {i}: {}",
                other
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
        let check = p.run(&["check"]);
        assert_eq!(check.status.code(), Some(0), "run {i}: {}", stdout(&check));
    }
}

#[test]
fn check_names_an_interrupted_write_and_init_finishes_it() {
    let p = Project::init(&users());
    p.revision("initial", &[]);
    // A crash right after the first file was moved into place.
    let dir = MigrationDir::load(p.migrations()).unwrap();
    let head = dir.heads()[0].id.clone();
    let rev = dir
        .plan_new_revision("crashed", &[&head], "2030-01-01T00:00:00Z", "0123456789ab")
        .unwrap();
    let mut changes = dir
        .changeset(&rev, NewRevision::empty_body(), None)
        .unwrap();
    changes.crash_after(changes.writes().len() + 2);
    let lock = DirLock::acquire(p.migrations(), "test").unwrap();
    assert!(changes.commit(&lock).is_err());
    drop(lock);

    let check = p.run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let out = stdout(&check);
    assert!(
        out.contains(&format!(
            "{}: an autogen write was interrupted; in place: {}; not yet: ",
            p.migrations().join(".autogen/journal").display(),
            rev.path.display()
        )),
        "{out}"
    );
    assert!(out.contains("run `autogen init` to finish it"), "{out}");
    assert!(out.ends_with("1 problem(s) found\n"), "{out}");

    let init = p.run(&["init"]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    let check = p.run(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(p.lib_rs().contains(&format!("mod {};", rev.module)));
}

#[test]
fn heads_and_history_refuse_a_cycle() {
    let p = Project::init(&users());
    let a = p.revision("a", &[]);
    p.set_models(&users_with_email());
    let b = p.revision("b", &[]);
    // a ↔ b: neither is a base, neither a head.
    a.set_parents(&[&b.id]);
    for command in ["heads", "history"] {
        let o = p.run(&[command]);
        assert_clean_error(&o, "revisions form a cycle: ");
        assert!(stdout(&o).is_empty(), "{command}: {}", stdout(&o));
    }
}

#[test]
fn init_repairs_the_lost_lib_rs_it_advises_about() {
    let p = Project::init(&users());
    p.revision("a", &[]);
    p.set_models(&users_with_email());
    p.revision("b", &[]);
    std::fs::remove_file(p.src().join("lib.rs")).unwrap();
    let heads = p.run(&["heads"]);
    assert_clean_error(
        &heads,
        "restore it from version control, or run `autogen init`",
    );
    let init = p.run(&["init"]);
    assert_eq!(init.status.code(), Some(0), "{}", stderr(&init));
    assert!(
        stdout(&init).contains("registering 2 migration file(s)"),
        "{}",
        stdout(&init)
    );
    let check = p.run(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn check_counts_each_problem_of_the_graph() {
    let p = Project::init(&users());
    let a = p.revision("a", &[]);
    let lib = p.lib_rs().replace(
        &format!("mod {};", a.module),
        &format!("mod {m};\nmod {m};", m = a.module),
    );
    std::fs::write(p.src().join("lib.rs"), lib).unwrap();
    std::fs::write(p.src().join(".lib.rs.autogen-77-0.tmp"), "half").unwrap();
    let check = p.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let out = stdout(&check);
    assert!(out.contains("has a second `mod` declaration"), "{out}");
    assert!(
        out.contains("temporary file left by an interrupted"),
        "{out}"
    );
    assert!(out.ends_with("2 problem(s) found\n"), "{out}");
}
