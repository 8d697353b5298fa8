//! `Base` declarations for what SeaORM attributes cannot say (issue 9 item 5): a
//! deferrable foreign key, index operator classes and `INCLUDE` columns, a column
//! collation, an extension, a generated column, an exclusion constraint. A models crate declares them; `revision --sql postgres`
//! creates them (applied for real, the database then equals the models); and `diff` /
//! `check` compare them: a database that lacks one is a difference, not carried over.
//! Shares `<target>/adopt-projects` with `hints.rs`.

#[path = "adopt/projects.rs"]
mod projects;

use std::path::Path;

use autogen_schema::Dialect;
use autogen_testkit::{ScratchDb, script_statements};
use projects::{run, shared_target, text, workspace};

const AUTHORS: &str = r#"use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Eq)]
#[sea_orm(table_name = "authors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
"#;

const BOOKS: &str = r#"use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Eq)]
#[sea_orm(table_name = "books")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub author_id: i32,
    pub title: String,
    pub pages: i32,
    pub double_pages: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::authors::Entity", from = "Column::AuthorId", to = "super::authors::Column::Id")]
    Authors,
}

impl ActiveModelBehavior for ActiveModel {}
"#;

const REGISTRY: &str = r#"use autogen_models::{Base, Deferrable, Index, IndexMethod};
use base_decls::m::*;

fn main() -> std::process::ExitCode {
    let mut base = Base::new();
    base.register::<authors::Entity>()
        .collation(authors::Column::Name, "C");
    base.register::<books::Entity>()
        .deferrable([books::Column::AuthorId], Deferrable::Deferred)
        .index(Index::exact_name("books_title_like").col(books::Column::Title).opclass("varchar_pattern_ops"))
        .index(Index::exact_name("books_author_cover").col(books::Column::AuthorId).include(books::Column::Title))
        .index(Index::exact_name("books_title_trgm").col(books::Column::Title).opclass("gin_trgm_ops").using(IndexMethod::Gin))
        .generated(books::Column::DoublePages, "pages * 2", true)
        .exclusion("books_one_title", "EXCLUDE USING btree (title WITH =)");
    base.extension("pg_trgm", None, None);
    autogen_models::main(Ok(base))
}
"#;

/// Writes and builds the models crate; returns the path of its registry binary.
fn models_crate(root: &Path) -> std::path::PathBuf {
    std::fs::create_dir_all(root.join("src/m")).unwrap();
    std::fs::create_dir_all(root.join("src/bin")).unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "[package]\nname = \"base-decls\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [lib]\nname = \"base_decls\"\n\n[workspace]\n\n[dependencies]\n\
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
        "pub mod authors;\npub mod books;\n",
    )
    .unwrap();
    std::fs::write(root.join("src/m/authors.rs"), AUTHORS).unwrap();
    std::fs::write(root.join("src/m/books.rs"), BOOKS).unwrap();
    std::fs::write(root.join("src/bin/base_decls.rs"), REGISTRY).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let o = run(
        root,
        "1800",
        &cargo,
        &["build", "-q", "--bin", "base_decls"],
        &[],
    );
    assert!(
        o.status.success(),
        "the models crate does not build: {}",
        text(&o)
    );
    shared_target().join("debug/base_decls")
}

fn autogen(dir: &Path, args: &[&str]) -> std::process::Output {
    run(dir, "300", env!("CARGO_BIN_EXE_autogen"), args, &[])
}

/// `diff --from URL --to models --exit-code`: (exit code, stdout).
fn diff(dir: &Path, url: &str) -> (Option<i32>, String) {
    let o = autogen(
        dir,
        &["diff", "--from", url, "--to", "models", "--exit-code"],
    );
    (o.status.code(), text(&o))
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn base_declarations_are_created_and_compared_on_postgres() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("base-decls");
    let binary = models_crate(&root);
    std::fs::write(
        root.join("autogen.toml"),
        format!(
            "[models]\ncommand = {:?}\n\n[migrations]\nbackends = [\"postgres\"]\n",
            binary.display().to_string()
        ),
    )
    .unwrap();
    let o = autogen(&root, &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    // The first revision creates every declaration; applied, the database is the models.
    let o = autogen(&root, &["revision", "-m", "initial", "--sql", "postgres"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let script = String::from_utf8_lossy(&o.stdout).into_owned();
    for expected in [
        "CREATE EXTENSION",
        "pg_trgm",
        "DEFERRABLE INITIALLY DEFERRED",
        "varchar_pattern_ops",
        "gin_trgm_ops",
        "INCLUDE (\"title\")",
        "COLLATE \"C\"",
        "GENERATED ALWAYS AS (pages * 2) STORED",
        "EXCLUDE USING btree",
    ] {
        assert!(
            script.contains(expected),
            "{expected} missing from:\n{script}"
        );
    }
    db.execute_all(&script_statements(&script)).await;
    let (code, out) = diff(&root, &db.url);
    assert_eq!(code, Some(0), "the database differs from the models: {out}");
    let reflected = db.reflect().await;
    assert!(
        reflected.extensions.contains_key("pg_trgm"),
        "{reflected:?}"
    );
    let books = &reflected.tables["books"];
    assert!(!books.foreign_keys[0].deferrable.is_default(), "{books:?}");

    // Each declaration is compared: a database without it differs, and the difference
    // names it (nothing is carried over from the database).
    let fk = books.foreign_keys[0].name.clone();
    for (undo, named) in [
        (
            format!("ALTER TABLE books ALTER CONSTRAINT \"{fk}\" NOT DEFERRABLE"),
            fk.as_str(),
        ),
        (
            "DROP INDEX books_title_like; CREATE INDEX books_title_like ON books (title)".into(),
            "books_title_like",
        ),
        (
            "DROP INDEX books_author_cover; CREATE INDEX books_author_cover ON books (author_id)"
                .into(),
            "books_author_cover",
        ),
        (
            "ALTER TABLE authors ALTER COLUMN name TYPE varchar COLLATE \"default\"".into(),
            "authors",
        ),
        (
            "ALTER TABLE books ALTER COLUMN double_pages DROP EXPRESSION".into(),
            "double_pages",
        ),
        (
            "ALTER TABLE books DROP CONSTRAINT books_one_title".into(),
            "books_one_title",
        ),
    ] {
        let scratch = ScratchDb::create(Dialect::Postgres).await;
        scratch.execute_all(&script_statements(&script)).await;
        scratch.execute_all(std::slice::from_ref(&undo)).await;
        let (code, out) = diff(&root, &scratch.url);
        assert_eq!(code, Some(1), "after {undo}: {out}");
        assert!(out.contains(named), "after {undo}: {out}");
    }
}
