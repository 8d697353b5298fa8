//! Hostile names on PostgreSQL, MariaDB and SQLite (issue 8): reserved words, mixed case,
//! spaces, every quote character, unicode, names of the backend's full length, newlines,
//! control characters and injection strings in names, comments and defaults.
//!
//! The source database is created by hand-written DDL (quoted here, not by autogen). Then,
//! each applied with the database's own client (`psql`, `mysql`, `sqlite3`):
//! `inspect --format sql` into a second database, compared by reflection and by the
//! database's own dump; `diff` to empty and back; `revision --sql`; and a generated
//! migration built and run up and down. A victim table outside the compared schema
//! (PostgreSQL: schema `keep`; MariaDB: another database; SQLite: an attached file) must
//! survive every step: the names hold `DROP TABLE <victim>` after a newline, which a
//! name written raw into a `-- ` comment turns into a statement.
//!
//! Names a backend refuses are left out for that backend, with the reason in [`names`].

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use autogen_reflect::{Database, ReflectOptions};
use autogen_schema::{Dialect, Schema};
use autogen_testkit::harness::Harness;
use autogen_testkit::{ScratchDb, describe_differences};

#[path = "hostile/clients.rs"]
mod clients;
#[path = "hostile/schema.rs"]
mod schema;

use clients::{dump, mysql_args, run_client, sqlite_path};
use schema::{ddl, names, string};

fn autogen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_autogen"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run autogen")
}

