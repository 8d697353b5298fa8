//! `autogen init`: `autogen.toml`, and a sea-orm-migration crate if there is none. An
//! existing crate with hand-written migrations is adopted: they become the base of the
//! graph, and the head snapshot is taken from a database at head or from the models.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use autogen_revisions::{Changeset, DirLock, Expect, MigrationDir, ScaffoldOptions};

use super::{Project, adopt, adopt_database};
use crate::cli::InitArgs;
use crate::config::CONFIG_FILE;
use crate::error::CliError;
use crate::output;
use crate::source::load_models;

pub(super) const CONFIG_TEMPLATE: &str = r#"# autogen configuration: see the README.

[models]
# A command printing the models' schema as JSON (see docs/models.md).
command = "cargo run -q -p models --bin autogen-schema"
# Seconds it may run before its process group is killed (0: no limit).
# timeout = 600

[migrations]
# The sea-orm-migration crate autogen writes revisions into.
dir = "migrations"
# The backends generated files run on; by default the backend of [database] url below.
# backends = ["postgres", "mysql", "sqlite"]

[database]
# The database `check --database`, `current` and `diff --from database` use by default;
# DATABASE_URL overrides it. The default is an embedded SQLite file.
# url = "postgres://user@localhost/app"
# Seconds to wait for a session, and for a read of the catalog (0: no limit).
# connect_timeout = 30
# statement_timeout = 300
"#;

/// Where autogen's crate `name` (`autogen-migration`, `autogen-models`) is, relative to
/// `from` (which may not exist yet), when autogen runs from its own source tree.
pub(super) fn default_crate_path(name: &str, from: &Path) -> Option<PathBuf> {
    let target = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(name)
        .canonicalize()
        .ok()?;
    let from = match from.canonicalize() {
        Ok(from) => from,
        Err(_) => from.parent()?.canonicalize().ok()?.join(from.file_name()?),
    };
    relative(&from, &target)
}

/// The path from directory `from` to `to`, both absolute; `None` when they share no root.
pub(super) fn relative(from: &Path, to: &Path) -> Option<PathBuf> {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for c in &to[common..] {
        path.push(c);
    }
    Some(path)
}

pub async fn run(project: &Project, args: InitArgs) -> Result<ExitCode, CliError> {
    // Nothing here but a database: generate the project from it.
    if let Some(url) = &args.database
        && adopt_database::applies(&project.root)
    {
        return adopt_database::run(project, &args, url).await;
    }
    if let Some(layout) = adopt::detect(&project.root)? {
        return adopt_project(project, &args, &layout).await;
    }
    let dir = project.migrations_dir();
    let created = !dir.exists();
    std::fs::create_dir_all(&dir).map_err(|e| CliError::Io {
        path: dir.clone(),
        source: e,
    })?;
    let result = match project.lock_dir("init") {
        Ok(lock) => locked(project, &args, &dir, &lock).await,
        Err(e) => Err(e),
    };
    if result.is_err() && created {
        // Nothing else wrote into a directory this run created under its lock.
        let _ = std::fs::remove_dir_all(dir.join(autogen_revisions::STATE_DIR));
        let _ = std::fs::remove_dir(&dir);
    }
    result
}

