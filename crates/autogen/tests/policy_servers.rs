//! The hazard policy (issue 14 item 2) against real servers: `revision --database URL`
//! refuses a drop the policy does not allow and writes nothing; allowed, the revision is
//! applied for real (up gives the models, down gives back the database it started from);
//! and `check --database URL` and `lint` fail on a file whose hazards exceed the policy, on
//! PostgreSQL, MariaDB and SQLite. (policy.rs has the file-level variants.)

#[path = "hostile/clients.rs"]
#[allow(dead_code)]
mod clients;
mod common;

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;
use autogen_testkit::harness::Harness;
use common::*;

fn modules(files: &[&Revision]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|r| (r.module.clone(), r.text.clone()))
        .collect()
}

async fn scenario(dialect: Dialect, name: &str) {
    let scratch = ScratchDb::create(dialect).await;
    let p = Project::init(&users_with_email());
    std::fs::write(
        p.path().join("autogen.toml"),
        format!(
            "[models]\ncommand = \"cat models.json\"\n\n[migrations]\nbackends = [\"{}\"]\n",
            match dialect {
                Dialect::Postgres => "postgres",
                Dialect::Mysql => "mysql",
                Dialect::Sqlite => "sqlite",
            }
        ),
    )
    .unwrap();
    let first = p.revision("users", &[]);
    let harness = Harness::build(&format!("{name}_first"), &modules(&[&first]));
    harness.run(&scratch.url, "up", 1).unwrap();
    let db = scratch.connect().await;
    db.execute("INSERT INTO users (id, name, email) VALUES (1, 'a', 'a@x'), (2, 'b', NULL)")
        .await
        .unwrap();
    let start_schema = scratch.reflect().await;
    let start_dump = clients::dump(&scratch);

    // Refused: compared with the database at head, nothing written.
    p.set_models(&users());
    let before = p.tree();
    let o = p.run(&["revision", "-m", "drop email", "--database", &scratch.url]);
    assert_clean_error(&o, "the hazard policy does not allow 1 step(s)");
    assert!(stderr(&o).contains("--allow drop-column"), "{}", stderr(&o));
    assert_same_tree(&before, &p.tree(), "a refused revision");

    // Allowed: recorded, applied, and undone exactly.
    let dropped = p.revision(
        "drop email",
        &["--database", &scratch.url, "--allow", "drop-column"],
    );
    assert!(
        dropped.text.contains("//! Allowed: drop-column (--allow)"),
        "{}",
        dropped.text
    );
    let harness = Harness::build(&format!("{name}_drop"), &modules(&[&first, &dropped]));
    harness.run(&scratch.url, "up", 1).unwrap();
    let check = p.run(&["check", "--database", &scratch.url]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    harness.run(&scratch.url, "down", 1).unwrap();
    let after_down = scratch.reflect().await;
    assert!(
        after_down == start_schema,
        "down: {}",
        autogen_testkit::describe_differences(&after_down, &start_schema)
    );
    assert_eq!(clients::dump(&scratch), start_dump, "down: the dump");
    harness.run(&scratch.url, "up", 1).unwrap();

    // The allowance removed by hand: the database agrees with the models, yet check fails
    // on the file beyond the policy, and says so.
    let edited = dropped
        .text
        .replace("//! Allowed: drop-column (--allow)\n", "");
    std::fs::write(&dropped.path, &edited).unwrap();
    let check = p.run(&["check", "--database", &scratch.url]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    let out = stdout(&check);
    assert!(out.contains("exceed the hazard policy"), "{out}");
    assert!(!out.contains("the database differs"), "{out}");
    // lint reads the same file the same way: the drop is a violation, on its step's line.
    let lint = p.run(&["lint", "--format", "json"]);
    assert_eq!(lint.status.code(), Some(1), "{}", stderr(&lint));
    let report: serde_json::Value = serde_json::from_str(&stdout(&lint)).unwrap();
    let violations: Vec<&serde_json::Value> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap())
        .filter(|f| f["violation"] == true)
        .collect();
    assert_eq!(violations.len(), 1, "{report:#}");
    assert_eq!(violations[0]["rule"], "drop-column", "{report:#}");
    assert!(
        violations[0]["what"]
            .as_str()
            .unwrap()
            .contains("users.email"),
        "{report:#}"
    );
    // The policy in autogen.toml allows it again.
    let config = std::fs::read_to_string(p.path().join("autogen.toml")).unwrap();
    std::fs::write(
        p.path().join("autogen.toml"),
        format!("{config}\n[policy]\nallow = [\"drop-column\"]\n"),
    )
    .unwrap();
    let check = p.run(&["check", "--database", &scratch.url]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let lint = p.run(&["lint"]);
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
    db.close().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn policy_refuses_allows_and_checks_on_postgres() {
    scenario(Dialect::Postgres, "policy_pg").await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn policy_refuses_allows_and_checks_on_mariadb() {
    scenario(Dialect::Mysql, "policy_my").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn policy_refuses_allows_and_checks_on_sqlite() {
    scenario(Dialect::Sqlite, "policy_sqlite").await;
}
