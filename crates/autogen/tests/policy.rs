//! The hazard policy (issue 14, item 2) and `autogen lint` (item 3), end to end: the real
//! binary in a temp project whose models are a JSON file. Refusals write nothing; an
//! allowance is recorded in the file's header; `check` and `lint` fail on a file whose
//! hazards exceed the policy and its recorded allowance. (The pre-checks run on the
//! databases in autogen-render's `prechecks` test.)

mod common;

use common::*;
use serde_json::Value;

/// A project at its first revision: `users(id, name varchar(100), email text NULL)`.
fn with_email() -> Project {
    let p = Project::init(&users_with_email());
    p.revision("users", &[]);
    p
}

fn write_config(p: &Project, extra: &str) {
    std::fs::write(
        p.path().join("autogen.toml"),
        format!("[models]\ncommand = \"cat models.json\"\n{extra}"),
    )
    .unwrap();
}

#[test]
fn revision_refuses_a_drop_naming_the_step_its_hazards_and_the_flag() {
    let p = with_email();
    p.set_models(&users());
    let before = p.tree();
    let o = p.run(&["revision", "-m", "drop email"]);
    assert_clean_error(&o, "the hazard policy does not allow 1 step(s)");
    let err = stderr(&o);
    assert!(err.contains("drop column users.email"), "{err}");
    assert!(
        err.contains("drop-column (deletes-data, backward-incompatible)"),
        "{err}"
    );
    assert!(err.contains("--allow drop-column"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_same_tree(&before, &p.tree(), "a refused revision");
}

#[test]
fn an_allowance_is_recorded_in_the_header_and_only_where_used() {
    let p = Project::init(&users_with_email());
    let first = p.revision("users", &[]);
    assert!(!first.text.contains("//! Allowed:"), "{}", first.text);

    p.set_models(&users());
    let dropped = p.revision("drop email", &["--allow", "drop-column,rename"]);
    let header: Vec<&str> = dropped
        .text
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .collect();
    assert!(
        header.contains(&"//! Allowed: drop-column (--allow)"),
        "only what the file uses, and from where: {header:#?}"
    );

    // From autogen.toml: the same line names it.
    write_config(&p, "[policy]\nallow = [\"rename\"]\n");
    // Add the column back, then rename it.
    p.set_models(&users_with_email());
    let added = p.revision("email again", &[]);
    assert!(!added.text.contains("//! Allowed:"), "{}", added.text);
    p.set_models(&users_with_mail());
    let renamed = p.revision("rename email", &["--rename", "users.email=mail"]);
    assert!(
        renamed
            .text
            .contains("//! Allowed: rename (autogen.toml [policy])"),
        "{}",
        renamed.text
    );

    // Everything recorded: check and lint agree with the policy.
    let check = p.run(&["check", "--no-database"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let lint = p.run(&["lint"]);
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
    assert!(
        stdout(&lint).contains("allowed: drop-column"),
        "{}",
        stdout(&lint)
    );
}

#[test]
fn narrowing_needs_its_own_allowance() {
    let p = with_email();
    let mut narrow: Value = users_with_email();
    narrow["tables"]["users"]["columns"][1]["type"]["length"] = 10.into();
    p.set_models(&narrow);
    let o = p.run(&["revision", "-m", "narrow name", "--allow", "drop-column"]);
    assert_clean_error(&o, "--allow narrowing");
    let ok = p.revision("narrow name", &["--allow", "narrowing"]);
    assert!(
        ok.text.contains("//! Allowed: narrowing (--allow)"),
        "{}",
        ok.text
    );
}

#[test]
fn check_and_lint_fail_on_a_file_beyond_the_policy() {
    let p = with_email();
    p.set_models(&users());
    let dropped = p.revision("drop email", &["--allow", "drop-column"]);
    // The allowance line removed by hand: the file now exceeds the (empty) policy.
    let edited = dropped
        .text
        .replace("//! Allowed: drop-column (--allow)\n", "");
    assert_ne!(edited, dropped.text);
    std::fs::write(&dropped.path, &edited).unwrap();

    let check = p.run(&["check", "--no-database"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let out = stdout(&check);
    assert!(out.contains("exceed the hazard policy"), "{out}");
    assert!(out.contains("drop-column"), "{out}");
    let json = p.run(&["check", "--no-database", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    assert!(stdout(&json).contains("\"policy\""), "{}", stdout(&json));

    let lint = p.run(&["lint"]);
    assert_eq!(lint.status.code(), Some(1), "{}", stderr(&lint));
    assert!(
        stdout(&lint).contains("error (not allowed): drop-column"),
        "{}",
        stdout(&lint)
    );
    // The policy in autogen.toml allows it again.
    write_config(&p, "[policy]\nallow = [\"drop-column\"]\n");
    assert_eq!(p.run(&["check", "--no-database"]).status.code(), Some(0));
    assert_eq!(p.run(&["lint"]).status.code(), Some(0));
    // So does --allow, for lint.
    write_config(&p, "");
    assert_eq!(
        p.run(&["lint", "--allow", "drop-column"]).status.code(),
        Some(0)
    );
}

#[test]
fn unknown_allowances_are_errors_naming_where() {
    let p = with_email();
    let help = p.run(&["lint", "--allow", "help"]);
    assert_eq!(help.status.code(), Some(0));
    for name in [
        "drop-table",
        "drop-column",
        "rename",
        "narrowing",
        "lossy-conversion",
        "drop-enum-value",
    ] {
        assert!(stdout(&help).contains(name), "{}", stdout(&help));
    }
    let o = p.run(&["revision", "-m", "x", "--allow", "drop-colum"]);
    assert_clean_error(&o, "--allow: unknown allowance drop-colum");
    assert!(stderr(&o).contains("drop-column"), "{}", stderr(&o));
    write_config(&p, "[policy]\nallow = [\"everything\"]\n");
    let o = p.run(&["check", "--no-database"]);
    assert_clean_error(
        &o,
        "autogen.toml: [policy] allow: unknown allowance everything",
    );
    write_config(&p, "[policy]\ndeny = []\n");
    assert_eq!(p.run(&["lint"]).status.code(), Some(2));
}

/// A hand-written SQL script and Rust migration.
const SCRIPT: &str = "CREATE TABLE tags (id int PRIMARY KEY);\n\
    CREATE INDEX tags_id ON tags (id);\n\
    -- an index on an existing table\n\
    CREATE INDEX users_name ON users (name);\n\
    ALTER TABLE users DROP COLUMN email;\n";

const HAND_WRITTEN: &str = r##"use sea_orm_migration::prelude::*;

pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Users::Table).rename_column(Users::Email, Users::Mail).to_owned())
            .await?;
        manager.get_connection().execute_unprepared(r#"ALTER TABLE users ALTER COLUMN name SET NOT NULL"#).await?;
        Ok(())
    }
}
"##;

#[test]
fn lint_reads_hand_written_files_in_each_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("0001_x.sql"), SCRIPT).unwrap();
    std::fs::write(dir.path().join("m20260101_000000_rename.rs"), HAND_WRITTEN).unwrap();

    // Outside any project: files need none.
    let text = autogen(
        dir.path(),
        &["lint", "0001_x.sql", "m20260101_000000_rename.rs"],
    );
    assert_eq!(text.status.code(), Some(1), "{}", stderr(&text));
    let out = stdout(&text);
    assert!(out.contains("0001_x.sql:4: warning: create-index"), "{out}");
    assert!(
        !out.contains("0001_x.sql:2:"),
        "an index on a new table: {out}"
    );
    assert!(
        out.contains("0001_x.sql:5: error (not allowed): drop-column"),
        "{out}"
    );
    assert!(
        out.contains("squawk: ban-drop-column; Atlas: DS103"),
        "{out}"
    );
    assert!(
        out.contains("m20260101_000000_rename.rs:9: error (not allowed): rename"),
        "{out}"
    );
    assert!(
        out.contains("m20260101_000000_rename.rs:11: warning: set-not-null"),
        "{out}"
    );
    assert!(
        out.contains("2 file(s), 4 finding(s), 2 beyond the policy"),
        "{out}"
    );

    let json = autogen(dir.path(), &["lint", ".", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["violations"], 2);
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    let sql = &v["files"][0];
    assert_eq!(sql["kind"], "sql");
    assert_eq!(sql["findings"][1]["rule"], "drop-column");
    assert_eq!(sql["findings"][1]["line"], 5);
    assert_eq!(sql["findings"][1]["violation"], true);
    assert_eq!(
        sql["findings"][0]["squawk"],
        "require-concurrent-index-creation"
    );
    assert_eq!(v["files"][1]["kind"], "hand-written");

    let gh = autogen(
        dir.path(),
        &[
            "lint",
            "0001_x.sql",
            "--format",
            "github",
            "--allow",
            "drop-column",
        ],
    );
    assert_eq!(gh.status.code(), Some(0), "allowed: {}", stdout(&gh));
    let lines: Vec<String> = stdout(&gh).lines().map(String::from).collect();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0]
            .starts_with("::warning file=0001_x.sql,line=4,title=autogen lint%3A create-index::"),
        "{lines:#?}"
    );
    assert!(
        lines[1]
            .starts_with("::warning file=0001_x.sql,line=5,title=autogen lint%3A drop-column::"),
        "{lines:#?}"
    );
    let gh = autogen(dir.path(), &["lint", "0001_x.sql", "--format", "github"]);
    assert_eq!(gh.status.code(), Some(1));
    assert!(
        stdout(&gh).contains("::error file=0001_x.sql,line=5,"),
        "{}",
        stdout(&gh)
    );
}

#[test]
fn lint_on_bad_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "DROP TABLE x;").unwrap();
    std::fs::write(dir.path().join("bad.sql"), [0xffu8, 0xfe, b';']).unwrap();
    assert_clean_error(
        &autogen(dir.path(), &["lint", "notes.txt"]),
        "notes.txt: not a migration file",
    );
    assert_clean_error(
        &autogen(dir.path(), &["lint", "bad.sql"]),
        "bad.sql: not UTF-8",
    );
    // Not a file: a revision, which needs a project.
    assert_eq!(
        autogen(dir.path(), &["lint", "missing.sql"]).status.code(),
        Some(2)
    );
    let p = with_email();
    assert_clean_error(&p.run(&["lint", "fedcba987654"]), "fedcba987654");
    // A revision and `REV..` by id.
    let first = p.migration_files()[0].clone();
    let id = Revision::read(&first).id;
    let o = p.run(&["lint", &id]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 file(s)"), "{}", stdout(&o));
    let o = p.run(&["lint", &format!("{id}..")]);
    assert!(stdout(&o).contains("0 file(s)"), "{}", stdout(&o));
}
