//! End-to-end tests of the `autogen` binary: real databases, real processes, exit codes.

use std::path::Path;
use std::process::{Command, Output};

use autogen_schema::{Dialect, Schema};
use autogen_testkit::{ScratchDb, assert_schema_eq};

fn autogen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_autogen"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run autogen")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit code 2 and exactly one `error:` line, without a panic or backtrace.
fn assert_clean_error(o: &Output, expected: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(expected), "expected {expected:?} in: {err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

const FIXTURE: &str = "
CREATE TABLE authors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name varchar(100) NOT NULL DEFAULT 'anon',
  CONSTRAINT authors_name_key UNIQUE (name)
);
CREATE TABLE books (
  id integer NOT NULL,
  author_id integer REFERENCES authors (id) ON DELETE CASCADE,
  title text NOT NULL,
  CONSTRAINT books_pkey PRIMARY KEY (id)
);
CREATE INDEX books_title_idx ON books (title DESC);
";

async fn sqlite_fixture() -> ScratchDb {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    db.execute_all(&[FIXTURE.to_string()]).await;
    db
}

#[tokio::test]
async fn inspect_prints_text_json_and_sql_that_recreates_the_schema() {
    let db = sqlite_fixture().await;
    let dir = tempfile::tempdir().unwrap();
    let text = autogen(dir.path(), &["inspect", "--database", &db.url]);
    assert!(text.status.success(), "{}", stderr(&text));
    let text = stdout(&text);
    assert!(text.contains("table books"), "{text}");
    assert!(
        text.contains("INDEX books_title_idx (title DESC)"),
        "{text}"
    );
    assert!(text.contains("2 tables, 0 enums"), "{text}");

    let json = autogen(
        dir.path(),
        &["inspect", "--database", &db.url, "--format", "json"],
    );
    let schema = Schema::from_json(&stdout(&json)).expect("inspect --format json is schema JSON");
    assert_schema_eq!(schema, db.reflect().await);

    let sql = autogen(
        dir.path(),
        &["inspect", "--database", &db.url, "--format", "sql"],
    );
    let copy = ScratchDb::create(Dialect::Sqlite).await;
    copy.execute_all(&[stdout(&sql)]).await;
    assert_schema_eq!(copy.reflect().await, schema);
}

/// `(table, column, type, notnull, default, pk, hidden)`.
type XinfoRow = (String, String, String, i64, Option<String>, i64, i64);
/// `(table, index, unique, seqno, column, desc, collation, partial)`.
type IndexPartRow = (String, String, i64, i64, Option<String>, i64, String, i64);

/// What SQLite itself says about a database: every column's declared type, NOT NULL,
/// default as stored, key position and hidden flag; every index part with its order and
/// collation; and the stored text of views and triggers (white space collapsed). Two
/// databases with the same description hold the same schema.
async fn sqlite_description(url: &str) -> Vec<String> {
    let pool = sqlx::SqlitePool::connect(url).await.expect("connect");
    let mut out: Vec<String> = Vec::new();
    let columns: Vec<XinfoRow> = sqlx::query_as(
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden \
         FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' \
         ORDER BY m.name, p.name",
    )
    .fetch_all(&pool)
    .await
    .expect("columns");
    out.extend(columns.into_iter().map(|c| format!("column {c:?}")));
    let parts: Vec<IndexPartRow> = sqlx::query_as(
        "SELECT m.name, il.name, il.\"unique\", x.seqno, x.name, x.\"desc\", x.coll, il.partial \
             FROM sqlite_schema m JOIN pragma_index_list(m.name) il \
             JOIN pragma_index_xinfo(il.name) x WHERE m.type = 'table' AND x.key = 1 \
             AND il.origin = 'c' ORDER BY m.name, il.name, x.seqno",
    )
    .fetch_all(&pool)
    .await
    .expect("indexes");
    out.extend(parts.into_iter().map(|p| format!("index part {p:?}")));
    let tables: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' \
         AND name NOT LIKE 'sqlite%' ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .expect("tables");
    out.extend(tables.into_iter().map(|t| format!("table {t:?}")));
    let objects: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema \
         WHERE type IN ('view', 'trigger') ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .expect("views and triggers");
    out.extend(objects.into_iter().map(|(ty, name, table, sql)| {
        let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        format!("{ty} {name} on {table}: {sql}")
    }));
    pool.close().await;
    out
}

