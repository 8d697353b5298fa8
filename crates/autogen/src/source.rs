//! Where a schema comes from: the models, a live database, a snapshot file, or nothing.

use std::path::{Path, PathBuf};

use autogen_reflect::Database;
use autogen_schema::ignore::Ignore;
use autogen_schema::{Dialect, Schema};

use crate::config::{Config, ModelsConfig};
use crate::error::CliError;
use crate::output;
use crate::process::{self, Failure};
use crate::progress;

/// A schema source as the command line names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The SeaORM models, through the configured command.
    Models,
    /// A live database.
    Database(String),
    /// A JSON snapshot file.
    Snapshot(PathBuf),
    /// No schema at all.
    Empty,
}

impl Source {
    /// Parses `models`, `empty`, `database` (the configured database), a URL
    /// (`scheme://…`, `sqlite:…`) or a `*.json` path.
    pub fn parse(text: &str, config: &Config) -> Result<Source, CliError> {
        match text {
            "models" => return Ok(Source::Models),
            "empty" => return Ok(Source::Empty),
            "database" => return Ok(Source::Database(config.database_url())),
            _ => {}
        }
        if text.contains("://") || text.starts_with("sqlite:") {
            return Ok(Source::Database(text.to_string()));
        }
        if text.ends_with(".json") {
            return Ok(Source::Snapshot(PathBuf::from(text)));
        }
        // Not echoed as typed: a mistyped URL (`postgres//u:secret@h/db`) may hold a password.
        Err(CliError::Usage(format!(
            "unknown schema source {:?}: use models, database, empty, a database URL or a .json snapshot",
            autogen_reflect::redact(text)
        )))
    }

    /// The dialect the source is bound to, if any (databases only).
    pub fn dialect(&self) -> Result<Option<Dialect>, CliError> {
        match self {
            Source::Database(url) => Ok(Some(autogen_reflect::dialect_of_url(url)?)),
            _ => Ok(None),
        }
    }

    /// Loads the schema on a task of its own, so two sources load at the same time.
    pub async fn load_concurrently(self, config: &Config, root: &Path) -> Result<Schema, CliError> {
        let (config, root) = (config.clone(), root.to_path_buf());
        tokio::spawn(async move { self.load(&config, &root).await })
            .await
            .map_err(|e| CliError::Usage(format!("loading a schema failed: {e}")))?
    }

    /// Loads the schema.
    pub async fn load(&self, config: &Config, root: &Path) -> Result<Schema, CliError> {
        match self {
            Source::Models => {
                // A child process: off the async workers, so another source loads meanwhile.
                let (models, root) = (config.models.clone(), root.to_path_buf());
                tokio::task::spawn_blocking(move || load_models(&models, &root))
                    .await
                    .map_err(|e| CliError::Models(format!("the models task failed: {e}")))?
            }
            Source::Database(url) => {
                let _step = progress::step("Reading the database");
                let db = Database::connect_with(url, &config.connect_options()).await?;
                let options = config.reflect_options();
                let schema = db.reflect(&options).await;
                db.close().await;
                Ok(schema?)
            }
            Source::Snapshot(path) => {
                let file = std::fs::File::open(path).map_err(|e| CliError::Io {
                    path: path.clone(),
                    source: e,
                })?;
                // Read as a stream: the text is as large as the schema, and never needed whole.
                Schema::from_json_reader(std::io::BufReader::with_capacity(1 << 16, file))
                    .map_err(|e| e.to_string())
                    .and_then(|s| s.validate(None).map(|()| s).map_err(|e| e.to_string()))
                    .map(Schema::normalized)
                    .map_err(|message| CliError::Snapshot {
                        path: path.clone(),
                        message,
                    })
            }
            Source::Empty => Ok(Schema::default()),
        }
    }
}

/// The models as they are compared with `other`: with the objects of `other` that they do
/// not declare ([`Schema::keep_unmanaged`]), and with `other`'s version of every object
/// `[models] ignore` covers ([`Schema::take_ignored_from`]).
pub fn models_as_compared<'a>(
    models: &'a Schema,
    other: &Schema,
    ignore: &Ignore,
) -> std::borrow::Cow<'a, Schema> {
    if !models.lacks_unmanaged_of(other) && ignore.is_empty() {
        return std::borrow::Cow::Borrowed(models);
    }
    let mut out = models.clone();
    out.keep_unmanaged(other);
    out.take_ignored_from(other, ignore);
    std::borrow::Cow::Owned(out)
}

/// What a database holds: its dialect, the migrations applied to it, and its schema.
pub struct DatabaseState {
    /// The database's dialect.
    pub dialect: Dialect,
    /// `seaql_migrations` versions, in order.
    pub applied: Vec<String>,
    /// The reflected schema.
    pub schema: Schema,
}