fn ok(o: Output, what: &str) -> String {
    assert!(
        o.status.success(),
        "{what}: exit {:?}\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

/// Where the victim lives, and how a statement names it.
struct Victim {
    /// MariaDB's other database, SQLite's attached file.
    keep: Option<ScratchDb>,
    qualified: String,
}

impl Victim {
    async fn new(d: Dialect, dbs: &[&ScratchDb]) -> Victim {
        let create = "CREATE TABLE victim (id integer); INSERT INTO victim VALUES (1)";
        match d {
            Dialect::Postgres => {
                for db in dbs {
                    db.execute_all(&[format!(
                        "CREATE SCHEMA keep; {}",
                        create.replace("victim", "keep.victim")
                    )])
                    .await;
                }
                Victim {
                    keep: None,
                    qualified: "keep.victim".into(),
                }
            }
            Dialect::Mysql | Dialect::Sqlite => {
                let keep = ScratchDb::create(d).await;
                keep.execute_all(&[create.into()]).await;
                let qualified = match d {
                    Dialect::Mysql => format!("{}.victim", keep.name),
                    _ => "keep.victim".into(),
                };
                Victim {
                    keep: Some(keep),
                    qualified,
                }
            }
        }
    }

    /// Panics unless the victim table still exists in every database it was put in.
    async fn assert_survives(&self, dbs: &[&ScratchDb], step: &str) {
        let urls: Vec<(&str, Option<String>)> = match &self.keep {
            Some(keep) => vec![(keep.url.as_str(), None)],
            None => dbs
                .iter()
                .map(|db| (db.url.as_str(), Some("keep".to_string())))
                .collect(),
        };
        for (url, schema) in urls {
            let db = Database::connect(url).await.expect("connect");
            let s = db
                .reflect(&ReflectOptions {
                    schema,
                    ..Default::default()
                })
                .await
                .expect("reflect the victim's schema");
            db.close().await;
            assert!(
                s.tables.contains_key("victim"),
                "{step}: the victim table {} was dropped",
                self.qualified
            );
        }
    }
}

/// Runs `script` on `db` with the database's own client, as a user pipes autogen's output
/// into it (`… | psql`: going on after an error), SQLite attaching the victim's file as
/// `keep` first; then checks that the victim survived, and only then that the client
/// reported no error, so that an injected statement is what a failure names.
async fn apply(db: &ScratchDb, victim: &Victim, dbs: &[&ScratchDb], script: &str, step: &str) {
    let (program, args, script): (&str, Vec<String>, String) = match db.dialect {
        Dialect::Postgres => (
            "psql",
            vec!["-X".into(), "-q".into(), "-d".into(), db.url.clone()],
            script.into(),
        ),
        Dialect::Mysql => (
            "mysql",
            [vec!["--force".to_string()], mysql_args(&db.url)].concat(),
            script.into(),
        ),
        Dialect::Sqlite => {
            let keep = sqlite_path(&victim.keep.as_ref().expect("keep file").url);
            (
                "sqlite3",
                vec![sqlite_path(&db.url).display().to_string()],
                format!(
                    "ATTACH DATABASE {} AS keep;\n{script}",
                    string(Dialect::Sqlite, &keep.display().to_string())
                ),
            )
        }
    };
    let result = match run_client(program, &args, &script) {
        Some(result) => result,
        None => {
            eprintln!("{program} is not installed: the script runs through sqlx instead");
            let conn = Database::connect(&db.url).await.expect("connect");
            let r = conn.execute(&script).await.map_err(|e| e.to_string());
            conn.close().await;
            r
        }
    };
    victim.assert_survives(dbs, step).await;
    if let Err(e) = result {
        panic!("{step}: {program} failed:\n{e}\nscript:\n{script}");
    }
}

/// Whether `c` must be shown escaped in text output (control, line-separator and bidi
/// characters), listed here rather than taken from the code under test.
fn raw_control(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_text_escaped(text: &str, what: &str) {
    if let Some(line) = text.lines().find(|l| l.contains(raw_control)) {
        panic!("{what}: a control character reaches the terminal in {line:?}");
    }
}

/// Outside its code blocks, a markdown report has no link, image or HTML tag that a name
/// made; and every code block a name is in is closed by its own fence.
fn assert_markdown_inert(report: &str) {
    let mut fence: Option<usize> = None;
    for line in report.lines() {
        let ticks = line.len() - line.trim_start_matches('`').len();
        match fence {
            Some(open) if ticks >= open && line.trim_start_matches('`').is_empty() => fence = None,
            Some(_) => {}
            None if ticks >= 3 => fence = Some(ticks),
            None => {
                for construct in ["](", "<b>", "<img"] {
                    let unescaped = line
                        .match_indices(construct)
                        .any(|(i, _)| !line[..i].ends_with('\\'));
                    assert!(
                        !unescaped,
                        "markdown: {construct} made by a name in {line:?}"
                    );
                }
            }
        }
    }
    assert_eq!(
        fence, None,
        "markdown: a code block is left open:\n{report}"
    );
}

/// Every `--` comment line of a SQL script is free of line terminators and control
/// characters. (Whether an injected statement ran is judged by the victim, not by lines:
/// a quoted name may span lines inside a statement.)
fn assert_script_safe(script: &str, what: &str) {
    for line in script.lines() {
        if line.starts_with("--") {
            assert!(!line.contains(raw_control), "{what}: {line:?}");
        }
    }
}

/// The schema without the tables and columns whose names are longer than `bytes`, nor
/// what mentions them (keys, indexes, checks).
fn without_names_over(schema: &Schema, bytes: usize) -> Schema {
    let long = |n: &str| n.len() > bytes;
    let mut out = schema.clone();
    out.tables.retain(|name, _| !long(name));
    for t in out.tables.values_mut() {
        let dropped: Vec<String> = t
            .columns
            .iter()
            .filter(|c| long(&c.name))
            .map(|c| c.name.clone())
            .collect();
        let gone = |c: &String| dropped.contains(c);
        let mentions = |text: &str| dropped.iter().any(|c| text.contains(c.as_str()));
        t.columns.retain(|c| !long(&c.name));
        if t.primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.iter().any(gone))
        {
            t.primary_key = None;
        }
        t.uniques.retain(|u| !u.columns.iter().any(gone));
        t.indexes.retain(|i| {
            i.parts.iter().all(|p| match &p.target {
                autogen_schema::IndexTarget::Column(c) => !gone(c),
                autogen_schema::IndexTarget::Expression(e) => !mentions(e),
            }) && !i.predicate.as_deref().is_some_and(mentions)
        });
        t.checks.retain(|c| !mentions(&c.expression));
        t.foreign_keys
            .retain(|fk| !fk.columns.iter().any(gone) && !long(&fk.ref_table));
    }
    out
}

fn assert_same(actual: &Schema, expected: &Schema, step: &str) {
    let mut actual = actual.clone();
    actual.tables.remove("seaql_migrations");
    if &actual != expected {
        panic!(
            "{step}: the database differs from the source:\n{}",
            describe_differences(expected, &actual)
        );
    }
}

async fn hostile_names(d: Dialect) {
    let src = ScratchDb::create(d).await;
    let tgt = ScratchDb::create(d).await;
    let victim = Victim::new(d, &[&src, &tgt]).await;
    let dbs = [&src, &tgt];
    let n = names(d, &victim.qualified);
    let statements = ddl(d, &n);
    apply(
        &src,
        &victim,
        &dbs,
        &(statements.join(";\n") + ";\n"),
        "source DDL",
    )
    .await;
    let expected = src.reflect().await;
    for name in [&n.injection, &n.reserved, &n.both_quotes, &n.long_table] {
        assert!(
            expected.tables.contains_key(name),
            "the source has {name:?}: {:?}",
            expected.tables.keys()
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path();

    // 1. inspect --format sql → apply → compare.
    let sql = ok(
        autogen(
            here,
            &["inspect", "--database", &src.url, "--format", "sql"],
        ),
        "inspect --format sql",
    );
    apply(&tgt, &victim, &dbs, &sql, "inspect --format sql").await;
    assert_same(&tgt.reflect().await, &expected, "inspect --format sql");
    if let (Some(a), Some(b)) = (dump(&src), dump(&tgt)) {
        assert_eq!(a, b, "the database's own dumps of source and copy differ");
    }

    // 2. diff to empty, applied: the issue's repro.
    let down = ok(
        autogen(
            here,
            &[
                "diff", "--from", &tgt.url, "--to", "empty", "--format", "sql",
            ],
        ),
        "diff to empty",
    );
    assert_script_safe(&down, "diff to empty");
    apply(
        &tgt,
        &victim,
        &dbs,
        &down,
        "diff --from DB --to empty | client",
    )
    .await;
    assert_same(&tgt.reflect().await, &Schema::default(), "diff to empty");

    // 3. diff back up from the source, applied.
    let up = ok(
        autogen(
            here,
            &[
                "diff", "--from", &tgt.url, "--to", &src.url, "--format", "sql",
            ],
        ),
        "diff up",
    );
    assert_script_safe(&up, "diff up");
    apply(
        &tgt,
        &victim,
        &dbs,
        &up,
        "diff --from EMPTY_DB --to SRC | client",
    )
    .await;
    assert_same(&tgt.reflect().await, &expected, "diff up");
    let down = ok(
        autogen(
            here,
            &[
                "diff", "--from", &tgt.url, "--to", "empty", "--format", "sql",
            ],
        ),
        "diff to empty again",
    );
    apply(&tgt, &victim, &dbs, &down, "diff to empty again").await;

    // Text outputs show control characters escaped.
    let text = ok(
        autogen(here, &["inspect", "--database", &src.url]),
        "inspect",
    );
    assert_text_escaped(&text, "inspect");
    assert!(text.contains("table evil\\nDROP TABLE"), "{text}");
    let text = ok(
        autogen(here, &["diff", "--from", "empty", "--to", &src.url]),
        "diff text",
    );
    assert_text_escaped(&text, "diff text");

    // 4. A project whose models are the source: revision --sql, check, a migration.
    std::fs::write(
        here.join("autogen.toml"),
        format!(
            "[models]\ncommand = \"cat models.json\"\n\n[database]\nurl = {:?}\n",
            tgt.url
        ),
    )
    .unwrap();
    let fitting = without_names_over(&expected, 63);
    std::fs::write(here.join("models.json"), fitting.to_json()).unwrap();
    ok(autogen(here, &["init"]), "init");
    // A migration file serves every backend, so the models' names must fit PostgreSQL's
    // 63 bytes even where MariaDB keeps 64: autogen refuses them by name, exit 2.
    if fitting != expected {
        std::fs::write(here.join("models.json"), expected.to_json()).unwrap();
        let o = autogen(here, &["revision", "-m", "x", "--sql", d.name()]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("is longer than postgres allows (63)"), "{err}");
        std::fs::write(here.join("models.json"), fitting.to_json()).unwrap();
    }
    let expected = fitting;
    let revision_sql = ok(
        autogen(here, &["revision", "-m", "x", "--sql", d.name()]),
        "revision --sql",
    );
    assert_script_safe(&revision_sql, "revision --sql");
    apply(
        &tgt,
        &victim,
        &dbs,
        &revision_sql,
        "revision --sql | client",
    )
    .await;
    assert_same(&tgt.reflect().await, &expected, "revision --sql");
    let down = ok(
        autogen(
            here,
            &[
                "diff", "--from", &tgt.url, "--to", "empty", "--format", "sql",
            ],
        ),
        "diff to empty after revision --sql",
    );
    apply(
        &tgt,
        &victim,
        &dbs,
        &down,
        "diff to empty after revision --sql",
    )
    .await;

    let message = format!("hostile\n{}\u{1b}[2J\u{202e}\r", n.injection);
    let out = ok(autogen(here, &["revision", "-m", &message]), "revision");
    assert_text_escaped(&out, "revision output");
    let files: Vec<PathBuf> = std::fs::read_dir(here.join("migrations/src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with('m') && name.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
        })
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let file = std::fs::read_to_string(&files[0]).unwrap();
    let module = files[0].file_stem().unwrap().to_string_lossy().into_owned();
    // Header, step comments and literals alike: the file holds no raw control character.
    assert_text_escaped(&file, "the migration file");
    assert!(
        file.contains("//! Message: hostile evil DROP TABLE"),
        "{file}"
    );

    let check = autogen(here, &["check", "--database", &tgt.url]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "check: drift (the database is empty)"
    );
    assert_text_escaped(&String::from_utf8_lossy(&check.stdout), "check");
    let check = autogen(
        here,
        &["check", "--database", &tgt.url, "--format", "markdown"],
    );
    assert_eq!(check.status.code(), Some(1), "check --format markdown");
    assert_text_escaped(
        &String::from_utf8_lossy(&check.stdout),
        "check --format markdown",
    );
    assert_markdown_inert(&String::from_utf8_lossy(&check.stdout));

    let harness = Harness::build(&format!("hostile-harness-{}", d.name()), &[(module, file)]);
    let up = harness.run(&tgt.url, "up", 1);
    victim.assert_survives(&dbs, "migration up").await;
    up.unwrap_or_else(|e| panic!("{e}"));
    assert_same(&tgt.reflect().await, &expected, "migration up");
    let down = harness.run(&tgt.url, "down", 1);
    victim.assert_survives(&dbs, "migration down").await;
    down.unwrap_or_else(|e| panic!("{e}"));
    assert_same(&tgt.reflect().await, &Schema::default(), "migration down");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn hostile_names_on_postgres() {
    hostile_names(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn hostile_names_on_mysql() {
    hostile_names(Dialect::Mysql).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_names_on_sqlite() {
    hostile_names(Dialect::Sqlite).await;
}
