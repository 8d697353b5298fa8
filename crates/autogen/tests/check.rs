//! End-to-end tests of `autogen check` and `autogen current`: each kind of drift in each
//! format, against real files and a real SQLite database.

mod common;

use std::path::Path;
use std::process::Output;

use autogen_reflect::Database;
use common::*;
use serde_json::Value;

fn check(p: &Project, args: &[&str]) -> Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    p.run(&all)
}

/// Runs `check --format json ARGS`, expecting `code`; returns the parsed report.
fn check_json(p: &Project, args: &[&str], code: i32) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let o = check(p, &all);
    assert_eq!(o.status.code(), Some(code), "{}{}", stdout(&o), stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

fn kinds(report: &Value) -> Vec<&str> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["kind"].as_str().expect("kind"))
        .collect()
}

/// Runs `check ARGS` in text and markdown; both exit 1. Returns (text, markdown).
fn check_drift(p: &Project, args: &[&str]) -> (String, String) {
    let text = check(p, args);
    assert_eq!(
        text.status.code(),
        Some(1),
        "{}{}",
        stdout(&text),
        stderr(&text)
    );
    let mut md_args = vec!["--format", "markdown"];
    md_args.extend_from_slice(args);
    let md = check(p, &md_args);
    assert_eq!(md.status.code(), Some(1), "{}{}", stdout(&md), stderr(&md));
    let text = stdout(&text);
    assert!(
        !text.contains('\x1b'),
        "no colors when stdout is not a terminal: {text}"
    );
    // Both reports open with the database compared, then the drifts.
    let after_database_line = |report: &str| -> String {
        let (first, rest) = report.split_once('\n').unwrap_or((report, ""));
        assert!(first.starts_with("Database: "), "{report}");
        rest.trim_start_matches('\n').to_string()
    };
    (
        after_database_line(&text),
        after_database_line(&stdout(&md)),
    )
}

/// The fenced ```diff block of a markdown report.
fn diff_block(markdown: &str) -> &str {
    let start = markdown
        .find("```diff\n")
        .unwrap_or_else(|| panic!("no ```diff block: {markdown}"));
    let rest = &markdown[start + 8..];
    &rest[..rest.find("```").expect("closing fence")]
}

/// Two revisions: users, then users with email.
fn project_at_two_revisions() -> (Project, Revision, Revision) {
    let p = Project::init(&users());
    let first = p.revision("create users", &[]);
    p.set_models(&users_with_email());
    let second = p.revision("add email", &[]);
    (p, first, second)
}

