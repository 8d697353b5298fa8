//! Adopting a project scaffolded by sea-orm-cli (`sea-orm-cli migrate init` and
//! `sea-orm-cli generate entity`): its `migration` crate and its entity modules are found,
//! and `init` writes what autogen needs beside them: `autogen.toml`, a models registry
//! crate listing every entity, and the `autogen-migration` runtime dependency of the
//! migration crate. See `docs/adopting.md`.

use std::path::{Component, Path, PathBuf};

use autogen_revisions::{Changeset, Expect};

use crate::error::CliError;

/// The directory (and package name) of the registry crate `init` writes.
pub const REGISTRY_DIR: &str = "autogen-registry";

/// The models command of an adopted project: the registry crate's binary.
pub const REGISTRY_COMMAND: &str =
    "cargo run -q --manifest-path autogen-registry/Cargo.toml --bin autogen-schema";

/// The features of `autogen-migration`, each forwarded to the sea-orm-migration feature
/// of the same name.
const RUNTIME_FEATURES: [&str; 4] = [
    "sqlx-postgres",
    "sqlx-mysql",
    "sqlx-sqlite",
    "runtime-tokio-rustls",
];

/// Directories never searched for entities.
const SKIPPED_DIRS: [&str; 3] = ["target", "node_modules", REGISTRY_DIR];

/// How deep below the project root entity modules are looked for (`entity/src/entities`).
const SEARCH_DEPTH: usize = 5;

/// A sea-orm-cli project found under the root.
#[derive(Debug)]
pub struct Layout {
    /// The migration crate, relative to the root (`migration`).
    pub migrations_dir: PathBuf,
    /// The entity modules, grouped by the directory module holding them.
    pub entities: Vec<EntityDir>,
    /// `Base` declarations for the registry (Rust statements naming entities by their
    /// module, `post::Entity`): what SeaORM attributes cannot say about a database that
    /// `init --database` generated the entities from; none for a sea-orm-cli project.
    pub declarations: Vec<String>,
}

/// A directory module of entities (`entity/src`, `src/entities`).
#[derive(Debug)]
pub struct EntityDir {
    /// The crate's directory.
    pub crate_dir: PathBuf,
    /// The crate's package name, as a dependency is declared.
    pub package: String,
    /// The Rust path of the directory module (`entity`, `app::entities`).
    pub module_path: String,
    /// The entity modules in it (`post`, `comment`), sorted.
    pub modules: Vec<String>,
}

/// The sea-orm-cli layout under `root`, when there is a migration crate with a `src/lib.rs`
/// (`migration`, or `migrations`) and no `autogen.toml`: `None` otherwise. An error when a
/// migration crate is there but no entity module is found, or the entities are not in a
/// library crate.
pub fn detect(root: &Path) -> Result<Option<Layout>, CliError> {
    if root.join(crate::config::CONFIG_FILE).exists() {
        return Ok(None);
    }
    let root = &root.canonicalize().map_err(|e| CliError::Io {
        path: root.to_path_buf(),
        source: e,
    })?;
    let Some(migrations_dir) = ["migration", "migrations"]
        .into_iter()
        .map(PathBuf::from)
        .find(|d| {
            root.join(d).join("src/lib.rs").is_file() && root.join(d).join("Cargo.toml").is_file()
        })
    else {
        return Ok(None);
    };
    let mut files = Vec::new();
    entity_files(root, &root.join(&migrations_dir), 0, &mut files)?;
    if files.is_empty() {
        return Ok(None);
    }
    let mut by_dir: std::collections::BTreeMap<PathBuf, Vec<String>> = Default::default();
    for file in files {
        let dir = file.parent().expect("a file has a parent").to_path_buf();
        let module = file
            .file_stem()
            .expect("an .rs file has a stem")
            .to_string_lossy()
            .into_owned();
        by_dir.entry(dir).or_default().push(module);
    }
    let mut entities = Vec::new();
    for (dir, modules) in by_dir {
        entities.push(EntityDir {
            modules,
            ..entity_dir(&dir)?
        });
    }
    entities.sort_by(|a, b| a.module_path.cmp(&b.module_path));
    Ok(Some(Layout {
        migrations_dir,
        entities,
        declarations: Vec::new(),
    }))
}

