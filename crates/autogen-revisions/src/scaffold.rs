//! `autogen init`: a new sea-orm-migration crate, as `sea-orm-cli migrate init` writes it
//! (without its sample migration), ready for autogen revisions.

use std::path::{Path, PathBuf};

use crate::changeset::{Changeset, Expect};
use crate::dir::MigrationDir;
use crate::error::RevisionError;
use crate::libfile::LibFile;

/// Options of [`scaffold`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaffoldOptions {
    /// The package name (default `migration`, as sea-orm-cli names it); the library name
    /// is the same with `-` as `_`.
    pub package_name: String,
    /// When set, a path dependency on `autogen-migration` (relative to the new crate).
    pub runtime_path: Option<PathBuf>,
}

impl Default for ScaffoldOptions {
    fn default() -> Self {
        ScaffoldOptions {
            package_name: "migration".to_string(),
            runtime_path: None,
        }
    }
}

/// The files of a new migration crate in `dir`: `Cargo.toml`, `src/lib.rs` (an empty
/// `Migrator`) and `src/main.rs` (the runtime's CLI: sea-orm-migration's commands under
/// the run lock, with the audit log and timeouts; docs/runtime.md). Fails when `src/lib.rs`
/// exists; [`Changeset::commit`] also refuses to overwrite.
///
/// A crate that lost its `src/lib.rs` is repaired: only the missing files are written,
/// and `lib.rs` declares and lists the migration files already in `src/`, in graph order.
pub fn scaffold(dir: &Path, options: &ScaffoldOptions) -> Result<Changeset, RevisionError> {
    let cargo = dir.join("Cargo.toml");
    let lib = dir.join("src").join("lib.rs");
    let main = dir.join("src").join("main.rs");
    if lib.exists() {
        return Err(RevisionError::AlreadyExists { path: lib });
    }
    let lib_name = options.package_name.replace('-', "_");
    let mut changes = Changeset::new();
    if !cargo.exists() {
        changes.push(cargo, cargo_toml(options, &lib_name), Expect::Absent);
    }
    changes.push(&lib, lib_rs_with(&lib, dir)?, Expect::Absent);
    if main.exists() {
        return Ok(changes);
    }
    changes.push(
        main,
        format!(
            "#[tokio::main]\nasync fn main() {{\n    autogen_migration::cli::run_cli({lib_name}::Migrator).await;\n}}\n"
        ),
        Expect::Absent,
    );
    Ok(changes)
}

/// `src/lib.rs` of a new crate: sea-orm-cli's template with no migrations.
pub const LIB_RS: &str = "pub use sea_orm_migration::prelude::*;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }
}
";

/// [`LIB_RS`] with the migration modules already in `dir/src` registered.
fn lib_rs_with(lib: &Path, dir: &Path) -> Result<String, RevisionError> {
    let order = MigrationDir::module_order_without_lib(dir)?;
    let mut text = LIB_RS.to_string();
    for module in &order {
        text = LibFile::parse(lib, text).with_module(module, &order)?;
    }
    Ok(text)
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn cargo_toml(options: &ScaffoldOptions, lib_name: &str) -> String {
    let mut deps = String::from(
        "tokio = { version = \"1\", features = [\"macros\", \"rt\", \"rt-multi-thread\"] }\n",
    );
    if let Some(path) = &options.runtime_path {
        let path = path.to_string_lossy().replace('\\', "/");
        deps.push_str(&format!(
            "autogen-migration = {{ path = {}, features = [\"sqlx-postgres\", \"sqlx-mysql\", \"sqlx-sqlite\", \"runtime-tokio-rustls\"] }}\n",
            toml_string(&path)
        ));
    }
    format!(
        "[package]
name = {name}
version = \"0.1.0\"
edition = \"2024\"
publish = false

[lib]
name = {lib}
path = \"src/lib.rs\"

[dependencies]
{deps}
[dependencies.sea-orm-migration]
version = \"2.0\"
features = [
    \"runtime-tokio-rustls\",
    \"sqlx-postgres\",
    \"sqlx-mysql\",
    \"sqlx-sqlite\",
]
",
        name = toml_string(&options.package_name),
        lib = toml_string(lib_name),
    )
}