#[test]
fn check_names_the_database_then_agrees_in_one_line() {
    let (p, _, second) = project_at_two_revisions();
    let o = check(&p, &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "Database: none compared (no --database, DATABASE_URL or [database] url)\nOK: the models and the migrations head {} agree\n",
            second.id
        )
    );

    let report = check_json(&p, &[], 0);
    assert_eq!(report["ok"], true);
    assert_eq!(report["head"], second.id.as_str());
    assert_eq!(report["problems"], serde_json::json!([]));
    assert_eq!(report["database"]["url"], Value::Null);

    let o = check(&p, &["--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    assert_eq!(md.lines().count(), 3, "{md}");
    assert!(md.starts_with("Database: none compared"), "{md}");
    assert!(md.lines().nth(2).unwrap().starts_with("✅"), "{md}");
    assert!(md.contains(&format!("`{}`", second.id)), "{md}");
}

#[test]
fn check_reports_models_edited_without_a_revision() {
    let (p, _, second) = project_at_two_revisions();
    p.set_models(&users_with_mail());
    let before = p.tree();

    let (text, md) = check_drift(&p, &[]);
    assert!(
        text.starts_with(&format!(
            "DRIFT: the models differ from the migrations head {}",
            second.id
        )),
        "{text}"
    );
    assert!(text.contains("--- migrations head"), "{text}");
    assert!(text.contains("+++ models"), "{text}");
    assert!(text.contains("\n-  \"email\" text"), "{text}");
    assert!(text.contains("\n+  \"mail\" text"), "{text}");
    assert!(text.contains("drop column users.email"), "{text}");
    assert!(text.contains("deletes-data"), "{text}");
    assert!(text.ends_with("1 problem(s) found\n"), "{text}");

    let diff = diff_block(&md);
    assert!(diff.contains("-  \"email\" text"), "{md}");
    assert!(diff.contains("+  \"mail\" text"), "{md}");
    assert!(md.starts_with("## ❌ autogen check: 1 problem(s)"), "{md}");
    assert!(md.contains("### the models differ"), "{md}");

    let report = check_json(&p, &[], 1);
    assert_eq!(report["ok"], false);
    assert_eq!(kinds(&report), ["models"]);
    let problem = &report["problems"][0];
    assert!(
        problem["diff"]
            .as_str()
            .unwrap()
            .contains("+  \"mail\" text"),
        "{problem}"
    );
    let ops: Vec<&str> = problem["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["description"].as_str().unwrap())
        .collect();
    assert!(
        ops.iter().any(|d| d.contains("drop column users.email")),
        "{ops:?}"
    );
    assert!(
        problem["operations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["hazards"]
                .as_array()
                .unwrap()
                .contains(&"deletes-data".into())),
        "{problem}"
    );

    assert_same_tree(&before, &p.tree(), "check writes nothing");
}

#[test]
fn check_reports_models_with_no_migrations_yet() {
    let p = Project::init(&users());
    let (text, md) = check_drift(&p, &[]);
    assert!(text.contains("the models have no migrations yet"), "{text}");
    assert!(text.contains("+CREATE TABLE \"users\""), "{text}");
    assert!(diff_block(&md).contains("+CREATE TABLE"), "{md}");
    assert_eq!(kinds(&check_json(&p, &[], 1)), ["models"]);
}

#[test]
fn check_reports_a_branched_graph() {
    let (p, _, second) = project_at_two_revisions();
    let other_module = format!("{}_other", second.module);
    p.branch_copy(&second, &other_module, "cccccccccccc", "other branch");

    let (text, md) = check_drift(&p, &[]);
    assert!(
        text.starts_with("DRIFT: the migration graph is broken\n"),
        "{text}"
    );
    assert!(text.contains("  2 heads: "), "{text}");
    assert!(text.contains(&format!("{}.rs", second.module)), "{text}");
    assert!(text.contains(&format!("{other_module}.rs")), "{text}");
    assert!(text.contains("autogen merge"), "{text}");
    assert!(text.ends_with("1 problem(s) found\n"), "{text}");
    assert!(md.contains("### the migration graph is broken"), "{md}");
    assert!(md.contains("- 2 heads: "), "{md}");
    assert!(
        !md.contains("```diff"),
        "no schema diff for a graph problem: {md}"
    );

    let report = check_json(&p, &[], 1);
    assert_eq!(kinds(&report), ["graph"]);
    let details = report["problems"][0]["details"].as_array().unwrap();
    assert!(
        details[0].as_str().unwrap().contains("cccccccccccc"),
        "{details:?}"
    );
}

#[test]
fn check_reports_a_missing_parent_and_a_model_edit() {
    let (p, _, second) = project_at_two_revisions();
    second.set_parents(&["ffffffffffff"]);
    p.set_models(&users_with_mail());
    let (text, md) = check_drift(&p, &[]);
    assert!(
        text.contains("names parent ffffffffffff, which no migration file declares"),
        "{text}"
    );
    assert!(text.ends_with("2 problem(s) found\n"), "{text}");
    assert!(md.contains("## ❌ autogen check: 2 problem(s)"), "{md}");
    assert_eq!(kinds(&check_json(&p, &[], 1)), ["graph", "models"]);
}

/// A SQLite file at `schema_json` (a head snapshot), with `applied` recorded in
/// `seaql_migrations` as sea-orm-migration does. Returns its URL.
async fn sqlite_database(p: &Project, schema_json: &Path, name: &str, applied: &[&str]) -> String {
    let o = p.run(&[
        "diff",
        "--from",
        "empty",
        "--to",
        schema_json.to_str().unwrap(),
        "--format",
        "sql",
        "--dialect",
        "sqlite",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let sql = stdout(&o);
    assert!(sql.contains("CREATE TABLE"), "{sql}");
    let url = format!("sqlite://{}?mode=rwc", p.path().join(name).display());
    let db = Database::connect(&url).await.unwrap();
    db.execute(&sql).await.unwrap();
    db.execute("CREATE TABLE seaql_migrations (version varchar PRIMARY KEY, applied_at bigint)")
        .await
        .unwrap();
    for (i, version) in applied.iter().enumerate() {
        db.execute(&format!(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('{version}', {})",
            1_700_000_000 + i
        ))
        .await
        .unwrap();
    }
    db.close().await;
    url
}

async fn execute(url: &str, sql: &str) {
    let db = Database::connect(url).await.unwrap();
    db.execute(sql).await.unwrap();
    db.close().await;
}

#[tokio::test]
async fn check_and_current_with_a_database_at_head() {
    let (p, first, second) = project_at_two_revisions();
    let url = sqlite_database(
        &p,
        &p.migrations().join("schema.json"),
        "app.sqlite",
        &[&first.module, &second.module],
    )
    .await;

    let o = check(&p, &["--database", &url]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "Database: {url} (from --database)\nOK: the models, the migrations head {} and the database agree\n",
            second.id
        )
    );
    let report = check_json(&p, &["--database", &url], 0);
    assert_eq!(report["ok"], true);

    let o = p.run(&["current", "--database", &url]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "{} -> {} (head), add email  [{}]\n",
            first.id, second.id, second.module
        )
    );

    // A column added by hand: the database differs from the models.
    execute(&url, "ALTER TABLE users ADD COLUMN extra text").await;
    let (text, md) = check_drift(&p, &["--database", &url]);
    assert!(
        text.starts_with("DRIFT: the database differs from the models (sqlite)\n"),
        "{text}"
    );
    assert!(text.contains("--- database\n+++ models"), "{text}");
    assert!(text.contains("\n-  \"extra\" text"), "{text}");
    assert!(text.contains("drop column users.extra"), "{text}");
    assert!(text.ends_with("1 problem(s) found\n"), "{text}");
    assert!(diff_block(&md).contains("-  \"extra\" text"), "{md}");
    let report = check_json(&p, &["--database", &url], 1);
    assert_eq!(kinds(&report), ["database"]);
    assert!(
        report["problems"][0]["diff"]
            .as_str()
            .unwrap()
            .contains("-  \"extra\" text")
    );
}

#[tokio::test]
async fn check_and_current_with_a_database_behind_the_head() {
    let p = Project::init(&users());
    let first = p.revision("create users", &[]);
    let at_first = p.path().join("at_first.json");
    std::fs::copy(p.migrations().join("schema.json"), &at_first).unwrap();
    p.set_models(&users_with_email());
    let second = p.revision("add email", &[]);

    // At the first revision, in schema and in seaql_migrations.
    let url = sqlite_database(&p, &at_first, "behind.sqlite", &[&first.module]).await;
    let (text, md) = check_drift(&p, &["--database", &url]);
    assert!(
        text.starts_with("DRIFT: the database is not at the migrations head (1 pending)\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  not applied: {} add email ({})",
            second.id, second.module
        )),
        "{text}"
    );
    assert!(
        text.contains("DRIFT: the database differs from the models"),
        "{text}"
    );
    assert!(text.contains("\n+  \"email\" text"), "{text}");
    assert!(text.ends_with("2 problem(s) found\n"), "{text}");
    assert!(
        md.contains("### the database is not at the migrations head (1 pending)"),
        "{md}"
    );
    assert!(
        md.contains(&format!("- not applied: {}", second.id)),
        "{md}"
    );
    assert!(diff_block(&md).contains("+  \"email\" text"), "{md}");
    let report = check_json(&p, &["--database", &url], 1);
    assert_eq!(kinds(&report), ["database_not_at_head", "database"]);
    assert_eq!(
        report["problems"][0]["details"][0],
        format!("not applied: {} add email ({})", second.id, second.module).as_str()
    );
    // A pending revision may be one that failed part-way: the report says how to finish it.
    let recovery = report["problems"][0]["details"][1].as_str().unwrap();
    assert!(
        recovery.contains("fix the cause and run `up` again"),
        "{recovery}"
    );
    assert!(
        recovery.contains("How to recover a half-applied revision"),
        "{recovery}"
    );

    let o = p.run(&["current", "--database", &url]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "<base> -> {}, create users  [{}]\n1 revision(s) not applied\n",
            first.id, first.module
        )
    );

    // The schema at head but the last migration not recorded: only "not at head".
    let url = sqlite_database(
        &p,
        &p.migrations().join("schema.json"),
        "unrecorded.sqlite",
        &[&first.module],
    )
    .await;
    let report = check_json(&p, &["--database", &url], 1);
    assert_eq!(kinds(&report), ["database_not_at_head"]);

    // A version with no file.
    let url = sqlite_database(
        &p,
        &p.migrations().join("schema.json"),
        "unknown.sqlite",
        &[&first.module, &second.module, "m20000101_000000_gone"],
    )
    .await;
    let report = check_json(&p, &["--database", &url], 1);
    assert_eq!(kinds(&report), ["database_not_at_head"]);
    assert!(
        report["problems"][0]["details"][0]
            .as_str()
            .unwrap()
            .contains("applied but has no migration file: m20000101_000000_gone"),
        "{report}"
    );
    assert_clean_error(
        &p.run(&["current", "--database", &url]),
        "applied migration m20000101_000000_gone, which has no file",
    );

    // Nothing applied at all: an empty database (a zero-byte file is one; `current` reads
    // and creates nothing).
    let empty_file = p.path().join("empty.sqlite");
    std::fs::write(&empty_file, b"").unwrap();
    let empty = format!("sqlite://{}", empty_file.display());
    let o = p.run(&["current", "--database", &empty]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "<base> (nothing applied)\n2 revision(s) not applied\n"
    );
}

