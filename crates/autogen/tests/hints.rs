//! The hints `autogen diff --to models` prints under each difference are exact: entities
//! written as sea-orm-cli 2.0.4 writes them (by hand here, so the test needs no
//! sea-orm-cli; `oracle.rs` does the same with sea-orm-cli on sqldef's cases), a database
//! with what they do not say, then the printed `Base` declarations pasted into the
//! registry: the crate compiles and only the differences with an entity hint remain.
//! Shares `<target>/adopt-projects` with `adopt.rs` and `oracle.rs`.

#[path = "adopt/projects.rs"]
mod projects;

use std::path::Path;
use std::process::Output;

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;
use projects::{shared_target, text, workspace};

fn run(dir: &Path, timeout: &str, program: &str, args: &[&str]) -> Output {
    projects::run(dir, timeout, program, args, &[])
}

const BASE_HINT: &str = "= not declarable in SeaORM attributes; declare it in the Base: ";
const ENTITY_HINT: &str = "= declarable in the entity of ";

const POSTS: &str = r#"use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Eq)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    pub user_id: Option<ID>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::users::Entity", from = "Column::UserId", to = "super::users::Column::Id", on_update = "NoAction", on_delete = "NoAction")]
    Users,
}

impl ActiveModelBehavior for ActiveModel {}
"#;

/// The database's DDL, the `users` entity's fields, the Rust type of its id, the hints
/// expected among those printed, and the differences left with an entity hint.
fn case(
    dialect: Dialect,
) -> (
    Vec<&'static str>,
    &'static str,
    &'static str,
    Vec<&'static str>,
    Vec<&'static str>,
) {
    match dialect {
        Dialect::Postgres => (
            vec![
                "CREATE TABLE users (id serial PRIMARY KEY, name varchar(40) NOT NULL CHECK (name <> ''), created date DEFAULT '2024-01-01', tags text[] DEFAULT ARRAY[]::text[])",
                "CREATE TABLE posts (id bigint PRIMARY KEY, user_id integer REFERENCES users(id))",
                "CREATE INDEX posts_user_idx ON posts USING hash (user_id) WHERE user_id > 0",
            ],
            "    #[sea_orm(primary_key)]\n    pub id: i32,\n    pub name: String,\n    pub created: Option<Date>,\n    pub tags: Option<Vec<String>>,\n",
            "i32",
            vec![
                r#"base.table::<posts::Entity>().foreign_key_name([posts::Column::UserId], "posts_user_id_fkey");"#,
                r#"base.table::<posts::Entity>().index(Index::exact_name("posts_user_idx").col(posts::Column::UserId).using(IndexMethod::Hash).filter("user_id > 0"));"#,
                r#"base.table::<users::Entity>().check(Check::exact_name("users_name_check", "name <> ''"));"#,
                r#"base.table::<users::Entity>().identity(users::Column::Id, Some(Identity::Serial));"#,
                r#"base.table::<users::Entity>().column_type(users::Column::Tags, ColumnType::Array { element: Box::new(ColumnType::Text) });"#,
            ],
            vec!["alter column users.name: type character varying(40) → character varying"],
        ),
        Dialect::Mysql => (
            vec![
                "CREATE TABLE users (id bigint unsigned PRIMARY KEY AUTO_INCREMENT, n int unsigned, created datetime(3), name varchar(40) NOT NULL)",
                "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint unsigned, FOREIGN KEY (user_id) REFERENCES users(id))",
            ],
            // sea-orm-cli's u64 and u32: autogen reads them as MySQL holds them.
            "    #[sea_orm(primary_key)]\n    pub id: u64,\n    pub n: Option<u32>,\n    pub created: Option<DateTime>,\n    pub name: String,\n",
            "u64",
            vec![
                r#"base.table::<posts::Entity>().foreign_key_name([posts::Column::UserId], "posts_ibfk_1");"#,
                r#"base.table::<posts::Entity>().index(Index::exact_name("user_id").col(posts::Column::UserId));"#,
                r#"base.table::<users::Entity>().column_type(users::Column::Created, ColumnType::Timestamp { precision: Some(3), tz: false });"#,
            ],
            vec!["alter column users.name: type varchar(40) → varchar(255)"],
        ),
        Dialect::Sqlite => (
            vec![
                "CREATE TABLE users (id integer PRIMARY KEY AUTOINCREMENT, name varchar(40) NOT NULL, CONSTRAINT name_set CHECK (name <> ''))",
                "CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users(id))",
            ],
            "    #[sea_orm(primary_key)]\n    pub id: i32,\n    pub name: String,\n",
            "i32",
            vec![
                r#"base.table::<users::Entity>().check(Check::exact_name("name_set", "name <> ''"));"#,
            ],
            // SQLite keeps the declared length: the entity hint for it remains.
            vec![
                "rebuild table users: alter column type of name (SQLite cannot alter it in place: copy into a new table)",
            ],
        ),
    }
}

