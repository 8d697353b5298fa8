//! Expand/contract revisions (issue 14 item 4), end to end: `revision --phased` writes
//! three revisions from a model edit (a column rename), and each is applied for real, one
//! by one, on PostgreSQL, MariaDB and SQLite: between expand and contract writes through
//! either column appear in the other (insert and update, both ways), the backfill is
//! interrupted and resumed, `check` passes in the window (saying a contract is pending)
//! and after, and each revision's `down` gives back the database it started from.

#[path = "hostile/clients.rs"]
#[allow(dead_code)]
mod clients;
mod common;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use autogen_reflect::{Database, Pool};
use autogen_schema::{Dialect, Schema};
use autogen_testkit::harness::Harness;
use autogen_testkit::{ScratchDb, describe_differences, ignoring_column_order};
use common::*;

struct Setup {
    project: Project,
    /// The first revision, then expand, backfill, contract.
    files: Vec<Revision>,
    harness: Harness,
}

/// The project of the server tests: `users(id, name, email)`, then `email` renamed to
/// `mail` with `--phased`, for all three backends; the harness built once.
fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| make_setup(r#"["postgres", "mysql", "sqlite"]"#, "phased_rename"))
}

/// The same for a project that serves SQLite only. (A file that serves all three names
/// the primary key `users_pkey` for PostgreSQL's sake, SQLite keeps that name, and `check`
/// then finds the SQLite database different from the models: a known problem of
/// multi-backend files, outside the phased change.)
fn setup_sqlite() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| make_setup(r#"["sqlite"]"#, "phased_rename_sqlite"))
}