#[tokio::test]
async fn a_handmade_sqlite_database_survives_inspect_sql() {
    let db = ScratchDb::create(Dialect::Sqlite).await;
    db.execute_all(&[include_str!("fixtures/sqlite_handmade.sql").to_string()])
        .await;
    let dir = tempfile::tempdir().unwrap();
    let sql = autogen(
        dir.path(),
        &["inspect", "--database", &db.url, "--format", "sql"],
    );
    assert!(sql.status.success(), "{}", stderr(&sql));
    let script = stdout(&sql);
    let copy = ScratchDb::create(Dialect::Sqlite).await;
    copy.execute_all(std::slice::from_ref(&script)).await;

    let (original, copied) = (db.reflect().await, copy.reflect().await);
    assert_schema_eq!(copied, original, "after\n{script}");
    // What equality ignores must survive as well: declared types, defaults as stored.
    assert_eq!(
        copied.to_json(),
        original.to_json(),
        "spellings differ after\n{script}"
    );
    let (want, got) = (
        sqlite_description(&db.url).await,
        sqlite_description(&copy.url).await,
    );
    let missing: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
    let extra: Vec<&String> = got.iter().filter(|g| !want.contains(g)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "SQLite describes the copy differently:\nmissing {missing:#?}\nextra {extra:#?}\nscript\n{script}"
    );
    // Views and triggers come across, generated and collated columns too.
    assert!(
        original.views.contains_key("active_user_posts"),
        "{original:?}"
    );
    assert!(original.triggers.contains_key("active_users_insert"));
    let users = &original.tables["users"];
    assert!(
        users
            .column("name_length")
            .unwrap()
            .generated
            .as_ref()
            .unwrap()
            .stored
    );
    assert_eq!(
        users.column("email").unwrap().collation.as_deref(),
        Some("NOCASE")
    );
}

#[tokio::test]
async fn inspect_reports_bad_urls_in_one_line_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing/dir/x.sqlite");
    let cases: Vec<(String, &str)> = vec![
        ("foo://x".into(), "unknown database URL scheme \"foo\""),
        ("no-scheme".into(), "bad database URL"),
        (
            "postgres://u@127.0.0.1:1/db".into(),
            "cannot reach the database server",
        ),
        (
            format!("sqlite://{}", missing.display()),
            "database does not exist",
        ),
    ];
    for (url, expected) in cases {
        let o = autogen(dir.path(), &["inspect", "--database", &url]);
        assert_clean_error(&o, expected);
    }
}

#[test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
fn inspect_reports_postgres_errors_clearly() {
    {
        let url = autogen_testkit::server_url(Dialect::Postgres);
        let dir = tempfile::tempdir().unwrap();
        let base = url.rsplit_once('/').unwrap().0;
        let o = autogen(
            dir.path(),
            &[
                "inspect",
                "--database",
                &format!("{base}/no_such_db_autogen"),
            ],
        );
        assert_clean_error(&o, "database does not exist");
        let o = autogen(
            dir.path(),
            &["inspect", "--database", &url, "--schema", "no_such_schema"],
        );
        assert_clean_error(&o, "schema \"no_such_schema\" does not exist");
    }
}

#[test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
fn inspect_reports_mysql_errors_clearly() {
    {
        let url = autogen_testkit::server_url(Dialect::Mysql);
        let dir = tempfile::tempdir().unwrap();
        let o = autogen(
            dir.path(),
            &[
                "inspect",
                "--database",
                "mysql://nobody_autogen:wrong@127.0.0.1:3306/test",
            ],
        );
        assert_clean_error(&o, "authentication failed");
        let base = url.rsplit_once('/').unwrap().0;
        let o = autogen(
            dir.path(),
            &[
                "inspect",
                "--database",
                &format!("{base}/no_such_db_autogen"),
            ],
        );
        assert_clean_error(&o, "database does not exist");
    }
}

/// A project whose models command prints a fixed JSON file.
fn project_with_models(json: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("models.json"), json).unwrap();
    std::fs::write(
        dir.path().join("autogen.toml"),
        "[models]\ncommand = \"cat models.json\"\n\n[database]\nurl = \"sqlite://autogen.sqlite?mode=rwc\"\n",
    )
    .unwrap();
    dir
}

