//! What a newcomer meets in the first hour besides the README (tests/readme.rs): every
//! command's `--help` has examples, and autogen finds its project from a member crate,
//! says clearly when there is none, and `init` makes its project where it runs.

mod example;

use example::{autogen, example_copy, text};

#[test]
fn every_command_has_examples_in_its_help() {
    let dir = tempfile::tempdir().unwrap();
    let help = autogen(dir.path(), &["--help"]);
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    assert!(help.contains("Examples:"), "{help}");
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 10, "{commands:?}");
    for command in commands {
        let o = autogen(dir.path(), &[command, "--help"]);
        let help = String::from_utf8_lossy(&o.stdout);
        let examples = help.split("Examples:").nth(1).unwrap_or_default();
        assert!(
            examples.contains(&format!("autogen {command}")),
            "`autogen {command} --help` shows no example of itself:\n{help}"
        );
    }
}

#[test]
fn check_help_says_what_database_it_compares_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let o = autogen(dir.path(), &["check", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(
        help.contains("DATABASE_URL") && help.contains("[database] url"),
        "{help}"
    );
}

#[test]
fn autogen_works_on_the_project_from_a_member_crate() {
    let (_tmp, root) = example_copy();
    let at_root = autogen(&root, &["heads"]);
    assert_eq!(at_root.status.code(), Some(0), "{}", text(&at_root));
    for member in [root.join("models/src"), root.join("migrations")] {
        let o = autogen(&member, &["heads"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert_eq!(o.stdout, at_root.stdout, "from {}", member.display());
        let o = autogen(&member, &["check", "--no-database"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    }
}

#[test]
fn a_relative_sqlite_url_in_autogen_toml_is_relative_to_its_directory() {
    let (_tmp, root) = example_copy();
    let config = std::fs::read_to_string(root.join("autogen.toml")).unwrap();
    std::fs::write(
        root.join("autogen.toml"),
        format!("{config}\nurl = \"sqlite://app.sqlite\"\n"),
    )
    .unwrap();
    // From a member crate, the missing file is named beside autogen.toml, not in models/.
    let o = autogen(&root.join("models"), &["current"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let expected = format!("no file {}", root.join("app.sqlite").display());
    assert!(text(&o).contains(&expected), "{expected}: {}", text(&o));
}

#[test]
fn outside_a_project_autogen_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["revision", "-m", "x"][..],
        &["check"],
        &["heads"],
        &["current"],
        &["inspect", "--models"],
        &["diff", "--from", "empty", "--to", "models"],
    ] {
        let o = autogen(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(
            err.trim_end(),
            format!(
                "error: not in an autogen project (no autogen.toml in {} or a parent directory); run `autogen init`",
                dir.path().display()
            ),
            "{args:?}"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "{args:?} wrote nothing"
        );
    }
    // What needs no project works anywhere.
    let o = autogen(
        dir.path(),
        &["diff", "--from", "empty", "--to", "empty", "--exit-code"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // `--project DIR` names the project exactly: no search upward.
    let nested = dir.path().join("sub");
    std::fs::create_dir(&nested).unwrap();
    std::fs::write(dir.path().join("autogen.toml"), "").unwrap();
    let o = autogen(
        dir.path(),
        &["--project", nested.to_str().unwrap(), "heads"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("not an autogen project (no autogen.toml in"),
        "{}",
        text(&o)
    );
}

#[test]
fn init_makes_its_project_where_it_runs_even_inside_another() {
    let (_tmp, root) = example_copy();
    let service = root.join("service");
    std::fs::create_dir(&service).unwrap();
    let parent_config = std::fs::read(root.join("autogen.toml")).unwrap();
    let o = autogen(&service, &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(service.join("autogen.toml").is_file(), "{}", text(&o));
    assert!(
        service.join("migrations/src/lib.rs").is_file(),
        "{}",
        text(&o)
    );
    assert_eq!(
        std::fs::read(root.join("autogen.toml")).unwrap(),
        parent_config
    );
    // From then on, service/ is the nearest project.
    let o = autogen(&service.join("migrations"), &["heads"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        !String::from_utf8_lossy(&o.stdout).contains("230dfefce38f"),
        "{}",
        text(&o)
    );
}