/// Writes the crate with `declarations` in its registry, builds it, and returns the
/// operations of `autogen diff --from URL --to models` with their hints.
/// `bin` is the registry's binary, one per test: the tests run in parallel and share the
/// target directory.
fn diff_after(
    root: &Path,
    url: &str,
    declarations: &[String],
    bin: &str,
) -> Vec<(String, Vec<String>, Vec<String>)> {
    std::fs::write(
        root.join(format!("src/bin/{bin}.rs")),
        format!(
            "fn main() -> std::process::ExitCode {{\n    #[allow(unused_imports)]\n    use autogen_models::{{Check, ColumnType, DefaultValue, Identity, Index, IndexMethod, Unique}};\n    \
             use hints::m::*;\n    let mut base = autogen_models::Base::new();\n    base.register::<users::Entity>();\n    base.register::<posts::Entity>();\n    {}\n    autogen_models::main(Ok(base))\n}}\n",
            declarations.join("\n    ")
        ),
    )
    .unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let o = run(root, "1800", &cargo, &["build", "-q", "--bin", bin]);
    assert!(
        o.status.success(),
        "the registry with the printed declarations does not build: {}",
        text(&o)
    );
    let o = run(
        root,
        "120",
        env!("CARGO_BIN_EXE_autogen"),
        &["diff", "--from", url, "--to", "models"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let mut ops: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        let t = line.trim_start();
        let numbered = t
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if let Some((_, op)) = numbered {
            ops.push((op.to_string(), Vec::new(), Vec::new()));
        } else if let Some(last) = ops.last_mut() {
            if let Some(code) = t.strip_prefix(BASE_HINT) {
                last.1.push(code.to_string());
            } else if let Some(hint) = t.strip_prefix(ENTITY_HINT) {
                last.2.push(hint.to_string());
            }
        }
    }
    ops
}

async fn hints_are_exact(dialect: Dialect) {
    if let Some(var) = autogen_testkit::env_var(dialect)
        && std::env::var(var).map_or(true, |v| v.is_empty())
    {
        panic!("{var} is not set");
    }
    let (ddl, fields, id_type, expected, left) = case(dialect);
    let db = ScratchDb::create(dialect).await;
    db.execute_all(&ddl.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .await;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("hints");
    std::fs::create_dir_all(root.join("src/m")).unwrap();
    std::fs::create_dir_all(root.join("src/bin")).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            // A package name per test: the tests run in parallel in one target directory,
            // where cargo names a path package's library by its name and relative path only.
            "[package]\nname = \"hints-{dialect}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\nname = \"hints\"\n\n[workspace]\n\n[dependencies]\n\
             autogen-models = {{ path = {:?} }}\n\
             sea-orm = {{ version = \"2.0\", default-features = false, features = [\"macros\", \"with-json\", \"with-chrono\", \"with-uuid\", \"with-rust_decimal\", \"postgres-array\"] }}\n",
            workspace().join("crates/autogen-models").display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    std::fs::write(root.join("src/lib.rs"), "pub mod m;\n").unwrap();
    std::fs::write(
        root.join("src/m/mod.rs"),
        "pub mod posts;\npub mod users;\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/m/users.rs"),
        format!(
            "use sea_orm::entity::prelude::*;\n\n#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Eq)]\n#[sea_orm(table_name = \"users\")]\npub struct Model {{\n{fields}}}\n\n\
             #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]\npub enum Relation {{}}\n\nimpl ActiveModelBehavior for ActiveModel {{}}\n"
        ),
    )
    .unwrap();
    std::fs::write(root.join("src/m/posts.rs"), POSTS.replace("ID", id_type)).unwrap();
    let bin = format!("hints-schema-{dialect}");
    let binary = shared_target().join("debug").join(&bin);
    std::fs::write(
        root.join("autogen.toml"),
        format!("[models]\ncommand = \"{}\"\n", binary.display()),
    )
    .unwrap();
    let url = db.url.trim_end_matches("?mode=rwc").to_string();

    let before = diff_after(&root, &url, &[], &bin);
    let mut declarations: Vec<String> = Vec::new();
    for (op, base, entity) in &before {
        assert!(
            !base.is_empty() || !entity.is_empty(),
            "{dialect}: no hint for {op}"
        );
        for d in base {
            if !declarations.contains(d) {
                declarations.push(d.clone());
            }
        }
    }
    for e in &expected {
        assert!(
            declarations.iter().any(|d| d == e),
            "{dialect}: {e}\nnot in\n{declarations:#?}"
        );
    }
    let after = diff_after(&root, &url, &declarations, &bin);
    let remaining: Vec<&str> = after.iter().map(|(op, _, _)| op.as_str()).collect();
    assert_eq!(remaining, left, "{dialect}: after the Base declarations");
    assert!(
        after
            .iter()
            .all(|(_, base, entity)| base.is_empty() && !entity.is_empty())
    );
    drop(db);
}

#[tokio::test(flavor = "multi_thread")]
async fn base_hints_are_exact_on_sqlite() {
    hints_are_exact(Dialect::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn base_hints_are_exact_on_postgres() {
    hints_are_exact(Dialect::Postgres).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn base_hints_are_exact_on_mysql() {
    hints_are_exact(Dialect::Mysql).await;
}
