//! The scratch database `verify` works on, and the project's migrations binary that it
//! runs there.
//!
//! - SQLite: a file in a new temporary directory, removed afterwards.
//! - PostgreSQL, MySQL/MariaDB: a database with a unique name, created on the server of
//!   the URL given (the URL's own database is not touched) and dropped afterwards, also
//!   when verification fails; or a `dev_url` database used as it is, which must be empty.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use autogen_reflect::{ConnectOptions, Database, ReflectOptions};
use autogen_schema::Dialect;

use crate::commands::Project;
use crate::error::CliError;
use crate::output;
use crate::process::{self, Failure};
use crate::progress;

/// Where the scratch database lives and how to get rid of it.
pub enum Scratch {
    /// A SQLite file in a temporary directory of its own.
    SqliteFile { dir: PathBuf, url: String },
    /// A database created on a server: the URL to reach the server, the name, the URL of
    /// the new database.
    Created {
        server: String,
        name: String,
        url: String,
        dialect: Dialect,
    },
    /// A database given by `dev_url`, used as it is.
    Dev { url: String },
}

/// A name no other run uses at the same time: the process id and the time.
fn unique_name() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("autogen_verify_{}_{:x}", std::process::id(), nanos)
}

/// Connection settings for the scratch database: writable, with the configured timeouts.
pub fn connect_options(project: &Project) -> ConnectOptions {
    ConnectOptions {
        read_only: false,
        ..project.config.connect_options()
    }
}

