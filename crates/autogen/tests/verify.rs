//! End-to-end tests of `autogen verify` (and `check --verify`): the example's migrations
//! pass with generated rows; a fixture whose `down` is wrong fails, naming the revision,
//! the step and what differs. SQLite always; PostgreSQL and MariaDB with their servers.
//!
//! The migrations crates are built by `autogen verify` itself (cargo), each under a
//! package name of its own, in the tests' own target directory and with the workspace's
//! profile and lock file, so that the dependencies the workspace's `migration` crate
//! built are reused.

mod common;
mod example;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use autogen_reflect::Database;
use autogen_schema::Dialect;
use common::{Project, col, schema, stderr, stdout, table};

/// The target directory every verify test builds its migrations crate in.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| example::workspace().join("target"))
}

/// A migrations crate manifest with the example's dependencies (autogen-migration by
/// absolute path), its own package name (so binaries of parallel tests do not overwrite
/// each other), a workspace of its own, and the lock file of this repository.
fn rewrite_manifest(migrations: &Path, package: &str) {
    let runtime = example::workspace()
        .join("crates/autogen-migration")
        .canonicalize()
        .unwrap();
    let features = r#"["sqlx-postgres", "sqlx-mysql", "sqlx-sqlite", "runtime-tokio-rustls"]"#;
    std::fs::write(
        migrations.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\nname = \"migration\"\npath = \"src/lib.rs\"\n\n\
             [[bin]]\nname = \"{package}\"\npath = \"src/main.rs\"\n\n\
             [workspace]\n\n[dependencies]\n\
             tokio = {{ version = \"1\", features = [\"macros\", \"rt\", \"rt-multi-thread\"] }}\n\
             autogen-migration = {{ path = {:?}, features = {features} }}\n\
             sea-orm-migration = {{ version = \"2.0\", features = [\"runtime-tokio-rustls\", \"sqlx-postgres\", \"sqlx-mysql\", \"sqlx-sqlite\"] }}\n\n\
             [profile.dev]\ndebug = \"line-tables-only\"\n\n[profile.dev.package.\"*\"]\ndebug = false\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(
        example::workspace().join("Cargo.lock"),
        migrations.join("Cargo.lock"),
    )
    .unwrap();
    std::fs::write(
        migrations.join("src/main.rs"),
        "#[tokio::main]\nasync fn main() {\n    autogen_migration::cli::run_cli(migration::Migrator).await;\n}\n",
    )
    .unwrap();
}

/// Runs `autogen ARGS` in `dir`, building in the shared target directory.
fn autogen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_autogen"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("RUST_LOG")
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("run autogen")
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        stdout(o),
        stderr(o)
    )
}

/// `verify` with `--database URL` for a server dialect (a scratch database is created on
/// it), none for SQLite (a temporary file).
fn verify(dir: &Path, dialect: Dialect, extra: &[&str]) -> Output {
    let mut args = vec!["verify"];
    let url;
    if dialect != Dialect::Sqlite {
        url = autogen_testkit::server_url(dialect);
        args.extend(["--database", url.as_str()]);
    }
    args.extend_from_slice(extra);
    autogen(dir, &args)
}

// ---------------------------------------------------------------------------------------
// The example

/// The example's migrations, copied with a models command printing the head snapshot.
fn example_project(package: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = example::example_copy();
    rewrite_manifest(&root.join("migrations"), package);
    (tmp, root)
}