#[test]
fn check_without_a_head_snapshot_is_not_agreement() {
    // A crate of hand-written migrations only (sea-orm-cli's), before `autogen init`
    // takes its head snapshot: nothing to compare the models with.
    let p = Project::init(&users());
    let module = "m20220101_000001_create_table";
    std::fs::write(
        p.src().join(format!("{module}.rs")),
        "use sea_orm_migration::prelude::*;\n",
    )
    .unwrap();
    let lib = p
        .lib_rs()
        .replace(
            "pub struct Migrator;",
            &format!("mod {module};\n\npub struct Migrator;"),
        )
        .replace("vec![]", &format!("vec![Box::new({module}::Migration)]"));
    std::fs::write(p.src().join("lib.rs"), lib).unwrap();

    let (text, md) = check_drift(&p, &[]);
    assert!(text.contains("schema.json is missing"), "{text}");
    assert!(text.contains("autogen init"), "{text}");
    assert!(md.contains("schema.json is missing"), "{md}");
    assert_eq!(kinds(&check_json(&p, &[], 1)), ["graph"]);

    // init adopts the crate, taking the snapshot from the models: then they agree.
    let o = p.run(&["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Adopted"), "{}", stdout(&o));
    assert_eq!(p.snapshot()["revision"], module);
    let o = check(&p, &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "Database: none compared (no --database, DATABASE_URL or [database] url)\nOK: the models and the migrations head {module} agree\n"
        )
    );
}

