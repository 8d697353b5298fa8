//! `autogen init --database URL` in a directory that has only a database
//! (`docs/adopting.md`, "An existing database only"), end to end on PostgreSQL, MariaDB
//! and SQLite, with databases this project did not design: a few of sqldef's table cases
//! (`/work/shared/peers/sqldef`), a table with hostile names, and the Dify-like example's
//! schema. After `init`, `check --database` passes with no difference; the baseline
//! revision builds the same schema on an empty database and its `down` removes it; an
//! entity edit's `revision` compiles in the generated crate and runs up and down.
//!
//! The dialects run one after another in one test: their projects share the target
//! directory of the other scratch projects (`<target>/adopt-projects`), and their crates
//! have sea-orm-cli's names (`entity`, `migration`), so their binaries would collide.

mod adopt {
    pub mod projects;
    pub mod sqldef;
}

use std::path::{Path, PathBuf};
use std::process::Output;

use adopt::projects::{self, assert_check, read_url, server_configured, text, workspace};
use adopt::sqldef::{PEERS, create_tables_only, parse_cases};
use autogen_schema::{Dialect, Schema};
use autogen_testkit::{ScratchDb, describe_differences, ignoring_column_order};

/// Seconds a cargo build (or a command that builds the registry) may take.
const BUILD_TIMEOUT: &str = "1800";

/// The sqldef cases loaded into each dialect's database (file, case): tables SeaORM can
/// express, with foreign keys (unnamed, composite, `ON DELETE CASCADE`), checks, unique
/// columns, serial keys, typed defaults, a quoted table name; their table names distinct.
fn cases(dialect: Dialect) -> (&'static str, &'static [(&'static str, &'static str)]) {
    match dialect {
        Dialect::Postgres => (
            "psqldef",
            &[
                ("tests_constraints.yml", "MultipleUnnamedForeignKeys"),
                ("tests_constraints.yml", "ReferencesWithOnDeleteCascade"),
                ("tests_constraints.yml", "ColumnCheckConstraint"),
                ("tests_constraints.yml", "CreateTableWithCheckConstraints"),
                ("tests_constraints.yml", "CompositeForeignKeyConstraint"),
                ("tests_datatypes.yml", "TypedLiterals"),
            ],
        ),
        Dialect::Mysql => (
            "mysqldef",
            &[("tests_tables.yml", "MultipleUnnamedForeignKeys")],
        ),
        Dialect::Sqlite => (
            "sqlite3def",
            &[
                ("tests.yml", "CreateTableQuotes"),
                ("tests.yml", "CreateTableWithAutoincrement"),
            ],
        ),
    }
}

/// A table whose names are hostile in Rust and SQL: quotes, keywords, unicode.
fn hostile_table(dialect: Dialect) -> String {
    let q = |name: &str| match dialect {
        Dialect::Mysql => format!("`{}`", name.replace('`', "``")),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    };
    format!(
        "CREATE TABLE {} ({} integer NOT NULL PRIMARY KEY, {} varchar(20) NOT NULL, {} integer, {} text)",
        q("order \"lines\""),
        q("id"),
        q("type"),
        q("größe"),
        q("select")
    )
}

fn autogen(dir: &Path, args: &[&str]) -> Output {
    projects::run(dir, BUILD_TIMEOUT, env!("CARGO_BIN_EXE_autogen"), args, &[])
}

fn cargo_build(dir: &Path, package: &str) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let o = projects::run(
        dir,
        BUILD_TIMEOUT,
        &cargo,
        &["build", "-q", "-p", package],
        &[],
    );
    assert!(o.status.success(), "cargo build -p {package}: {}", text(&o));
}

/// The generated migration crate's own binary: `up`, `down -n 1`.
fn migrate(dir: &Path, db: &ScratchDb, args: &[&str]) {
    let binary = projects::shared_target().join("debug/migration");
    let o = projects::run(
        dir,
        BUILD_TIMEOUT,
        binary.to_str().unwrap(),
        args,
        &[("DATABASE_URL", &db.url)],
    );
    assert!(
        o.status.success(),
        "{} migrate {args:?}: {}",
        db.dialect,
        text(&o)
    );
}