fn example_passes(dialect: Dialect) {
    let (_tmp, root) = example_project(&format!("verify-example-{}", dialect.name()));
    let o = verify(&root, dialect, &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let revisions = std::fs::read_dir(root.join("migrations/src"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.starts_with("m2") && name.ends_with(".rs")
        })
        .count();
    assert!(
        stdout(&o).contains(&format!("OK: {revisions} revision(s) verified")),
        "{out}"
    );
    // Generated rows went into the tables before the later revisions, and were compared.
    let filled: Vec<usize> = stdout(&o)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("rows: "))
        .map(|l| l.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(filled.len(), revisions, "{out}");
    assert!(filled[revisions - 1] >= 30, "most tables filled: {out}");
    let compared: Vec<usize> = stdout(&o)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("up, down: schema restored, rows of "))
        .map(|l| l.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(compared[revisions - 1] >= 30, "rows compared: {out}");
    // Rows written at each revision went through one more down and up: the revision
    // adding documents.need_summary drops it on down, so that table is not compared.
    assert_eq!(
        stdout(&o).matches("  down, up again: rows of ").count(),
        revisions,
        "{out}"
    );
    assert!(
        stdout(&o).contains("data not compared: documents (deletes-data)\n"),
        "{out}"
    );
}

#[test]
fn the_example_passes_verify_on_sqlite() {
    example_passes(Dialect::Sqlite);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
fn the_example_passes_verify_on_postgres() {
    example_passes(Dialect::Postgres);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
fn the_example_passes_verify_on_mysql() {
    example_passes(Dialect::Mysql);
}

// ---------------------------------------------------------------------------------------
// Fixtures with a wrong `down`

/// `users` with these columns after `id`, its primary key named as the generated
/// migration names it (SQLite keeps the name in its DDL, so reflection reports it).
fn users_with(columns: Vec<serde_json::Value>) -> serde_json::Value {
    let mut users = table("users", columns);
    users["primary_key"]["name"] = "users_pkey".into();
    schema(vec![users])
}

/// `users(id, name varchar(100), nick text NULL)`.
fn users() -> serde_json::Value {
    users_with(vec![
        col("name", "varchar100", false),
        col("nick", "text", true),
    ])
}

/// A project with revisions: create users; then `second` (models, extra args).
fn fixture(
    package: &str,
    second: (serde_json::Value, &[&str]),
) -> (Project, common::Revision, common::Revision) {
    let p = Project::new(&users());
    // Files for every backend, as the example's: the server tests run the same fixture.
    // The second revisions drop and rename columns, which the hazard policy must allow.
    std::fs::write(
        p.path().join("autogen.toml"),
        "[models]\ncommand = \"cat models.json\"\n\n[migrations]\nbackends = [\"postgres\", \"mysql\", \"sqlite\"]\n\n\
         [policy]\nallow = [\"drop-column\", \"rename\"]\n",
    )
    .unwrap();
    let o = p.run(&["init"]);
    assert_eq!(o.status.code(), Some(0), "init: {}", text(&o));
    let first = p.revision("create users", &[]);
    p.set_models(&second.0);
    let second = p.revision("second", second.1);
    rewrite_manifest(&p.migrations(), package);
    (p, first, second)
}

/// Replaces the `down` of a migration file with `body`.
fn replace_down(revision: &common::Revision, body: &str) {
    let text = std::fs::read_to_string(&revision.path).unwrap();
    let start = text.find("    async fn down(").expect("a down");
    let new = format!(
        "{}    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {{\n        let _ = &manager;\n{body}        Ok(())\n    }}\n}}\n",
        &text[..start]
    );
    std::fs::write(&revision.path, new).unwrap();
}

/// A `down` that forgets to drop the column its `up` added: the schema after `down` has
/// it still, and verify names the revision and shows the column in the diff.
fn forgotten_drop_fails(dialect: Dialect) {
    let mut with_email = users();
    with_email["tables"]["users"]["columns"]
        .as_array_mut()
        .unwrap()
        .push(col("email", "text", true));
    let (p, _, second) = fixture(
        &format!("verify-forgot-{}", dialect.name()),
        (with_email, &[]),
    );
    replace_down(&second, "");
    let o = verify(p.path(), dialect, &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let report = stdout(&o);
    assert!(
        report.contains(&format!(
            "FAILED: revision {} ({}), step down: the schema after down differs from the schema before up",
            second.id, second.module
        )),
        "{out}"
    );
    assert!(
        report.contains("+++ after down")
            && report
                .lines()
                .any(|l| l.starts_with('+') && l.contains("email")),
        "a unified diff naming the column: {out}"
    );
    // The first revision passed before it.
    assert!(report.contains("1/2 "), "{out}");
    // `check --verify` runs the same (SQLite only: it uses the default scratch database).
    if dialect == Dialect::Sqlite {
        let o = autogen(p.path(), &["check", "--no-database", "--verify"]);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(
            stdout(&o).contains(&format!("FAILED: revision {}", second.id)),
            "{}",
            text(&o)
        );
    }
}

#[test]
fn a_down_that_forgets_a_column_fails_on_sqlite() {
    forgotten_drop_fails(Dialect::Sqlite);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
fn a_down_that_forgets_a_column_fails_on_postgres() {
    forgotten_drop_fails(Dialect::Postgres);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
fn a_down_that_forgets_a_column_fails_on_mysql() {
    forgotten_drop_fails(Dialect::Mysql);
}

/// A rename whose `down` drops the new column and adds the old one back instead of
/// renaming: the schema is right, the rows are not, and verify says which table and rows.
fn lossy_rename_down_fails(dialect: Dialect) {
    let mut renamed = users();
    renamed["tables"]["users"]["columns"][2]["name"] = "nickname".into();
    let (p, _, second) = fixture(
        &format!("verify-rename-{}", dialect.name()),
        (renamed, &["--rename", "users.nick=nickname"]),
    );
    assert!(second.text.contains("rename"), "{}", second.text);
    // First without the bug: the generated rename passes, its rows compared.
    let o = verify(p.path(), dialect, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    replace_down(
        &second,
        "        manager.alter_table(Table::alter().table(\"users\").drop_column(\"nickname\").to_owned()).await?;\n\
         \x20       manager.alter_table(Table::alter().table(\"users\").add_column(ColumnDef::new(\"nick\").text().null()).to_owned()).await?;\n",
    );
    let o = verify(p.path(), dialect, &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let report = stdout(&o);
    assert!(
        report.contains(&format!(
            "FAILED: revision {} ({}), step down: the rows of table users after down differ from the rows before up",
            second.id, second.module
        )),
        "{out}"
    );
    assert!(report.contains("row(s) lost or changed"), "{out}");
    assert!(
        report
            .lines()
            .any(|l| l.trim_start().starts_with("+ ") && l.contains("NULL")),
        "the rows as they came back, nick NULL: {out}"
    );
}

#[test]
fn a_rename_whose_down_loses_the_data_fails_on_sqlite() {
    lossy_rename_down_fails(Dialect::Sqlite);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
fn a_rename_whose_down_loses_the_data_fails_on_postgres() {
    lossy_rename_down_fails(Dialect::Postgres);
}

#[test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
fn a_rename_whose_down_loses_the_data_fails_on_mysql() {
    lossy_rename_down_fails(Dialect::Mysql);
}

/// A dropped column: its down restores the structure, not the rows, so the table's rows
/// are reported as not compared, naming the hazard, and verify passes.
#[test]
fn a_dropped_column_is_reported_as_not_compared() {
    let dropped = users_with(vec![col("name", "varchar100", false)]);
    let (p, _, _) = fixture("verify-drop-sqlite", (dropped, &[]));
    let o = verify(p.path(), Dialect::Sqlite, &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        stdout(&o).contains("data not compared: users (deletes-data)"),
        "{out}"
    );
}

// ---------------------------------------------------------------------------------------
// The scratch database

/// A dev database that holds a table is refused (exit 2), and is left as it was.
#[tokio::test(flavor = "multi_thread")]
async fn a_dev_database_that_is_not_empty_is_refused() {
    let (p, _, _) = fixture(
        "verify-dev-sqlite",
        (users_with(vec![col("name", "varchar100", false)]), &[]),
    );
    let db = autogen_testkit::ScratchDb::create(Dialect::Sqlite).await;
    let conn = Database::connect(&db.url).await.unwrap();
    conn.execute("CREATE TABLE keep (id integer primary key)")
        .await
        .unwrap();
    conn.close().await;
    let o = autogen(p.path(), &["verify", "--dev-url", &db.url]);
    common::assert_clean_error(&o, "is not empty (1 table(s): keep");
    let conn = Database::connect(&db.url).await.unwrap();
    let schema = conn.reflect(&Default::default()).await.unwrap();
    conn.close().await;
    assert_eq!(schema.tables.keys().collect::<Vec<_>>(), ["keep"]);
}

/// The database created on the server is dropped afterwards, also after a failure.
async fn scratch_database_is_dropped(dialect: Dialect) {
    let mut with_email = users();
    with_email["tables"]["users"]["columns"]
        .as_array_mut()
        .unwrap()
        .push(col("email", "text", true));
    let (p, _, second) = fixture(
        &format!("verify-drop-db-{}", dialect.name()),
        (with_email, &[]),
    );
    replace_down(&second, "");
    let o = verify(p.path(), dialect, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let report = stdout(&o);
    let name = report
        .lines()
        .find_map(|l| l.strip_prefix("Scratch database: "))
        .and_then(|l| l.split(',').next())
        .unwrap_or_else(|| panic!("{report}"))
        .to_string();
    assert!(name.starts_with("autogen_verify_"), "{report}");
    let server = Database::connect(&autogen_testkit::server_url(dialect))
        .await
        .unwrap();
    let sql = match dialect {
        Dialect::Postgres => {
            format!("SELECT datname::text FROM pg_database WHERE datname = '{name}'")
        }
        _ => format!(
            "SELECT CAST(SCHEMA_NAME AS CHAR) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{name}'"
        ),
    };
    let found: Vec<String> = match server.pool() {
        autogen_reflect::Pool::Postgres(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_all(pool)
            .await
            .unwrap(),
        autogen_reflect::Pool::Mysql(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_all(pool)
            .await
            .unwrap(),
        autogen_reflect::Pool::Sqlite(_) => unreachable!(),
    };
    server.close().await;
    assert!(found.is_empty(), "{name} still exists");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn the_scratch_database_is_dropped_after_a_failure_on_postgres() {
    scratch_database_is_dropped(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn the_scratch_database_is_dropped_after_a_failure_on_mysql() {
    scratch_database_is_dropped(Dialect::Mysql).await;
}