/// The `.rs` files under `dir` that declare a SeaORM entity (`#[sea_orm(table_name = …)]`),
/// outside the migration crate, `target` and hidden directories.
fn entity_files(
    dir: &Path,
    migrations: &Path,
    depth: usize,
    out: &mut Vec<PathBuf>,
) -> Result<(), CliError> {
    if depth > SEARCH_DEPTH || dir == migrations {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| CliError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name.as_str()) && name != "bin" {
                entity_files(&path, migrations, depth + 1, out)?;
            }
        } else if meta.is_file()
            && name.ends_with(".rs")
            && !["lib.rs", "main.rs", "mod.rs", "prelude.rs"].contains(&name.as_str())
            && is_rust_ident(name.trim_end_matches(".rs"))
            && std::fs::read_to_string(&path).is_ok_and(|text| declares_entity(&text))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Whether a file is a SeaORM entity as sea-orm-cli writes them: a `table_name` attribute
/// on a `DeriveEntityModel` or `#[sea_orm::model]` struct.
fn declares_entity(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("#[sea_orm(") && l.contains("table_name")
    }) && (text.contains("DeriveEntityModel") || text.contains("sea_orm::model"))
}

fn is_rust_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The crate holding the directory module `dir`, and the module's Rust path.
fn entity_dir(dir: &Path) -> Result<EntityDir, CliError> {
    let mut crate_dir = dir.to_path_buf();
    let manifest = loop {
        let candidate = crate_dir.join("Cargo.toml");
        if candidate.is_file() {
            break candidate;
        }
        if !crate_dir.pop() {
            return Err(CliError::Usage(format!(
                "the entities in {} are in no cargo package",
                dir.display()
            )));
        }
    };
    let text = read(&manifest)?;
    let toml: toml::Table = toml::from_str(&text).map_err(|e| CliError::Config {
        path: manifest.clone(),
        message: e.to_string(),
    })?;
    let Some(package) = toml
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
    else {
        return Err(CliError::Usage(format!(
            "{}: no [package] name; the entities in {} must be in a package",
            manifest.display(),
            dir.display()
        )));
    };
    let lib_name = toml
        .get("lib")
        .and_then(|l| l.get("name"))
        .and_then(|n| n.as_str())
        .map_or_else(|| package.replace('-', "_"), str::to_string);
    if !crate_dir.join("src/lib.rs").is_file() {
        return Err(CliError::Usage(format!(
            "the entities in {} are in a binary crate ({} has no src/lib.rs): autogen reads entities from a library; move them into one (sea-orm-cli's `entity` crate layout)",
            dir.display(),
            manifest.display()
        )));
    }
    let inner = dir.strip_prefix(crate_dir.join("src")).map_err(|_| {
        CliError::Usage(format!(
            "the entities in {} are outside {}",
            dir.display(),
            crate_dir.join("src").display()
        ))
    })?;
    let mut module_path = lib_name;
    for c in inner.components() {
        match c {
            Component::Normal(part) if is_rust_ident(&part.to_string_lossy()) => {
                module_path.push_str("::");
                module_path.push_str(&part.to_string_lossy());
            }
            _ => {
                return Err(CliError::Usage(format!(
                    "{} is not a Rust module path",
                    dir.display()
                )));
            }
        }
    }
    Ok(EntityDir {
        crate_dir,
        package: package.to_string(),
        module_path,
        modules: Vec::new(),
    })
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|e| CliError::Io {
        path: path.to_path_buf(),
        source: e,
    })
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A dependency on one of autogen's crates: a path when autogen runs from its source tree
/// (or `path` is given), else the version of this autogen.
fn autogen_dependency(path: Option<&Path>, extra: &str) -> String {
    match path {
        Some(path) => format!(
            "{{ path = {}{extra} }}",
            toml_string(&path.to_string_lossy().replace('\\', "/"))
        ),
        None => format!(
            "{{ version = {}{extra} }}",
            toml_string(env!("CARGO_PKG_VERSION"))
        ),
    }
}