/// The Dify-like example's tables, as its migrations leave them (its head snapshot),
/// created on `dialect` by autogen's SQL.
fn dify_statements(dialect: Dialect) -> Vec<String> {
    let text = std::fs::read_to_string(workspace().join("migrations/schema.json")).unwrap();
    let schema = autogen_revisions::snapshot_from_json(&text).unwrap().schema;
    let plan = autogen_diff::diff(
        &Schema::default(),
        &schema,
        &autogen_diff::DiffOptions {
            dialect: Some(dialect),
            ..Default::default()
        },
    );
    plan.to_sql(dialect).unwrap()
}

/// What the Dify-like example's PostgreSQL defaults call (`uuid_generate_v4()`,
/// `uuidv7()`): its first, hand-written migration creates them; autogen manages neither.
fn dify_prerequisites(dialect: Dialect) -> Vec<String> {
    if dialect != Dialect::Postgres {
        return Vec::new();
    }
    let text = std::fs::read_to_string(
        workspace()
            .join("migrations/src/m20261124_230143_postgres_extensions_for_uuid_defaults.rs"),
    )
    .unwrap();
    let start = text.find("const UUIDV7: &str = \"").unwrap() + "const UUIDV7: &str = \"".len();
    let end = start + text[start..].find("\";\n").unwrap();
    vec![
        "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"".to_string(),
        text[start..end].to_string(),
    ]
}

/// Loads the database: the sqldef cases, the hostile table, the Dify-like example.
async fn load(db: &ScratchDb) {
    let (dir, cases) = cases(db.dialect);
    let mut statements = Vec::new();
    for (file, case) in cases {
        let yaml = std::fs::read_to_string(Path::new(PEERS).join(dir).join(file)).unwrap();
        let keys = parse_cases(&yaml)
            .into_iter()
            .find(|(name, _)| name == case)
            .unwrap_or_else(|| panic!("no case {case} in {file}"))
            .1;
        statements.extend(create_tables_only(&keys["desired"]).expect("CREATE TABLE only"));
    }
    statements.push(hostile_table(db.dialect));
    statements.extend(dify_prerequisites(db.dialect));
    statements.extend(dify_statements(db.dialect));
    db.execute_all(&statements).await;
}