fn make_setup(backends: &str, harness: &str) -> Setup {
    {
        let p = Project::init(&users_with_email());
        std::fs::write(
            p.path().join("autogen.toml"),
            format!(
                "[models]\ncommand = \"cat models.json\"\n\n[migrations]\nbackends = {backends}\n"
            ),
        )
        .unwrap();
        let first = p.revision("users", &[]);
        p.set_models(&users_with_mail());
        let before = p.migration_files();
        let o = p.run(&[
            "revision",
            "-m",
            "rename email",
            "--phased",
            "--rename",
            "users.email=mail",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("maintenance window"), "{out}");
        let new: Vec<_> = p
            .migration_files()
            .into_iter()
            .filter(|f| !before.contains(f))
            .collect();
        assert_eq!(new.len(), 3, "{new:?}\n{out}");
        // Small batches and a pause, so that the backfill can be interrupted between two.
        let backfill = std::fs::read_to_string(&new[1]).unwrap();
        let tuned = backfill
            .replace("batch_size: 1000", "batch_size: 2")
            .replace("Duration::from_millis(0)", "Duration::from_millis(400)");
        assert_ne!(tuned, backfill);
        std::fs::write(&new[1], tuned).unwrap();
        let mut files = vec![first];
        files.extend(new.iter().map(|f| Revision::read(f)));
        let modules: Vec<(String, String)> = files
            .iter()
            .map(|r| {
                let module = r.path.file_stem().unwrap().to_string_lossy().into_owned();
                (module, r.text.clone())
            })
            .collect();
        let harness = Harness::build(harness, &modules);
        Setup {
            project: p,
            files,
            harness,
        }
    }
}

#[test]
fn the_three_revisions_say_what_they_are_and_what_to_deploy_between() {
    let s = setup();
    let [_, expand, backfill, contract] = &s.files[..] else {
        panic!()
    };
    let change = &expand.id;
    for (r, step, n) in [
        (expand, "expand", 1),
        (backfill, "backfill", 2),
        (contract, "contract", 3),
    ] {
        let header: Vec<&str> = r
            .text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .collect();
        let line = format!("//! Phase: {step} ({n} of 3) of change {change}");
        assert!(header.contains(&line.as_str()), "{header:#?}");
        assert!(
            header.contains(
                &r#"//! Phased column: {"table":"users","from":"email","to":"mail","via":"mail"}"#
            ),
            "{header:#?}"
        );
        assert!(header.iter().any(|l| l.contains("Deploy")), "{header:#?}");
    }
    // Each is the parent of the next.
    assert!(
        backfill
            .text
            .contains(&format!("//! Parents: {}", expand.id))
    );
    assert!(
        contract
            .text
            .contains(&format!("//! Parents: {}", backfill.id))
    );
    assert!(expand.text.contains("triggers"), "{}", expand.text);
    assert!(
        contract
            .text
            .contains("code that no longer reads or writes users.email"),
        "{}",
        contract.text
    );
    assert!(
        contract
            .text
            .contains("//! Allowed: drop-column (--phased)"),
        "{}",
        contract.text
    );
    assert!(
        backfill.text.contains("fn use_transaction"),
        "{}",
        backfill.text
    );
    // The models and the head agree; lint accepts the files under the empty policy.
    let p = &s.project;
    let check = p.run(&["check", "--no-database"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let lint = p.run(&["lint"]);
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
}

#[test]
fn phased_needs_one_rename_or_type_change_and_writes_nothing_otherwise() {
    let p = Project::init(&users_with_email());
    p.revision("users", &[]);
    p.set_models(&users());
    let before = p.tree();
    let o = p.run(&["revision", "-m", "drop", "--phased"]);
    assert_clean_error(&o, "--phased needs one column rename");
    assert_same_tree(&before, &p.tree(), "a refused phased revision");
}

async fn execute(db: &Database, sql: &str) {
    db.execute(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// `(id, column)` of every row of `users`.
async fn column(db: &Database, name: &str) -> Vec<(i32, Option<String>)> {
    let sql = format!("SELECT id, {name} FROM users ORDER BY id");
    macro_rules! q {
        ($pool:expr) => {
            sqlx::query_as::<_, (i32, Option<String>)>(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all($pool)
                .await
        };
    }
    match db.pool() {
        Pool::Postgres(pool) => q!(pool),
        Pool::Mysql(pool) => q!(pool),
        Pool::Sqlite(pool) => q!(pool),
    }
    .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The `progress` of each backfill batch in the audit log (empty before the table exists).
async fn batches(db: &Database) -> Vec<String> {
    let sql = "SELECT progress FROM autogen_migration_log WHERE outcome = 'backfill' ORDER BY id";
    macro_rules! q {
        ($pool:expr) => {
            sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql))
                .fetch_all($pool)
                .await
        };
    }
    match db.pool() {
        Pool::Postgres(pool) => q!(pool),
        Pool::Mysql(pool) => q!(pool),
        Pool::Sqlite(pool) => q!(pool),
    }
    .unwrap_or_default()
}

fn up(s: &Setup, db: &ScratchDb) {
    s.harness.run(&db.url, "up", 1).unwrap();
}

fn down(s: &Setup, db: &ScratchDb) {
    s.harness.run(&db.url, "down", 1).unwrap();
}

/// The database as reflection and the database's own dump see it.
async fn state(db: &ScratchDb) -> (Schema, Option<String>) {
    (db.reflect().await, clients::dump(db))
}

fn assert_same_state(a: &(Schema, Option<String>), b: &(Schema, Option<String>), what: &str) {
    assert!(a.0 == b.0, "{what}: {}", describe_differences(&a.0, &b.0));
    assert_eq!(a.1, b.1, "{what}: the database's dump");
}

fn check(s: &Setup, db: &ScratchDb) -> String {
    let o = s.project.run(&["check", "--database", &db.url]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    out
}

fn columns(s: &Schema) -> Vec<String> {
    s.tables["users"]
        .columns
        .iter()
        .map(|c| c.name.clone())
        .collect()
}

async fn scenario(dialect: Dialect) {
    let s = if dialect == Dialect::Sqlite {
        setup_sqlite()
    } else {
        setup()
    };
    let scratch = ScratchDb::create(dialect).await;
    let db = scratch.connect().await;
    let sqlite = dialect == Dialect::Sqlite;

    up(s, &scratch);
    execute(
        &db,
        "INSERT INTO users (id, name, email) VALUES (1, 'a', 'a@x'), (2, 'b', NULL), \
         (3, 'c', 'c@x'), (4, 'd', 'd@x'), (5, 'e', 'e@x'), (6, 'f', 'f@x')",
    )
    .await;
    let start = state(&scratch).await;
    let emails = column(&db, "email").await;

    // Expand: up, down gives the start back exactly, up again.
    up(s, &scratch);
    let expanded = state(&scratch).await;
    down(s, &scratch);
    assert_same_state(&state(&scratch).await, &start, "expand then its down");
    assert_eq!(column(&db, "email").await, emails);
    up(s, &scratch);
    assert_same_state(&state(&scratch).await, &expanded, "expand again");
    if sqlite {
        // The whole change at once: the old column is gone, its values are in the new one.
        assert_eq!(columns(&expanded.0), ["id", "name", "mail"]);
        assert_eq!(column(&db, "mail").await, emails);
    } else {
        assert_eq!(columns(&expanded.0), ["id", "name", "email", "mail"]);
        // Old code writes email, new code writes mail: each appears in the other column.
        execute(
            &db,
            "INSERT INTO users (id, name, email) VALUES (7, 'g', 'old@x')",
        )
        .await;
        execute(
            &db,
            "INSERT INTO users (id, name, mail) VALUES (8, 'h', 'new@x')",
        )
        .await;
        execute(&db, "UPDATE users SET email = 'updated-old' WHERE id = 1").await;
        execute(&db, "UPDATE users SET mail = 'updated-new' WHERE id = 3").await;
        let email = column(&db, "email").await;
        let mail = column(&db, "mail").await;
        let row = |rows: &[(i32, Option<String>)], id: i32| rows[(id - 1) as usize].1.clone();
        assert_eq!(row(&mail, 7).as_deref(), Some("old@x"), "{mail:?}");
        assert_eq!(row(&email, 8).as_deref(), Some("new@x"), "{email:?}");
        assert_eq!(row(&mail, 1).as_deref(), Some("updated-old"), "{mail:?}");
        assert_eq!(row(&email, 3).as_deref(), Some("updated-new"), "{email:?}");
        // Rows written before the expand wait for the backfill.
        assert_eq!(row(&mail, 4), None, "{mail:?}");
    }
    let out = check(s, &scratch);
    assert!(out.contains("contract pending"), "{out}");
    assert!(out.contains("OK"), "{out}");

    // Backfill, killed between two batches, then run again: it resumes after the last
    // batch done. (It creates the runtime's log table, which reflection ignores and the
    // dump shows: the schema before it is judged by reflection.)
    let before_backfill = scratch.reflect().await;
    if sqlite {
        up(s, &scratch);
    } else {
        let mut child = std::process::Command::new(&s.harness.binary)
            .args([scratch.url.as_str(), "up", "1"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while batches(&db).await.is_empty() {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "no backfill batch within 120 s"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let done = batches(&db).await;
        let mail = column(&db, "mail").await;
        let email = column(&db, "email").await;
        let missing = email
            .iter()
            .zip(&mail)
            .filter(|(e, m)| e.1.is_some() && m.1.is_none())
            .count();
        assert!(missing > 0, "interrupted after {done:?}: {mail:?}");
        up(s, &scratch);
        let all = batches(&db).await;
        assert_eq!(all[..done.len()], done[..]);
        let mut keys = all.clone();
        keys.dedup();
        assert_eq!(keys, all, "no batch done twice: {all:?}");
        assert_eq!(all.last().map(String::as_str), Some("8"), "{all:?}");
        assert_eq!(column(&db, "mail").await, column(&db, "email").await);
    }
    let backfilled = state(&scratch).await;
    assert!(
        backfilled.0 == before_backfill,
        "the backfill changes no schema: {}",
        describe_differences(&backfilled.0, &before_backfill)
    );
    down(s, &scratch);
    assert_same_state(&state(&scratch).await, &backfilled, "backfill's down");
    // Its progress is forgotten: run again (after expand was undone and redone, say), it
    // would copy every row again.
    assert_eq!(batches(&db).await, Vec::<String>::new());
    up(s, &scratch);
    let out = check(s, &scratch);
    assert!(out.contains("contract pending"), "{out}");

    // Contract: the models and the database agree; its down brings email back, filled.
    let values = column(&db, "mail").await;
    up(s, &scratch);
    let out = check(s, &scratch);
    assert!(!out.contains("pending"), "{out}");
    assert_eq!(columns(&db_schema(&scratch).await), ["id", "name", "mail"]);
    assert_eq!(column(&db, "mail").await, values);
    down(s, &scratch);
    let restored = db_schema(&scratch).await;
    assert!(
        ignoring_column_order(restored.clone()) == ignoring_column_order(backfilled.0.clone()),
        "contract's down: {}",
        describe_differences(&restored, &backfilled.0)
    );
    if !sqlite {
        assert_eq!(column(&db, "email").await, values);
        // The triggers are back too.
        execute(&db, "UPDATE users SET email = 'again' WHERE id = 2").await;
        assert_eq!(column(&db, "mail").await[1].1.as_deref(), Some("again"));
    }
    up(s, &scratch);
    check(s, &scratch);
    db.close().await;
}

async fn db_schema(db: &ScratchDb) -> Schema {
    db.reflect().await
}

#[tokio::test(flavor = "multi_thread")]
async fn phased_rename_on_sqlite() {
    scenario(Dialect::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn phased_rename_on_postgres() {
    scenario(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn phased_rename_on_mariadb() {
    scenario(Dialect::Mysql).await;
}

/// `users(id, name, score)` with `score` of this type.
fn users_with_score(kind: &str) -> serde_json::Value {
    schema(vec![table(
        "users",
        vec![col("name", "varchar100", false), col("score", kind, true)],
    )])
}

/// A type change that keeps the column's name (`score integer` → `bigint`) on the server
/// backends: expand adds `score_new`, contract drops `score` and renames `score_new`.
fn setup_type_change() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| make_type_change(r#"["postgres", "mysql"]"#, "phased_type"))
}

/// The same for a project that serves SQLite only: the expand rebuilds the table.
fn setup_type_change_sqlite() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| make_type_change(r#"["sqlite"]"#, "phased_type_sqlite"))
}

fn make_type_change(backends: &str, harness: &str) -> Setup {
    {
        let p = Project::init(&users_with_score("integer"));
        std::fs::write(
            p.path().join("autogen.toml"),
            format!(
                "[models]\ncommand = \"cat models.json\"\n\n[migrations]\nbackends = {backends}\n"
            ),
        )
        .unwrap();
        let first = p.revision("users", &[]);
        p.set_models(&users_with_score("big_int"));
        let before = p.migration_files();
        let o = p.run(&["revision", "-m", "widen score", "--phased"]);
        assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
        let new: Vec<_> = p
            .migration_files()
            .into_iter()
            .filter(|f| !before.contains(f))
            .collect();
        assert_eq!(new.len(), 3, "{new:?}");
        let mut files = vec![first];
        files.extend(new.iter().map(|f| Revision::read(f)));
        assert!(
            files[1].text.contains(r#""via":"score_new""#),
            "{}",
            files[1].text
        );
        let modules: Vec<(String, String)> = files
            .iter()
            .map(|r| (r.module.clone(), r.text.clone()))
            .collect();
        let harness = Harness::build(harness, &modules);
        Setup {
            project: p,
            files,
            harness,
        }
    }
}

/// `score` (or another integer column) of every row, as text.
async fn integers(db: &Database, dialect: Dialect, name: &str) -> Vec<(i32, Option<String>)> {
    let text = if dialect == Dialect::Mysql {
        "CHAR"
    } else {
        "TEXT"
    };
    column(db, &format!("CAST({name} AS {text})")).await
}

async fn type_change(dialect: Dialect) {
    let s = setup_type_change();
    let scratch = ScratchDb::create(dialect).await;
    let db = scratch.connect().await;
    up(s, &scratch);
    execute(
        &db,
        "INSERT INTO users (id, name, score) VALUES (1, 'a', 10), (2, 'b', NULL), (3, 'c', 30)",
    )
    .await;
    let start = state(&scratch).await;

    up(s, &scratch);
    assert_eq!(
        columns(&db_schema(&scratch).await),
        ["id", "name", "score", "score_new"]
    );
    down(s, &scratch);
    assert_same_state(&state(&scratch).await, &start, "expand then its down");
    up(s, &scratch);
    execute(
        &db,
        "INSERT INTO users (id, name, score) VALUES (4, 'd', 40)",
    )
    .await;
    execute(
        &db,
        "INSERT INTO users (id, name, score_new) VALUES (5, 'e', 50)",
    )
    .await;
    execute(&db, "UPDATE users SET score = 11 WHERE id = 1").await;
    execute(&db, "UPDATE users SET score_new = 33 WHERE id = 3").await;
    let old = integers(&db, dialect, "score").await;
    let new = integers(&db, dialect, "score_new").await;
    let value = |rows: &[(i32, Option<String>)], id: i32| rows[(id - 1) as usize].1.clone();
    assert_eq!(value(&new, 4).as_deref(), Some("40"), "{new:?}");
    assert_eq!(value(&old, 5).as_deref(), Some("50"), "{old:?}");
    assert_eq!(value(&new, 1).as_deref(), Some("11"), "{new:?}");
    assert_eq!(value(&old, 3).as_deref(), Some("33"), "{old:?}");
    assert_eq!(value(&new, 2), None);
    let out = check(s, &scratch);
    assert!(out.contains("contract pending"), "{out}");

    up(s, &scratch);
    assert_eq!(
        integers(&db, dialect, "score").await,
        integers(&db, dialect, "score_new").await
    );
    let values = integers(&db, dialect, "score").await;
    let before_contract = db_schema(&scratch).await;
    up(s, &scratch);
    let out = check(s, &scratch);
    assert!(!out.contains("pending"), "{out}");
    assert_eq!(columns(&db_schema(&scratch).await), ["id", "name", "score"]);
    assert_eq!(integers(&db, dialect, "score").await, values);
    down(s, &scratch);
    let restored = db_schema(&scratch).await;
    assert!(
        ignoring_column_order(restored.clone()) == ignoring_column_order(before_contract.clone()),
        "contract's down: {}",
        describe_differences(&restored, &before_contract)
    );
    assert_eq!(integers(&db, dialect, "score").await, values);
    up(s, &scratch);
    // Wider now: a value the old type could not hold.
    execute(&db, "UPDATE users SET score = 5000000000 WHERE id = 2").await;
    check(s, &scratch);
    db.close().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn phased_type_change_on_postgres() {
    type_change(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn phased_type_change_on_mariadb() {
    type_change(Dialect::Mysql).await;
}

/// SQLite: no concurrent writers to keep in sync, and no `ALTER COLUMN`: the expand
/// revision makes the whole type change by rebuilding the table (the header says it needs
/// a maintenance window), keeping every value; backfill and contract change nothing; each
/// down undoes its up.
#[tokio::test(flavor = "multi_thread")]
async fn phased_type_change_on_sqlite() {
    let s = setup_type_change_sqlite();
    let expand = &s.files[1];
    assert!(
        expand.text.contains("maintenance window"),
        "{}",
        expand.text
    );
    let scratch = ScratchDb::create(Dialect::Sqlite).await;
    let db = scratch.connect().await;
    up(s, &scratch);
    execute(
        &db,
        "INSERT INTO users (id, name, score) VALUES (1, 'a', 10), (2, 'b', NULL), (3, 'c', 30)",
    )
    .await;
    let start = state(&scratch).await;
    let values = integers(&db, Dialect::Sqlite, "score").await;

    up(s, &scratch);
    let expanded = state(&scratch).await;
    assert_eq!(columns(&expanded.0), ["id", "name", "score"]);
    // The database is what the models say already (SQLite stores any integer in either).
    let out = check(s, &scratch);
    assert!(!out.contains("differs"), "{out}");
    assert_eq!(integers(&db, Dialect::Sqlite, "score").await, values);
    down(s, &scratch);
    assert_same_state(&state(&scratch).await, &start, "expand then its down");
    assert_eq!(integers(&db, Dialect::Sqlite, "score").await, values);
    up(s, &scratch);
    // Backfill and contract: nothing left to do on SQLite, both ways.
    up(s, &scratch);
    up(s, &scratch);
    assert_same_state(&state(&scratch).await, &expanded, "backfill and contract");
    let out = check(s, &scratch);
    assert!(!out.contains("pending"), "{out}");
    down(s, &scratch);
    down(s, &scratch);
    assert_same_state(&state(&scratch).await, &expanded, "their downs");
    assert_eq!(integers(&db, Dialect::Sqlite, "score").await, values);
    db.close().await;
}