/// Adds to `changes` the writes that adopt `layout` under `root`: `autogen.toml`, the
/// registry crate, its workspace membership and the runtime dependency. `runtime_path`
/// and `models_path` are the paths of autogen-migration (relative to the migration crate)
/// and autogen-models (relative to the registry crate), when known.
pub fn plan(
    root: &Path,
    layout: &Layout,
    runtime_path: Option<&Path>,
    models_path: Option<&Path>,
    config: &str,
    changes: &mut Changeset,
) -> Result<(), CliError> {
    changes.push(
        root.join(crate::config::CONFIG_FILE),
        config
            .replace(
                "command = \"cargo run -q -p models --bin autogen-schema\"",
                &format!("command = {}", toml_string(REGISTRY_COMMAND)),
            )
            .replace(
                "dir = \"migrations\"",
                &format!(
                    "dir = {}",
                    toml_string(&layout.migrations_dir.to_string_lossy())
                ),
            )
            // A sea-orm-migration crate's hand-written files run on any backend; generated
            // ones keep that until the project narrows the list.
            .replace(
                "# backends = [\"postgres\", \"mysql\", \"sqlite\"]",
                "backends = [\"postgres\", \"mysql\", \"sqlite\"]",
            ),
        Expect::Absent,
    );
    let registry = root.join(REGISTRY_DIR);
    let in_workspace = workspace_members(root)?;
    changes.push(
        registry.join("Cargo.toml"),
        registry_manifest(layout, &registry, models_path, in_workspace.is_none()),
        Expect::Absent,
    );
    changes.push(
        registry.join("src/main.rs"),
        registry_main(layout),
        Expect::Absent,
    );
    if let Some((manifest, text)) = in_workspace {
        changes.push(
            &manifest,
            add_member(&manifest, &text)?,
            Expect::Unchanged(text),
        );
    }
    let manifest = root.join(&layout.migrations_dir).join("Cargo.toml");
    let text = read(&manifest)?;
    if let Some(new) = add_runtime_dependency(&manifest, &text, runtime_path)? {
        changes.push(&manifest, new, Expect::Unchanged(text));
    }
    Ok(())
}

/// The root manifest and its text when the root is a cargo workspace.
pub fn workspace_members(root: &Path) -> Result<Option<(PathBuf, String)>, CliError> {
    let manifest = root.join("Cargo.toml");
    if !manifest.is_file() {
        return Ok(None);
    }
    let text = read(&manifest)?;
    let toml: toml::Table = toml::from_str(&text).map_err(|e| CliError::Config {
        path: manifest.clone(),
        message: e.to_string(),
    })?;
    Ok(toml.contains_key("workspace").then_some((manifest, text)))
}

/// `text` with the registry crate added to `[workspace] members`.
fn add_member(manifest: &Path, text: &str) -> Result<String, CliError> {
    add_workspace_member(manifest, text, REGISTRY_DIR)
}

/// `text` with `member` added to `[workspace] members`.
pub fn add_workspace_member(manifest: &Path, text: &str, member: &str) -> Result<String, CliError> {
    let refuse = || {
        CliError::Usage(format!(
            "{}: cannot add {member:?} to [workspace] members (no `members = [` line in [workspace]); add it, then run `autogen init` again",
            manifest.display()
        ))
    };
    let mut out = String::with_capacity(text.len() + 32);
    let mut section = String::new();
    let mut done = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            section = trimmed.to_string();
        }
        out.push_str(line);
        if !done && section == "[workspace]" && trimmed.starts_with("members") {
            let Some(open) = line.find('[') else {
                return Err(refuse());
            };
            let at = out.len() - line.len() + open + 1;
            out.insert_str(at, &format!("{}, ", toml_string(member)));
            done = true;
        }
    }
    if !done {
        // A workspace without members lists its root package only: add ours.
        let Some(at) = out.find("[workspace]\n") else {
            return Err(refuse());
        };
        out.insert_str(
            at + "[workspace]\n".len(),
            &format!("members = [\".\", {}]\n", toml_string(member)),
        );
    }
    let parsed: toml::Table = toml::from_str(&out).map_err(|_| refuse())?;
    let listed = parsed
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(|m| m.as_array())
        .is_some_and(|m| m.iter().any(|v| v.as_str() == Some(member)));
    if !listed {
        return Err(refuse());
    }
    Ok(out)
}