/// `url` with its database (the path after the host) replaced by `name`.
pub fn with_database(url: &str, name: &str) -> Result<String, CliError> {
    let bad = || {
        CliError::Usage(format!(
            "cannot tell the database in {}: expected scheme://host/database",
            autogen_reflect::redact(url)
        ))
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let authority = before_query.split('/').next().ok_or_else(bad)?;
    if authority.is_empty() {
        return Err(bad());
    }
    let mut out = format!("{scheme}://{authority}/{name}");
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    Ok(out)
}

impl Scratch {
    /// Makes the scratch database: on `dev_url` if given (checked empty), else on the
    /// server of `server_url` (PostgreSQL, MySQL), else a temporary SQLite file.
    pub async fn open(
        project: &Project,
        dev_url: Option<String>,
        server_url: Option<String>,
    ) -> Result<Scratch, CliError> {
        if let Some(url) = dev_url {
            let url = crate::config::sqlite_url_relative_to(&url, &project.root);
            let db = Database::connect_with(&url, &connect_options(project)).await?;
            let schema = db.reflect(&ReflectOptions::default()).await;
            let applied = db.applied_migrations().await;
            db.close().await;
            let (schema, applied) = (schema?, applied?);
            if !schema.tables.is_empty() || !schema.enums.is_empty() || !applied.is_empty() {
                let mut names: Vec<&str> = schema.tables.keys().map(String::as_str).collect();
                names.truncate(5);
                return Err(CliError::Usage(format!(
                    "the dev database {} is not empty ({} table(s): {}{}; {} migration(s) applied): verify needs an empty one",
                    autogen_reflect::redact(&url),
                    schema.tables.len(),
                    autogen_schema::escape::terminal(&names.join(", ")),
                    if schema.tables.len() > 5 { ", …" } else { "" },
                    applied.len()
                )));
            }
            return Ok(Scratch::Dev { url });
        }
        let dialect = match &server_url {
            Some(url) => autogen_reflect::dialect_of_url(url)?,
            None => Dialect::Sqlite,
        };
        match (dialect, server_url) {
            (Dialect::Postgres | Dialect::Mysql, Some(server)) => {
                let name = unique_name();
                let url = with_database(&server, &name)?;
                let db = Database::connect_with(&server, &connect_options(project)).await?;
                let created = db
                    .execute(&format!("CREATE DATABASE {}", dialect.quote_ident(&name)))
                    .await;
                db.close().await;
                created?;
                Ok(Scratch::Created {
                    server,
                    name,
                    url,
                    dialect,
                })
            }
            _ => {
                let dir = std::env::temp_dir().join(unique_name());
                std::fs::create_dir_all(&dir).map_err(|e| CliError::Io {
                    path: dir.clone(),
                    source: e,
                })?;
                let url = format!("sqlite://{}?mode=rwc", dir.join("verify.sqlite").display());
                Ok(Scratch::SqliteFile { dir, url })
            }
        }
    }

    /// The scratch database's URL.
    pub fn url(&self) -> &str {
        match self {
            Scratch::SqliteFile { url, .. }
            | Scratch::Created { url, .. }
            | Scratch::Dev { url } => url,
        }
    }

    /// One line for the report: what the scratch database is.
    pub fn describe(&self) -> String {
        match self {
            Scratch::SqliteFile { .. } => "a temporary SQLite file".into(),
            Scratch::Created { name, server, .. } => format!(
                "{name}, created on {} and dropped afterwards",
                autogen_reflect::redact(server)
            ),
            Scratch::Dev { url } => format!("the dev database {}", autogen_reflect::redact(url)),
        }
    }

    /// Removes what [`Scratch::open`] made; a failure is a note, not an error, since the
    /// verification's own result matters more.
    pub async fn remove(self, project: &Project) {
        match self {
            Scratch::SqliteFile { dir, .. } => {
                if let Err(e) = std::fs::remove_dir_all(&dir) {
                    output::note(&format!("note: could not remove {}: {e}", dir.display()));
                }
            }
            Scratch::Created {
                server,
                name,
                dialect,
                ..
            } => {
                // PostgreSQL: a connection the migrations binary left would block the drop.
                let force = if dialect == Dialect::Postgres {
                    " WITH (FORCE)"
                } else {
                    ""
                };
                let sql = format!(
                    "DROP DATABASE IF EXISTS {}{force}",
                    dialect.quote_ident(&name)
                );
                let dropped = async {
                    let db = Database::connect_with(&server, &connect_options(project)).await?;
                    let result = db.execute(&sql).await;
                    db.close().await;
                    result
                }
                .await;
                if let Err(e) = dropped {
                    output::note(&format!(
                        "note: could not drop the scratch database {name}: {}; drop it by hand",
                        autogen_reflect::redact_urls_in(&e.to_string())
                    ));
                }
            }
            Scratch::Dev { .. } => {}
        }
    }
}

/// The project's migrations crate, built, as a binary to run.
pub struct MigrationsBinary {
    /// The executable cargo built.
    pub path: PathBuf,
    /// Where it runs (the project: the runtime reads `[runtime]` from its autogen.toml).
    pub dir: PathBuf,
}

/// How one run of the migrations binary ended.
pub enum StepResult {
    /// Exit 0.
    Done,
    /// It ran and failed: its output.
    Failed(String),
}

impl MigrationsBinary {
    /// Builds the migrations crate with cargo (`CARGO` if set, as when autogen itself runs
    /// under cargo), within `[models] timeout`, and finds the binary in cargo's messages.
    pub fn build(project: &Project) -> Result<MigrationsBinary, CliError> {
        let manifest = project.migrations_dir().join("Cargo.toml");
        let manifest = manifest.canonicalize().map_err(|e| CliError::Io {
            path: manifest.clone(),
            source: e,
        })?;
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut command = Command::new(&cargo);
        command
            .args([
                "build",
                "--message-format",
                "json-render-diagnostics",
                "--manifest-path",
            ])
            .arg(&manifest)
            .current_dir(&project.root);
        let shown = format!("{cargo} build --manifest-path {}", manifest.display());
        let step = std::sync::Arc::new(progress::step("Building the migrations crate"));
        if !step.on_terminal() {
            output::note(&format!("Building the migrations crate ({shown})…"));
        }
        let lines = std::sync::Arc::clone(&step);
        let finished =
            process::run_command(command, project.config.models.timeout.0, move |line| {
                if crate::source::is_cargo_progress(line) {
                    lines.progress(line);
                } else {
                    lines.println(line);
                }
            });
        step.finish();
        let finished = finished.map_err(|f| failure(&shown, f))?;
        if !finished.status.success() {
            return Err(CliError::Usage(format!(
                "`{shown}` failed ({}); its errors are above",
                finished.status
            )));
        }
        let stdout = String::from_utf8_lossy(&finished.stdout);
        let path = executable(&stdout, &manifest).ok_or_else(|| {
            CliError::Usage(format!(
                "`{shown}` built no binary of {}: the migrations crate needs a `src/main.rs` calling `autogen_migration::cli::run_cli` (docs/runtime.md)",
                manifest.display()
            ))
        })?;
        Ok(MigrationsBinary {
            path,
            dir: project.root.clone(),
        })
    }

    /// Runs `binary -u URL ARGS` within `timeout`: whether it succeeded, or its output.
    pub fn run(
        &self,
        url: &str,
        args: &[&str],
        timeout: Option<Duration>,
    ) -> Result<StepResult, CliError> {
        let mut command = Command::new(&self.path);
        command
            .arg("-u")
            .arg(url)
            .args(args)
            .current_dir(&self.dir)
            .env_remove("DATABASE_URL")
            .env_remove("DATABASE_SCHEMA");
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = std::sync::Arc::clone(&stderr);
        let shown = format!("{} {}", self.path.display(), args.join(" "));
        let finished = process::run_command(command, timeout, move |line| {
            if let Ok(mut s) = sink.lock() {
                s.push_str(line);
                s.push('\n');
            }
        })
        .map_err(|f| failure(&shown, f))?;
        let stderr = stderr.lock().map(|s| s.clone()).unwrap_or_default();
        match finished.status.code() {
            Some(0) => Ok(StepResult::Done),
            Some(1) => Ok(StepResult::Failed(format!(
                "{}{}",
                String::from_utf8_lossy(&finished.stdout),
                stderr
            ))),
            _ => Err(CliError::Usage(format!(
                "`{shown}` failed ({}): {}",
                finished.status,
                autogen_reflect::redact_urls_in(stderr.trim())
            ))),
        }
    }
}

fn failure(shown: &str, f: Failure) -> CliError {
    CliError::Usage(match f {
        Failure::Spawn(e) => format!("cannot run `{shown}`: {e}"),
        Failure::Read(e) => format!("reading the output of `{shown}`: {e}"),
        Failure::TimedOut(after) => format!(
            "`{shown}` timed out after {}s; its process group was killed",
            after.as_secs_f64()
        ),
    })
}

/// The executable of the package at `manifest` in cargo's JSON messages.
fn executable(messages: &str, manifest: &Path) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter(|m| {
            m["manifest_path"].as_str().is_some_and(|p| {
                let p = Path::new(p);
                p == manifest || p.canonicalize().is_ok_and(|c| c == manifest)
            })
        })
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_of_a_url_is_replaced_and_the_rest_kept() {
        assert_eq!(
            with_database("postgres://u:p@h:5432/app?sslmode=disable", "x").unwrap(),
            "postgres://u:p@h:5432/x?sslmode=disable"
        );
        assert_eq!(
            with_database("mysql://root@127.0.0.1:3306", "x").unwrap(),
            "mysql://root@127.0.0.1:3306/x"
        );
        assert!(with_database("postgres:///app", "x").is_err());
    }

    #[test]
    fn the_binary_is_the_one_of_the_migrations_package() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","manifest_path":"/r/dep/Cargo.toml","executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","manifest_path":"/p/migrations/Cargo.toml","executable":"/t/debug/migration"}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#
        );
        assert_eq!(
            executable(messages, Path::new("/p/migrations/Cargo.toml")),
            Some(PathBuf::from("/t/debug/migration"))
        );
        assert_eq!(executable(messages, Path::new("/other/Cargo.toml")), None);
    }
}
