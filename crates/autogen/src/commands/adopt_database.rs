//! `autogen init --database URL` in a project that has only a database (no entities, no
//! migration crate, no `autogen.toml`): the entities are generated with sea-orm-codegen
//! (`entity/`), the registry lists them with the `Base` declarations the entities cannot
//! make (`autogen-registry/`), a migration crate is scaffolded (`migration/`) with a
//! baseline revision that creates the schema from empty, and the database is recorded
//! as being at that baseline. See `docs/adopting.md`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use autogen_diff::DiffOptions;
use autogen_reflect::{ConnectOptions, Database};
use autogen_revisions::{Changeset, Expect, ScaffoldOptions};
use autogen_schema::escape::terminal;
use autogen_schema::{Dialect, Schema};

use super::entities::{self, entity_modules};
use super::{Project, adopt, init, revision};
use crate::cli::{InitArgs, RevisionArgs};
use crate::config::{CONFIG_FILE, Config};
use crate::error::CliError;
use crate::output;
use crate::source::{load_models, read_database};

/// The directories `init --database` writes, as sea-orm-cli names its crates.
const ENTITY_DIR: &str = "entity";
const MIGRATION_DIR: &str = "migration";

/// The message (and file slug) of the baseline revision.
const BASELINE_MESSAGE: &str = "baseline";

/// SeaORM features the generated entities may need (chrono, JSON, UUID, decimals, arrays).
const SEA_ORM_FEATURES: &str = "\"macros\", \"with-json\", \"with-chrono\", \"with-uuid\", \"with-rust_decimal\", \"postgres-array\"";

/// Whether `init --database` finds nothing to adopt under `root` but a database: no
/// `autogen.toml`, no migration crate and no entity crate directory.
pub fn applies(root: &Path) -> bool {
    !root.join(CONFIG_FILE).exists()
        && [ENTITY_DIR, MIGRATION_DIR, "migrations", adopt::REGISTRY_DIR]
            .iter()
            .all(|d| !root.join(d).exists())
}

/// What this run wrote, to undo on failure.
struct Written {
    dirs: Vec<PathBuf>,
    files: Vec<(PathBuf, Option<String>)>,
}