/// `check` compares the database the environment or autogen.toml names, not only the one
/// given with `--database`: a CI job that exports DATABASE_URL cannot pass without it.
#[tokio::test]
async fn check_compares_the_configured_database() {
    let (p, first, second) = project_at_two_revisions();
    // Behind the head: a drift whichever way the database is named.
    let url = sqlite_database(
        &p,
        &p.migrations().join("schema.json"),
        "behind.sqlite",
        &[&first.module],
    )
    .await;
    let with_env = |args: &[&str], value: &str| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        std::process::Command::new(env!("CARGO_BIN_EXE_autogen"))
            .args(&all)
            .current_dir(p.path())
            .env("DATABASE_URL", value)
            .output()
            .unwrap()
    };

    let o = with_env(&[], &url);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).starts_with(&format!("Database: {url} (from DATABASE_URL)\n")),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("not at the migrations head"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains(&second.module), "{}", stdout(&o));

    // --no-database says so and compares none.
    let o = with_env(&["--no-database"], &url);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).starts_with("Database: none compared (--no-database)\n"),
        "{}",
        stdout(&o)
    );

    // A URL that cannot be parsed or reached is an error, never an OK; no secret shows.
    for garbage in ["garbage", "postgres://u:S3CRET@127.0.0.1:1/db"] {
        let o = with_env(&[], garbage);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{garbage}: {}{}",
            stdout(&o),
            stderr(&o)
        );
        assert!(!stdout(&o).contains("OK"), "{}", stdout(&o));
        assert!(
            stderr(&o).lines().any(|l| l.starts_with("error: ")),
            "{}",
            stderr(&o)
        );
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!all.contains("S3CRET"), "{all}");
    }

    // [database] url in autogen.toml, when DATABASE_URL is not set.
    let toml = std::fs::read_to_string(p.path().join("autogen.toml")).unwrap_or_default();
    std::fs::write(
        p.path().join("autogen.toml"),
        format!("{toml}\n[database]\nurl = \"{url}\"\n"),
    )
    .unwrap();
    let o = check(&p, &[]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).starts_with(&format!(
            "Database: {url} (from [database] url in autogen.toml)\n"
        )),
        "{}",
        stdout(&o)
    );
    let report = check_json(&p, &[], 1);
    assert_eq!(report["database"]["url"], url.as_str());
    assert_eq!(kinds(&report), ["database_not_at_head"]);
}