/// Adopts a sea-orm-cli project: writes `autogen.toml`, the registry crate and the runtime
/// dependency, then baselines the graph as for any existing crate. On error, the files it
/// wrote are restored.
async fn adopt_project(
    project: &Project,
    args: &InitArgs,
    layout: &adopt::Layout,
) -> Result<ExitCode, CliError> {
    let root = project.root.canonicalize().map_err(|e| CliError::Io {
        path: project.root.clone(),
        source: e,
    })?;
    let migrations = root.join(&layout.migrations_dir);
    let runtime_path = args
        .runtime_path
        .clone()
        .or_else(|| default_crate_path("autogen-migration", &migrations));
    let models_path = default_crate_path("autogen-models", &root.join(adopt::REGISTRY_DIR));
    let mut changes = Changeset::new();
    adopt::plan(
        &root,
        layout,
        runtime_path.as_deref(),
        models_path.as_deref(),
        CONFIG_TEMPLATE,
        &mut changes,
    )?;
    let mut config = project.config.clone();
    config.migrations.dir = layout.migrations_dir.clone();
    config.models.command = adopt::REGISTRY_COMMAND.to_string();
    let adopted = Project { root, config };
    let lock = adopted.lock_dir("init")?;
    let previous: Vec<(PathBuf, Option<String>)> = changes
        .writes()
        .iter()
        .map(|w| (w.path.clone(), std::fs::read_to_string(&w.path).ok()))
        .collect();
    let registry = adopted.root.join(adopt::REGISTRY_DIR);
    let runtime_added = changes.contents(&migrations.join("Cargo.toml")).is_some();
    changes.commit(&lock)?;
    let entities: usize = layout.entities.iter().map(|e| e.modules.len()).sum();
    let modules: Vec<&str> = layout
        .entities
        .iter()
        .map(|e| e.module_path.as_str())
        .collect();
    output::print(&format!(
        "Wrote autogen.toml and {}/ (a models registry of {entities} entities from {}){}\n",
        adopt::REGISTRY_DIR,
        modules.join(", "),
        if runtime_added {
            format!(
                "; added autogen-migration to {}",
                layout.migrations_dir.join("Cargo.toml").display()
            )
        } else {
            String::new()
        }
    ))?;
    let result = locked(&adopted, args, &migrations, &lock).await;
    if result.is_err() {
        // Nothing is left half-adopted: the files are as they were before this run.
        for (path, text) in previous {
            let _ = match text {
                Some(text) => std::fs::write(&path, text),
                None => std::fs::remove_file(&path),
            };
        }
        let _ = std::fs::remove_dir(registry.join("src"));
        let _ = std::fs::remove_dir(&registry);
        output::note("init: the files written above were restored");
    }
    result
}

async fn locked(
    project: &Project,
    args: &InitArgs,
    dir: &Path,
    lock: &DirLock,
) -> Result<ExitCode, CliError> {
    let mut changes = Changeset::new();
    let config_path = project.root.join(CONFIG_FILE);
    if !config_path.exists() {
        changes.push(&config_path, CONFIG_TEMPLATE, Expect::Absent);
    }
    let lib = dir.join("src").join("lib.rs");
    if !lib.exists() {
        let runtime_path = args
            .runtime_path
            .clone()
            .or_else(|| default_crate_path("autogen-migration", dir));
        let scaffold = autogen_revisions::scaffold(
            dir,
            &ScaffoldOptions {
                runtime_path,
                ..Default::default()
            },
        )?;
        let fresh = scaffold.contents(&dir.join("Cargo.toml")).is_some();
        for w in scaffold.writes() {
            changes.push(&w.path, w.contents.clone(), Expect::Absent);
        }
        changes.commit(lock)?;
        if fresh {
            output::print(&format!(
                "Created {} (a sea-orm-migration crate)\nAdd it to your workspace members, then run `autogen revision -m \"initial\"`.\n",
                dir.display()
            ))?;
        } else {
            let registered = MigrationDir::load(dir)?.graph().revisions().len();
            output::print(&format!(
                "Wrote {}, registering {registered} migration file(s); review it\n",
                lib.display()
            ))?;
        }
        return Ok(ExitCode::SUCCESS);
    }

    // An existing crate: adopt it, taking the head snapshot if it has none.
    let existing = MigrationDir::load(dir)?;
    if existing.snapshot().is_none() && !existing.graph().is_empty() {
        let heads = existing.heads();
        let [head] = heads.as_slice() else {
            return Err(CliError::Usage(format!(
                "{} has {} heads; merge them before taking a snapshot",
                dir.display(),
                heads.len()
            )));
        };
        let schema = match &args.database {
            Some(url) => project.database_at_head(&existing, url).await?.schema,
            None => load_models(&project.config.models, &project.root)?,
        };
        changes.push(
            existing.snapshot_path(),
            autogen_revisions::snapshot_to_json(&schema, &head.id),
            Expect::Absent,
        );
        changes.commit(lock)?;
        output::print(&format!(
            "Adopted {}: {} migration(s), head snapshot at {} taken from {}\n",
            dir.display(),
            existing.graph().revisions().len(),
            head.id,
            if args.database.is_some() {
                "the database"
            } else {
                "the models"
            }
        ))?;
    } else {
        let wrote_config = !changes.is_empty();
        changes.commit(lock)?;
        output::print(&format!(
            "{}{} is ready\n",
            if wrote_config {
                "Wrote autogen.toml; "
            } else {
                ""
            },
            dir.display()
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