/// The text of the one baseline revision `init` wrote.
fn baseline_text(root: &Path) -> String {
    let files: Vec<PathBuf> = std::fs::read_dir(root.join("migration/src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("_baseline.rs"))
        .collect();
    let [file] = files.as_slice() else {
        panic!("one baseline file: {files:?}");
    };
    std::fs::read_to_string(file).unwrap()
}

/// `src` with a nullable `nickname` field added to the entity's `Model`.
fn add_field(src: &str) -> String {
    let model = src.find("pub struct Model {").expect("a Model");
    let end = model + src[model..].find("\n}").expect("the end of Model");
    format!(
        "{}\n    pub nickname: Option<String>,{}",
        &src[..end],
        &src[end..]
    )
}

async fn adopt_one(dialect: Dialect, tmp: &Path) {
    let db = ScratchDb::create(dialect).await;
    load(&db).await;
    let start = db.reflect().await;
    let root: PathBuf = tmp.join(format!("app-{dialect}"));
    std::fs::create_dir_all(&root).unwrap();
    // The versions this workspace is tested with, so the build reuses them.
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    let o = autogen(&root, &["init", "--database", &read_url(&db)]);
    let out = text(&o);
    eprintln!("{dialect} init: {out}");
    assert_eq!(o.status.code(), Some(0), "{dialect} init: {out}");
    assert!(out.contains("generated by sea-orm-codegen"), "{out}");
    assert!(out.contains("Recorded the baseline"), "{out}");
    let lib = std::fs::read_to_string(root.join("entity/src/lib.rs")).unwrap();
    assert!(lib.contains("pub mod users;"), "{lib}");
    let registry = std::fs::read_to_string(root.join("autogen-registry/src/main.rs")).unwrap();
    assert!(
        registry.contains("autogen_models::main(base())"),
        "{registry}"
    );
    let config = std::fs::read_to_string(root.join("autogen.toml")).unwrap();
    assert!(
        config.contains(&format!("backends = [\"{dialect}\"]")),
        "{config}"
    );
    // The baseline is written for the database's backend, as autogen.toml says: not for
    // the backend a project without autogen.toml defaults to (SQLite's default URL).
    let baseline = baseline_text(&root);
    let served = match dialect {
        Dialect::Postgres => "PostgreSQL",
        Dialect::Mysql => "MySQL/MariaDB",
        Dialect::Sqlite => "SQLite",
    };
    assert!(
        baseline.contains(&format!("Generated by autogen for {served} only")),
        "{dialect}: {baseline}"
    );
    // init recorded the baseline and changed nothing else in the database.
    let after_init = db.reflect().await;
    assert_eq!(
        ignoring_column_order(after_init.clone()),
        ignoring_column_order(start.clone()),
        "{dialect}: init changed the database: {}",
        describe_differences(&start, &after_init)
    );

    assert_check(&root, &db, "right after init --database");

    // The baseline builds the same schema on an empty database, and its down removes it.
    cargo_build(&root, "migration");
    let fresh = ScratchDb::create(dialect).await;
    fresh.execute_all(&dify_prerequisites(dialect)).await;
    migrate(&root, &fresh, &["up"]);
    let built = fresh.reflect().await;
    assert_eq!(
        ignoring_column_order(built.clone()),
        ignoring_column_order(start.clone()),
        "{dialect}: the baseline does not build the adopted schema: {}",
        describe_differences(&start, &built)
    );
    migrate(&root, &fresh, &["down", "-n", "1"]);
    let emptied = fresh.reflect().await;
    assert!(
        emptied.tables.is_empty(),
        "{dialect}: the baseline's down leaves {:?}",
        emptied.tables.keys().collect::<Vec<_>>()
    );

    // An entity edit, and its revision on top of the baseline.
    let users = root.join("entity/src/users.rs");
    let src = std::fs::read_to_string(&users).unwrap();
    std::fs::write(&users, add_field(&src)).unwrap();
    let o = autogen(&root, &["revision", "-m", "add users nickname"]);
    assert_eq!(o.status.code(), Some(0), "{dialect} revision: {}", text(&o));
    let generated: Vec<PathBuf> = std::fs::read_dir(root.join("migration/src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("_add_users_nickname.rs"))
        .collect();
    let [file] = generated.as_slice() else {
        panic!("one generated file: {generated:?}\n{}", text(&o));
    };
    let migration = std::fs::read_to_string(file).unwrap();
    // Its parent is the baseline revision.
    let baseline_id = baseline
        .lines()
        .find_map(|l| l.strip_prefix("//! Revision: "))
        .expect("the baseline's revision id");
    assert!(
        migration.contains(&format!("//! Parents: {baseline_id}\n")),
        "{migration}"
    );

    cargo_build(&root, "migration");
    let before = db.reflect().await;
    migrate(&root, &db, &["up"]);
    let up = db.reflect().await;
    assert!(
        up.tables["users"]
            .columns
            .iter()
            .any(|c| c.name == "nickname"),
        "{dialect}: {}",
        describe_differences(&before, &up)
    );
    assert_check(&root, &db, "after the revision's up");
    migrate(&root, &db, &["down", "-n", "1"]);
    let down = db.reflect().await;
    assert_eq!(
        ignoring_column_order(down.clone()),
        ignoring_column_order(before.clone()),
        "{dialect} down is not the start: {}",
        describe_differences(&before, &down)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn init_database_generates_a_project_that_checks_clean_and_revises() {
    let tmp = tempfile::tempdir().unwrap();
    for dialect in Dialect::ALL {
        if server_configured(dialect) {
            adopt_one(dialect, tmp.path()).await;
        }
    }
}