/// Between a database and the models, `check` and `diff --to models` say under each
/// difference where to declare what the database has: the `Base` declaration SeaORM
/// attributes cannot make, or the entity attribute. Never in the other direction.
#[tokio::test]
async fn database_differences_say_where_to_declare_them() {
    let (p, first, second) = project_at_two_revisions();
    let url = sqlite_database(
        &p,
        &p.migrations().join("schema.json"),
        "hints.sqlite",
        &[&first.module, &second.module],
    )
    .await;
    // What the entities do not say: a named check and a default ("\x1b" is escaped).
    execute(
        &url,
        "ALTER TABLE users RENAME TO old_users;
         CREATE TABLE users (id integer NOT NULL PRIMARY KEY, name varchar(100) NOT NULL,
             email text DEFAULT 'n/a', CONSTRAINT \"name_\x1bset\" CHECK (length(name) > 0));
         DROP TABLE old_users;",
    )
    .await;
    let base = "= not declarable in SeaORM attributes; declare it in the Base: ";
    let check_hint = format!(
        "        {base}base.table::<users::Entity>().check(Check::exact_name(\"name_\\u{{1b}}set\", \"length(name) > 0\"));\n"
    );
    let default_hint = format!(
        "        {base}base.table::<users::Entity>().column_default(users::Column::Email, Some(DefaultValue::String(\"n/a\".into())));\n"
    );
    let (text, markdown) = check_drift(&p, &["--database", &url]);
    for hint in [&check_hint, &default_hint] {
        assert!(text.contains(hint.as_str()), "{hint}\nnot in\n{text}");
        assert!(
            markdown.contains(hint.as_str()),
            "{hint}\nnot in\n{markdown}"
        );
    }
    assert!(!text.contains('\x1b'), "{text}");

    let diff = |args: &[&str]| {
        let o = p.run(args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    let to_models = diff(&["diff", "--from", &url, "--to", "models"]);
    assert!(to_models.contains(&check_hint), "{to_models}");
    assert!(to_models.contains(&default_hint), "{to_models}");
    // From the models, or undoing the plan, the models are the truth: no hints.
    for args in [
        &["diff", "--from", "models", "--to", &url][..],
        &["diff", "--from", &url, "--to", "models", "--down"][..],
    ] {
        let out = diff(args);
        assert!(out.contains("check"), "{out}");
        assert!(!out.contains("Base"), "{args:?}: {out}");
    }
}