/// Connects, reads the applied migrations and the schema, and closes.
pub async fn read_database(url: &str, config: &Config) -> Result<DatabaseState, CliError> {
    let _step = progress::step("Reading the database");
    let db = Database::connect_with(url, &config.connect_options()).await?;
    let applied = db.applied_migrations().await;
    let schema = db.reflect(&config.reflect_options()).await;
    let dialect = db.dialect();
    db.close().await;
    Ok(DatabaseState {
        dialect,
        applied: applied?,
        schema: schema?,
    })
}

/// Runs the models command in `root`, within its timeout; its stderr comes to ours as it is
/// written: cargo's progress lines as the spinner's message on a terminal, everything
/// else (the compiler's messages) printed.
pub fn load_models(models: &ModelsConfig, root: &Path) -> Result<Schema, CliError> {
    let command = &models.command;
    let step = std::sync::Arc::new(progress::step("Building the models"));
    if !step.on_terminal() {
        output::note(&format!("Building the models ({command})…"));
    }
    let lines = std::sync::Arc::clone(&step);
    let finished = process::run_shell(command, root, models.timeout.0, move |line| {
        if is_cargo_progress(line) {
            lines.progress(line);
        } else {
            lines.println(line);
        }
    });
    step.finish();
    let finished = finished.map_err(|f| match f {
        Failure::Spawn(e) => CliError::Models(format!("cannot run `{command}`: {e}")),
        Failure::Read(e) => CliError::Models(format!("reading the output of `{command}`: {e}")),
        Failure::TimedOut(after) => CliError::Models(format!(
            "`{command}` timed out after {}s; its process group was killed (raise [models] timeout in autogen.toml if it is only slow)",
            after.as_secs_f64()
        )),
    })?;
    if !finished.status.success() {
        return Err(CliError::Models(format!(
            "`{command}` failed ({}); its errors are above",
            finished.status
        )));
    }
    if finished.pipe_left_open {
        output::note(&format!(
            "note: `{command}` exited, but a process it started still holds its output open; autogen read what was written until then"
        ));
    }
    let text = String::from_utf8(finished.stdout)
        .map_err(|_| CliError::Models(format!("`{command}` printed output that is not UTF-8")))?;
    let schema = Schema::from_json(&text)
        .map_err(|e| CliError::Models(format!("`{command}` printed no schema: {e}")))?;
    schema
        .validate(None)
        .map_err(|e| CliError::Models(format!("`{command}` printed an {e}")))?;
    Ok(schema.normalized())
}

/// Whether a line is one of cargo's status lines (`   Compiling serde v1.0`), which a
/// spinner can show one at a time, rather than a message to keep (`error[E0308]: …`).
pub(crate) fn is_cargo_progress(line: &str) -> bool {
    const VERBS: [&str; 13] = [
        "Compiling",
        "Checking",
        "Building",
        "Blocking",
        "Downloading",
        "Downloaded",
        "Updating",
        "Locking",
        "Adding",
        "Fresh",
        "Dirty",
        "Finished",
        "Running",
    ];
    let trimmed = line.trim_start();
    // Cargo right-aligns its verb in twelve columns.
    line.len() - trimmed.len() <= 12
        && trimmed
            .split_once(' ')
            .is_some_and(|(verb, _)| VERBS.contains(&verb))
}

#[cfg(test)]
mod tests {
    use super::is_cargo_progress;

    #[test]
    fn the_models_keep_the_views_and_triggers_they_cannot_declare() {
        use autogen_schema::{Schema, Trigger, View};
        let mut database = Schema::default();
        database.views.insert(
            "v".into(),
            View {
                name: "v".into(),
                definition: "CREATE VIEW v AS SELECT 1".into(),
                ..View::default()
            },
        );
        database.triggers.insert(
            "t".into(),
            Trigger::new(
                "t",
                "users",
                "CREATE TRIGGER t AFTER INSERT ON users BEGIN SELECT 1; END",
            ),
        );
        let models = Schema::default();
        let kept = super::models_as_compared(
            &models,
            &database,
            &autogen_schema::ignore::Ignore::default(),
        );
        assert_eq!(kept.views, database.views);
        assert_eq!(kept.triggers, database.triggers);
        let plan = autogen_diff::diff(
            &database,
            &kept,
            &autogen_diff::DiffOptions {
                dialect: Some(autogen_schema::Dialect::Sqlite),
                ..Default::default()
            },
        );
        assert!(plan.is_empty(), "{:?}", plan.ops);
        // Nothing to keep: the models are not copied.
        assert!(matches!(
            super::models_as_compared(
                &models,
                &Schema::default(),
                &autogen_schema::ignore::Ignore::default()
            ),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn cargo_status_lines_are_progress_and_messages_are_not() {
        for line in [
            "   Compiling serde v1.0.229",
            "    Finished `dev` profile [unoptimized + debuginfo] target(s) in 3.2s",
            "     Running `target/debug/autogen-schema`",
        ] {
            assert!(is_cargo_progress(line), "{line}");
        }
        for line in [
            "error[E0308]: mismatched types",
            "warning: unused variable: `x`",
            "  --> models/src/account/accounts.rs:12:5",
            "Compiling",
            "",
        ] {
            assert!(!is_cargo_progress(line), "{line}");
        }
    }
}