#[tokio::test]
async fn models_source_reads_the_configured_command() {
    let db = sqlite_fixture().await;
    let schema = db.reflect().await;
    let dir = project_with_models(&schema.to_json());
    let o = autogen(dir.path(), &["inspect", "--models", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("Building the models (cat models.json)"));
    assert_schema_eq!(Schema::from_json(&stdout(&o)).unwrap(), schema);
}

#[tokio::test]
async fn models_source_rejects_failures_and_other_format_versions() {
    let dir = project_with_models("{\"format_version\": 99, \"tables\": {}}");
    let o = autogen(dir.path(), &["inspect", "--models"]);
    assert_clean_error(&o, "format_version 99");

    std::fs::write(
        dir.path().join("autogen.toml"),
        "[models]\ncommand = \"echo 'error[E0425]: cannot find value' >&2; exit 101\"\n",
    )
    .unwrap();
    let o = autogen(dir.path(), &["inspect", "--models"]);
    assert_clean_error(&o, "its errors are above");
    assert!(
        stderr(&o).contains("error[E0425]"),
        "the compiler's errors are shown"
    );

    std::fs::write(
        dir.path().join("autogen.toml"),
        "[models]\ncomand = \"x\"\n",
    )
    .unwrap();
    let o = autogen(dir.path(), &["inspect", "--models"]);
    assert_clean_error(&o, "autogen.toml");
}

#[test]
fn the_example_models_print_33_tables() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let o = autogen(&root, &["inspect", "--models", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let schema = Schema::from_json(&stdout(&o)).unwrap();
    assert_eq!(schema.tables.len(), 33);
    assert!(schema.tables.contains_key("accounts"));
    assert!(schema.tables.contains_key("document_segment_summaries"));
}

#[tokio::test]
async fn diff_between_a_database_and_a_snapshot_applies_and_inverts() {
    let db = sqlite_fixture().await;
    let dir = tempfile::tempdir().unwrap();
    let mut target = db.reflect().await;
    let books = target.tables.get_mut("books").unwrap();
    books.columns.push(autogen_schema::Column::new(
        "isbn",
        autogen_schema::ColumnType::varchar(20),
    ));
    books.indexes.clear();
    target.tables.remove("authors");
    target.tables.get_mut("books").unwrap().foreign_keys.clear();
    std::fs::write(dir.path().join("target.json"), target.to_json()).unwrap();

    let same = autogen(
        dir.path(),
        &["diff", "--from", &db.url, "--to", &db.url, "--exit-code"],
    );
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert_eq!(stdout(&same), "No changes.\n");

    let text = autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            &db.url,
            "--to",
            "target.json",
            "--exit-code",
        ],
    );
    assert_eq!(text.status.code(), Some(1), "{}", stderr(&text));
    let text = stdout(&text);
    assert!(text.contains("drop table authors"), "{text}");
    assert!(text.contains("! deletes-data"), "{text}");
    assert!(text.contains("rebuild table books"), "{text}");

    let before = db.reflect().await;
    let up = autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            &db.url,
            "--to",
            "target.json",
            "--format",
            "sql",
        ],
    );
    db.execute_all(&[stdout(&up)]).await;
    assert_schema_eq!(db.reflect().await, Dialect::Sqlite.lower(&target));
    let down = autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            &db.url,
            "--to",
            "target.json",
            "--format",
            "sql",
            "--down",
        ],
    );
    let down_sql = stdout(&down);
    // The database is at the target now, so the plan is empty: --down of the original plan
    // is what a migration's down would hold. Recompute it from a snapshot of the start.
    assert_eq!(down_sql.trim(), "");
    std::fs::write(dir.path().join("before.json"), before.to_json()).unwrap();
    let back = autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            "before.json",
            "--to",
            "target.json",
            "--format",
            "sql",
            "--down",
            "--dialect",
            "sqlite",
        ],
    );
    db.execute_all(&[stdout(&back)]).await;
    assert_schema_eq!(
        autogen_testkit::ignoring_column_order(db.reflect().await),
        autogen_testkit::ignoring_column_order(before)
    );

    let json = autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            "empty",
            "--to",
            "target.json",
            "--format",
            "json",
            "--dialect",
            "postgres",
        ],
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(doc["dialect"], "postgres");
    assert_eq!(doc["operations"][0]["op"], "create_table");
    assert!(
        doc["down_sql"][0]
            .as_str()
            .unwrap()
            .starts_with("DROP TABLE")
    );
}