/// The migration crate's manifest with an `autogen-migration` dependency, with the
/// features its sea-orm-migration dependency enables; `None` when it has one.
fn add_runtime_dependency(
    manifest: &Path,
    text: &str,
    runtime_path: Option<&Path>,
) -> Result<Option<String>, CliError> {
    let toml: toml::Table = toml::from_str(text).map_err(|e| CliError::Config {
        path: manifest.to_path_buf(),
        message: e.to_string(),
    })?;
    let deps = toml.get("dependencies").and_then(|d| d.as_table());
    if deps.is_some_and(|d| d.contains_key("autogen-migration")) {
        return Ok(None);
    }
    let enabled: Vec<&str> = deps
        .and_then(|d| d.get("sea-orm-migration"))
        .and_then(|m| m.get("features"))
        .and_then(|f| f.as_array())
        .map(|f| f.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let features: Vec<String> = RUNTIME_FEATURES
        .iter()
        .filter(|f| enabled.contains(f))
        .map(|f| toml_string(f))
        .collect();
    let line = format!(
        "autogen-migration = {}\n",
        autogen_dependency(
            runtime_path,
            &format!(", features = [{}]", features.join(", "))
        )
    );
    let mut out = String::with_capacity(text.len() + line.len());
    let mut added = false;
    for l in text.split_inclusive('\n') {
        out.push_str(l);
        if !added && l.trim() == "[dependencies]" {
            if !l.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&line);
            added = true;
        }
    }
    if !added {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("\n[dependencies]\n");
        out.push_str(&line);
    }
    Ok(Some(out))
}

fn registry_manifest(
    layout: &Layout,
    registry: &Path,
    models_path: Option<&Path>,
    own_workspace: bool,
) -> String {
    let mut deps = format!("autogen-models = {}\n", autogen_dependency(models_path, ""));
    let mut packages: Vec<(&str, &Path)> = layout
        .entities
        .iter()
        .map(|e| (e.package.as_str(), e.crate_dir.as_path()))
        .collect();
    packages.sort();
    packages.dedup();
    for (package, dir) in packages {
        let path = super::init::relative(registry, dir).unwrap_or_else(|| dir.to_path_buf());
        deps.push_str(&format!(
            "{} = {{ path = {} }}\n",
            package,
            toml_string(&path.to_string_lossy().replace('\\', "/"))
        ));
    }
    format!(
        "# Written by `autogen init`: the models registry autogen reads (docs/adopting.md).\n\
         [package]\nname = {name}\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [[bin]]\nname = \"autogen-schema\"\npath = \"src/main.rs\"\n\n\
         [dependencies]\n{deps}{workspace}",
        name = toml_string(REGISTRY_DIR),
        workspace = if own_workspace { "\n[workspace]\n" } else { "" },
    )
}