impl Written {
    fn undo(&self) {
        for (path, text) in &self.files {
            let _ = match text {
                Some(text) => std::fs::write(path, text),
                None => std::fs::remove_file(path),
            };
        }
        for dir in &self.dirs {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Adopts the database at `url` into the project at `project.root`.
pub async fn run(project: &Project, args: &InitArgs, url: &str) -> Result<ExitCode, CliError> {
    let root = project.root.canonicalize().map_err(|e| CliError::Io {
        path: project.root.clone(),
        source: e,
    })?;
    let state = read_database(url, &project.config).await?;
    if !state.applied.is_empty() {
        return Err(CliError::Usage(format!(
            "the database has {} sea-orm-migration revision(s) applied (seaql_migrations), but {} has no migration crate: run `autogen init` in the project that has it",
            state.applied.len(),
            root.display()
        )));
    }
    check_expressible(&state.schema)?;
    let workspace = adopt::workspace_members(&root)?;
    if workspace.is_none() && root.join("Cargo.toml").exists() {
        return Err(CliError::Usage(format!(
            "{} is a package without [workspace]: `init --database` adds the crates {ENTITY_DIR}, {MIGRATION_DIR} and {} to a workspace; add a [workspace] section (or run it in an empty directory)",
            root.join("Cargo.toml").display(),
            adopt::REGISTRY_DIR
        )));
    }

    let written = Written {
        dirs: vec![
            root.join(ENTITY_DIR),
            root.join(MIGRATION_DIR),
            root.join(adopt::REGISTRY_DIR),
        ],
        files: vec![
            (
                root.join("Cargo.toml"),
                workspace.as_ref().map(|(_, t)| t.clone()),
            ),
            (root.join(CONFIG_FILE), None),
        ],
    };
    let result = adopt(
        project,
        args,
        url,
        &root,
        &state.schema,
        state.dialect,
        workspace,
    )
    .await;
    match result {
        Ok(code) => Ok(code),
        Err(e) => {
            // Nothing is left half-adopted: the directory is as it was before this run.
            written.undo();
            output::note("init: the files written were removed");
            Err(e)
        }
    }
}

/// Refuses what a SeaORM entity cannot be: a table without a primary key.
fn check_expressible(schema: &Schema) -> Result<(), CliError> {
    if schema.tables.is_empty() {
        return Err(CliError::Usage(
            "the database has no table: there is nothing to adopt; start with `autogen init` in a directory with your entities".into(),
        ));
    }
    let without: Vec<String> = schema
        .tables
        .values()
        .filter(|t| t.primary_key.is_none())
        .map(|t| terminal(&t.name).into_owned())
        .collect();
    if !without.is_empty() {
        return Err(CliError::Usage(format!(
            "table(s) without a primary key: {}; a SeaORM entity needs one (add one, or drop the table), then run `autogen init --database` again",
            without.join(", ")
        )));
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn adopt(
    project: &Project,
    args: &InitArgs,
    url: &str,
    root: &Path,
    schema: &Schema,
    dialect: Dialect,
    workspace: Option<(PathBuf, String)>,
) -> Result<ExitCode, CliError> {
    let migrations = root.join(MIGRATION_DIR);
    std::fs::create_dir_all(&migrations).map_err(|e| CliError::Io {
        path: migrations.clone(),
        source: e,
    })?;
    let mut config = project.config.clone();
    config.migrations.dir = PathBuf::from(MIGRATION_DIR);
    config.models.command = adopt::REGISTRY_COMMAND.to_string();
    let mut adopted = Project {
        root: root.to_path_buf(),
        config,
    };
    let lock = adopted.lock_dir("init")?;

    // The entity crate, the migration crate and their workspace.
    let files = entities::generate(schema)?;
    let modules = files
        .iter()
        .find(|f| f.name == "lib.rs")
        .map(|f| entity_modules(&f.content))
        .unwrap_or_default();
    let mut changes = Changeset::new();
    let entity = root.join(ENTITY_DIR);
    changes.push(
        entity.join("Cargo.toml"),
        format!(
            "# Written by `autogen init --database`: the entities sea-orm-codegen generated from the database.\n\
             [package]\nname = \"{ENTITY_DIR}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nsea-orm = {{ version = \"2.0\", default-features = false, features = [{SEA_ORM_FEATURES}] }}\n"
        ),
        Expect::Absent,
    );
    for f in &files {
        changes.push(
            entity.join("src").join(&f.name),
            f.content.clone(),
            Expect::Absent,
        );
    }
    let runtime_path = args
        .runtime_path
        .clone()
        .or_else(|| init::default_crate_path("autogen-migration", &migrations));
    let scaffold = autogen_revisions::scaffold(
        &migrations,
        &ScaffoldOptions {
            runtime_path: runtime_path.clone(),
            ..Default::default()
        },
    )?;
    for w in scaffold.writes() {
        changes.push(&w.path, w.contents.clone(), Expect::Absent);
    }
    match &workspace {
        Some((manifest, text)) => {
            let mut new = text.clone();
            for member in [ENTITY_DIR, MIGRATION_DIR] {
                new = adopt::add_workspace_member(manifest, &new, member)?;
            }
            changes.push(manifest, new, Expect::Unchanged(text.clone()));
        }
        None => changes.push(
            root.join("Cargo.toml"),
            format!(
                "# Written by `autogen init --database`.\n[workspace]\nresolver = \"3\"\nmembers = [\"{ENTITY_DIR}\", \"{MIGRATION_DIR}\"]\n"
            ),
            Expect::Absent,
        ),
    }
    changes.commit(&lock)?;

    // autogen.toml, the registry (entities only, for now) and its workspace membership.
    let mut layout = adopt::Layout {
        migrations_dir: PathBuf::from(MIGRATION_DIR),
        entities: vec![adopt::EntityDir {
            crate_dir: entity.clone(),
            package: ENTITY_DIR.to_string(),
            module_path: ENTITY_DIR.to_string(),
            modules,
        }],
        declarations: Vec::new(),
    };
    // Generated files serve the backend the entities were generated from.
    let config_text = init::CONFIG_TEMPLATE.replace(
        "# backends = [\"postgres\", \"mysql\", \"sqlite\"]",
        &format!("backends = [\"{}\"]", dialect.name()),
    );
    let models_path = init::default_crate_path("autogen-models", &root.join(adopt::REGISTRY_DIR));
    let mut changes = Changeset::new();
    adopt::plan(
        root,
        &layout,
        runtime_path.as_deref(),
        models_path.as_deref(),
        &config_text,
        &mut changes,
    )?;
    changes.commit(&lock)?;
    // From here on the project is what the written autogen.toml says, as for any later
    // command: the baseline serves the file's `backends` (the database's backend), not
    // the default a project without a file has (the backend of the default URL, SQLite).
    adopted.config = Config::load(root)?.0;
    let entities = layout.entities[0].modules.len();
    output::print(&format!(
        "Wrote {ENTITY_DIR}/ ({entities} entities generated by sea-orm-codegen from the database), {MIGRATION_DIR}/, {}/ and autogen.toml\n",
        adopt::REGISTRY_DIR
    ))?;

    // What the entities cannot say, declared in the registry: the hints of the plan from
    // the database to the models, as `check` prints them.
    let options = DiffOptions {
        dialect: Some(dialect),
        ..Default::default()
    };
    let models = load_models(&adopted.config.models, root)?;
    let plan = autogen_diff::diff(schema, &models, &options);
    layout.declarations = autogen_render::base_declarations(&plan);
    let mut remaining = plan;
    if !layout.declarations.is_empty() {
        let main = root.join(adopt::REGISTRY_DIR).join("src/main.rs");
        std::fs::write(&main, adopt::registry_main(&layout)).map_err(|e| CliError::Io {
            path: main.clone(),
            source: e,
        })?;
        let models = load_models(&adopted.config.models, root)?;
        remaining = autogen_diff::diff(schema, &models, &options);
        output::print(&format!(
            "Declared in {}/src/main.rs what the entities cannot say: {} Base declaration(s)\n",
            adopt::REGISTRY_DIR,
            layout.declarations.len()
        ))?;
    }
    if !remaining.is_empty() {
        output::note(&format!(
            "note: the generated entities do not say everything the database has; declare these by hand (then `autogen check --database` passes):\n{}",
            autogen_render::plan_text_with_hints(&remaining)
        ));
    }
    drop(lock);

    // The baseline: the schema from empty, recorded as applied in the database it came from.
    revision::run(
        &adopted,
        RevisionArgs {
            message: BASELINE_MESSAGE.to_string(),
            database: None,
            dev_url: None,
            empty: false,
            rename: Vec::new(),
            sql: None,
            // From empty: every table is new, so no step has an online form.
            online: false,
            no_online: false,
            allow: Vec::new(),
            phased: false,
        },
    )
    .await?;
    let dir = adopted.migrations()?;
    let heads = dir.heads();
    let [head] = heads.as_slice() else {
        return Err(CliError::Usage(format!(
            "{}: expected one baseline revision, found {} heads",
            migrations.display(),
            heads.len()
        )));
    };
    // The one write of autogen to a database, so not the commands' read-only connection
    // (SQLite opens its file read-only there); the file exists, it was just read.
    let options = ConnectOptions {
        read_only: false,
        ..adopted.config.connect_options()
    };
    let db = Database::connect_with(url, &options).await?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let recorded = db.record_applied_migration(&head.module, now).await;
    db.close().await;
    recorded?;
    output::print(&format!(
        "Recorded the baseline {} as applied in the database (its schema is the baseline's); `autogen check --database URL` compares them\n",
        head.module
    ))?;
    Ok(ExitCode::SUCCESS)
}
