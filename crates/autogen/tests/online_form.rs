//! The form of generated SQL (issue 14, item 1), end to end with the real binary: online
//! by default, `--no-online` and `[migrations] online = false` for the single-transaction
//! form, the choice and its reason in the file's header, and the runtime's timeouts at the
//! top of an online script. (The forms' SQL is applied on the servers in autogen-diff's
//! `online_applied` and `online_rerun` tests.)

mod common;

use common::*;
use serde_json::Value;

fn write_config(p: &Project, extra: &str) {
    std::fs::write(
        p.path().join("autogen.toml"),
        format!(
            "[models]\ncommand = \"cat models.json\"\n[migrations]\nbackends = [\"postgres\", \"mysql\", \"sqlite\"]\n{extra}"
        ),
    )
    .unwrap();
}

/// `users.email` made NOT NULL: a step on an existing table that has an online form.
fn email_required() -> Value {
    schema(vec![table(
        "users",
        vec![
            col("name", "varchar100", false),
            col("email", "text", false),
        ],
    )])
}

/// A project at its first revision (`users` created: no form to choose).
fn project(extra: &str) -> Project {
    let p = Project::init(&users_with_email());
    write_config(&p, extra);
    let first = p.revision("users", &[]);
    assert!(
        !first.text.contains("//! Form:"),
        "a new table needs no form: {}",
        first.text
    );
    p.set_models(&email_required());
    p
}

fn header(text: &str) -> Vec<&str> {
    text.lines().take_while(|l| l.starts_with("//!")).collect()
}

#[test]
fn the_online_form_is_the_default_and_the_header_says_so() {
    let p = project("");
    let file = p.revision("email required", &[]);
    let header = header(&file.text);
    assert!(
        header.contains(
            &"//! Form: online (the default; `--no-online` writes the single-transaction form)."
        ),
        "{header:#?}"
    );
    assert!(
        header
            .iter()
            .any(|l| l.starts_with("//! 1 step(s) on existing tables take no lock")),
        "{header:#?}"
    );
    assert!(file.text.contains("NOT VALID"), "{}", file.text);
    assert!(
        file.text
            .contains("fn use_transaction(&self) -> Option<bool> {\n        Some(false)"),
        "{}",
        file.text
    );
}

#[test]
fn no_online_and_the_config_switch_write_the_single_transaction_form() {
    let p = project("");
    let file = p.revision("email required", &["--no-online"]);
    let lines = header(&file.text);
    assert!(
        lines.contains(&"//! Form: single transaction (--no-online)."),
        "{lines:#?}"
    );
    assert!(!file.text.contains("NOT VALID"), "{}", file.text);
    assert!(!file.text.contains("use_transaction"), "{}", file.text);

    let p = project("online = false\n");
    // `--online` overrides the project's choice for one revision.
    let sql = stdout(&p.run(&["revision", "-m", "x", "--sql", "postgres", "--online"]));
    assert!(sql.contains("NOT VALID"), "{sql}");
    let file = p.revision("email required", &[]);
    assert!(
        header(&file.text)
            .contains(&"//! Form: single transaction (autogen.toml [migrations] online = false)."),
        "{}",
        file.text
    );
    assert!(!file.text.contains("NOT VALID"), "{}", file.text);
}

#[test]
fn an_online_script_starts_with_the_runtime_timeouts() {
    let p = project("[runtime]\nlock_timeout = \"2s\"\n");
    let diff = |extra: &[&str]| {
        let mut args = vec![
            "diff",
            "--from",
            "migrations/schema.json",
            "--to",
            "models",
            "--format",
            "sql",
        ];
        args.extend_from_slice(extra);
        let o = p.run(&args);
        assert_eq!(o.status.code(), Some(0), "diff: {}", stderr(&o));
        stdout(&o)
    };
    let online = diff(&["--dialect", "postgres"]);
    assert!(
        online.contains("SET lock_timeout = '2000ms';\nSET statement_timeout = '0ms';\n"),
        "{online}"
    );
    assert!(online.contains("NOT VALID"), "{online}");
    let mysql = diff(&["--dialect", "mysql"]);
    assert!(
        mysql.contains("SET SESSION lock_wait_timeout = 2, innodb_lock_wait_timeout = 2;"),
        "{mysql}"
    );
    let plain = diff(&["--dialect", "postgres", "--no-online"]);
    assert!(!plain.contains("SET lock_timeout"), "{plain}");
    assert!(!plain.contains("NOT VALID"), "{plain}");
    assert!(plain.contains("SET NOT NULL"), "{plain}");
}

/// `users.token uuid NOT NULL DEFAULT gen_random_uuid()` added: by default without a
/// rewrite (the column, its default, the rows filled batch by batch, NOT NULL through a
/// validated check), outside a transaction; `--no-online` writes the rewriting
/// `ADD COLUMN … DEFAULT` and its hazard says so. (The SQL is applied on PostgreSQL in
/// autogen-diff's `online_applied`.)
#[test]
fn a_volatile_default_is_backfilled_instead_of_rewriting_the_table() {
    let with_token = || {
        let p = Project::init(&users_with_email());
        write_config(&p, "");
        p.revision("users", &[]);
        let mut token = col("token", "uuid", false);
        token["default"] = serde_json::json!({"kind": "function", "value": "gen_random_uuid"});
        p.set_models(&schema(vec![table(
            "users",
            vec![
                col("name", "varchar100", false),
                col("email", "text", true),
                token,
            ],
        )]));
        p
    };
    let file = with_token().revision("token", &[]);
    for form in [
        "ADD COLUMN IF NOT EXISTS \"token\" uuid",
        "SET DEFAULT gen_random_uuid()",
        "DO $autogen$",
        "SET NOT NULL",
        "fn use_transaction(&self) -> Option<bool> {\n        Some(false)",
    ] {
        assert!(file.text.contains(form), "{form}: {}", file.text);
    }
    // PostgreSQL's steps rewrite nothing (SQLite's rebuild is its only way).
    assert!(
        !header(&file.text)
            .iter()
            .any(|l| l.contains("postgres only") && l.contains("rewrites-table")),
        "{}",
        file.text
    );
    assert!(
        header(&file.text)
            .iter()
            .any(|l| l.starts_with("//! 2 step(s) on existing tables take no lock")),
        "{}",
        file.text
    );
    let plain = with_token().revision("token", &["--no-online"]);
    assert!(
        header(&plain.text)
            .iter()
            .any(|l| l.contains("add column users.token") && l.contains("rewrites-table")),
        "{}",
        plain.text
    );
    assert!(!plain.text.contains("DO $autogen$"), "{}", plain.text);
}