pub fn registry_main(layout: &Layout) -> String {
    let mut registrations = String::new();
    for e in &layout.entities {
        for m in &e.modules {
            registrations.push_str(&format!(
                "    base.register::<{}::{m}::Entity>();\n",
                e.module_path
            ));
        }
    }
    if !layout.declarations.is_empty() {
        // The declarations name entities by module (`post::Entity`), as the hints print them.
        registrations.push_str(
            "\n    // What SeaORM attributes cannot say (written by `autogen init --database`).\n",
        );
        for e in &layout.entities {
            registrations.push_str(&format!(
                "    #[allow(unused_imports)]\n    use {}::*;\n",
                e.module_path
            ));
        }
        registrations.push_str("    #[allow(unused_imports)]\n    use autogen_models::{Check, ColumnType, DefaultValue, Identity, Index, IndexMethod, Unique};\n");
        for d in &layout.declarations {
            registrations.push_str(&format!("    {d}\n"));
        }
    }
    format!(
        "//! The models registry: every entity of the project, and what SeaORM attributes cannot\n\
         //! declare (indexes over several columns, checks, constraint names: see autogen's\n\
         //! docs/models.md). `autogen` runs this binary and reads the schema it prints.\n\
         //! Written by `autogen init`; register new entities here.\n\n\
         use autogen_models::{{Base, ModelsError}};\n\n\
         /// The registry.\n\
         pub fn base() -> Result<Base, ModelsError> {{\n    \
         let mut base = Base::new();\n{registrations}    Ok(base)\n}}\n\n\
         fn main() -> std::process::ExitCode {{\n    autogen_models::main(base())\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_joins_the_workspace_members() {
        let m = Path::new("Cargo.toml");
        let one_line = add_member(m, "[workspace]\nmembers = [\".\", \"entity\"]\n").unwrap();
        assert_eq!(
            one_line,
            "[workspace]\nmembers = [\"autogen-registry\", \".\", \"entity\"]\n"
        );
        let multi = add_member(
            m,
            "[package]\nname = \"app\"\n\n[workspace]\nmembers = [\n    \".\",\n    \"migration\",\n]\n",
        )
        .unwrap();
        assert!(
            multi.contains("members = [\"autogen-registry\", \n"),
            "{multi}"
        );
        let bare = add_member(m, "[package]\nname = \"app\"\n\n[workspace]\n").unwrap();
        assert!(
            bare.contains("[workspace]\nmembers = [\".\", \"autogen-registry\"]\n"),
            "{bare}"
        );
        // A `members` key of another table is not the workspace's.
        let odd = add_member(m, "[workspace.metadata]\nmembers = [1]\n[workspace]\n").unwrap();
        assert!(
            odd.contains("[workspace]\nmembers = [\".\", \"autogen-registry\"]"),
            "{odd}"
        );
    }

    #[test]
    fn the_runtime_dependency_gets_the_enabled_features_once() {
        let m = Path::new("migration/Cargo.toml");
        let text = "[package]\nname = \"migration\"\n\n[dependencies]\ntokio = \"1\"\n\n\
                    [dependencies.sea-orm-migration]\nversion = \"2.0\"\nfeatures = [\n    # a comment\n    \"runtime-tokio-rustls\",\n    \"sqlx-sqlite\",\n]\n";
        let new = add_runtime_dependency(m, text, Some(Path::new("../../autogen-migration")))
            .unwrap()
            .unwrap();
        assert!(
            new.contains("[dependencies]\nautogen-migration = { path = \"../../autogen-migration\", features = [\"sqlx-sqlite\", \"runtime-tokio-rustls\"] }\ntokio"),
            "{new}"
        );
        let parsed: toml::Table = toml::from_str(&new).unwrap();
        assert!(parsed["dependencies"].get("autogen-migration").is_some());
        assert_eq!(add_runtime_dependency(m, &new, None).unwrap(), None);
        let versioned = add_runtime_dependency(m, "[package]\nname = \"m\"\n", None)
            .unwrap()
            .unwrap();
        assert!(
            versioned.ends_with(&format!(
                "[dependencies]\nautogen-migration = {{ version = \"{}\", features = [] }}\n",
                env!("CARGO_PKG_VERSION")
            )),
            "{versioned}"
        );
    }

    #[test]
    fn entities_are_found_by_their_table_name_attribute() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        let entity = "use sea_orm::entity::prelude::*;\n#[derive(DeriveEntityModel)]\n#[sea_orm(table_name = \"post\")]\npub struct Model {}\n";
        write(
            "Cargo.toml",
            "[package]\nname = \"my-app\"\n\n[workspace]\n",
        );
        write("src/lib.rs", "pub mod entities;\n");
        write("src/entities/mod.rs", "pub mod post;\n");
        write("src/entities/post.rs", entity);
        write(
            "src/entities/prelude.rs",
            "pub use super::post::Entity as Post;\n",
        );
        write("migration/Cargo.toml", "[package]\nname = \"migration\"\n");
        write("migration/src/lib.rs", "");
        // Entities-shaped files in the migration crate and target/ are not entities.
        write("migration/src/post.rs", entity);
        write("target/debug/post.rs", entity);
        let layout = detect(root).unwrap().unwrap();
        assert_eq!(layout.migrations_dir, PathBuf::from("migration"));
        let [found] = layout.entities.as_slice() else {
            panic!("{layout:?}");
        };
        assert_eq!(found.module_path, "my_app::entities");
        assert_eq!(found.modules, ["post"]);
        assert_eq!(found.package, "my-app");

        // A binary crate's entities cannot be registered: the error says why.
        std::fs::remove_file(root.join("src/lib.rs")).unwrap();
        let err = detect(root).unwrap_err().to_string();
        assert!(err.contains("binary crate"), "{err}");

        // A configured project is not adopted again.
        write("autogen.toml", "");
        assert!(detect(root).unwrap().is_none());
    }
}