#[test]
fn diff_rejects_bad_sources_and_renames() {
    let dir = tempfile::tempdir().unwrap();
    let o = autogen(dir.path(), &["diff", "--from", "empty", "--to", "nothing"]);
    assert_clean_error(&o, "unknown schema source \"nothing\"");
    let o = autogen(
        dir.path(),
        &["diff", "--from", "empty", "--to", "missing.json"],
    );
    assert_clean_error(&o, "missing.json");
    let o = autogen(
        dir.path(),
        &[
            "diff", "--from", "empty", "--to", "empty", "--rename", "a.b",
        ],
    );
    assert_clean_error(&o, "bad --rename \"a.b\"");
    std::fs::write(dir.path().join("bad.json"), "{ not json").unwrap();
    let o = autogen(dir.path(), &["diff", "--from", "empty", "--to", "bad.json"]);
    assert_clean_error(&o, "bad.json");
}

#[test]
fn declared_renames_become_renames() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Schema::default();
    let mut t = autogen_schema::Table::new("people");
    t.columns.push(autogen_schema::Column::new(
        "nick",
        autogen_schema::ColumnType::Text,
    ));
    a.tables.insert("people".into(), t);
    let mut b = a.clone();
    let mut t = b.tables.remove("people").unwrap();
    t.name = "persons".into();
    t.columns[0].name = "nickname".into();
    b.tables.insert("persons".into(), t);
    std::fs::write(dir.path().join("a.json"), a.to_json()).unwrap();
    std::fs::write(dir.path().join("b.json"), b.to_json()).unwrap();

    let plain = stdout(&autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            "a.json",
            "--to",
            "b.json",
            "--dialect",
            "postgres",
        ],
    ));
    assert!(plain.contains("drop table people"), "{plain}");
    let renamed = stdout(&autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            "a.json",
            "--to",
            "b.json",
            "--dialect",
            "postgres",
            "--rename",
            "people=persons",
            "--rename",
            "persons.nick=nickname",
        ],
    ));
    assert!(
        renamed.contains("rename table people → persons"),
        "{renamed}"
    );
    assert!(
        renamed.contains("rename column persons.nick → nickname"),
        "{renamed}"
    );
    assert!(!renamed.contains("drop"), "{renamed}");

    // Undeclared, a drop and an add of the same type are flagged, never silent.
    let mut c = a.clone();
    c.tables.get_mut("people").unwrap().columns[0].name = "nickname".into();
    std::fs::write(dir.path().join("c.json"), c.to_json()).unwrap();
    let flagged = stdout(&autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            "a.json",
            "--to",
            "c.json",
            "--dialect",
            "postgres",
        ],
    ));
    assert!(
        flagged.contains("people.nick is dropped and people.nickname added"),
        "{flagged}"
    );
}

/// `diff` between every pair of source kinds: the models, a database, a snapshot file and
/// `empty`. The first three hold one schema, so they compare equal whichever way round
/// (no phantom differences); against `empty` there is a plan in both directions.
#[tokio::test]
async fn diff_works_between_every_pair_of_source_kinds() {
    let fixture = sqlite_fixture().await;
    let schema = fixture.reflect().await;
    let dir = project_with_models(&schema.to_json());
    std::fs::write(dir.path().join("snapshot.json"), schema.to_json()).unwrap();
    let db = ScratchDb::create(Dialect::Sqlite).await;
    let create = autogen(
        dir.path(),
        &[
            "diff",
            "--from",
            "empty",
            "--to",
            "models",
            "--format",
            "sql",
            "--dialect",
            "sqlite",
        ],
    );
    assert!(create.status.success(), "{}", stderr(&create));
    db.execute_all(&[stdout(&create)]).await;

    let same = ["models", db.url.as_str(), "snapshot.json"];
    for from in same {
        for to in same {
            let o = autogen(
                dir.path(),
                &["diff", "--from", from, "--to", to, "--exit-code"],
            );
            assert_eq!(
                o.status.code(),
                Some(0),
                "{from} → {to}: {}{}",
                stdout(&o),
                stderr(&o)
            );
        }
        for (a, b) in [(from, "empty"), ("empty", from)] {
            let o = autogen(dir.path(), &["diff", "--from", a, "--to", b, "--exit-code"]);
            assert_eq!(o.status.code(), Some(1), "{a} → {b}: {}", stderr(&o));
            assert!(
                stdout(&o).contains("table books"),
                "{a} → {b}: {}",
                stdout(&o)
            );
        }
    }
}
