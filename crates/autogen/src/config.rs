//! `autogen.toml`: where the models, the migrations and the database are.

use std::path::{Path, PathBuf};
use std::time::Duration;

use autogen_reflect::ConnectOptions;
use serde::Deserialize;

use crate::error::CliError;

/// The command that prints the models' schema JSON, unless `autogen.toml` says otherwise.
pub const DEFAULT_MODELS_COMMAND: &str = "cargo run -q -p models --bin autogen-schema";

/// The embedded default database: a SQLite file beside `autogen.toml`. No `mode=rwc`:
/// autogen only reads databases, and a missing one is an error, not an empty database.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://autogen.sqlite";

/// How long the models command may run, unless `[models] timeout` says otherwise: long
/// enough for a cold `cargo build` of a large workspace.
pub const DEFAULT_MODELS_TIMEOUT: Duration = Duration::from_secs(600);

/// The configuration file's name.
pub const CONFIG_FILE: &str = "autogen.toml";

/// Settings read from `autogen.toml`, with defaults for what it leaves out.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `[models]`.
    pub models: ModelsConfig,
    /// `[database]`.
    pub database: DatabaseConfig,
    /// `[migrations]`.
    pub migrations: MigrationsConfig,
    /// `[runtime]`: read by the migration runtime (`autogen-migration`) when a migrations
    /// crate runs, which checks its keys (docs/runtime.md); the CLI only lets it through.
    pub runtime: Option<toml::Table>,
}

/// `[migrations]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MigrationsConfig {
    /// The sea-orm-migration crate, relative to autogen.toml.
    pub dir: PathBuf,
}

impl Default for MigrationsConfig {
    fn default() -> Self {
        MigrationsConfig {
            dir: PathBuf::from("migrations"),
        }
    }
}

/// `[models]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelsConfig {
    /// Shell command printing the models' schema as JSON on stdout.
    pub command: String,
    /// Seconds the command may run before its process group is killed; 0: no limit.
    pub timeout: Timeout,
}

impl Default for ModelsConfig {
    fn default() -> Self {
        ModelsConfig {
            command: DEFAULT_MODELS_COMMAND.into(),
            timeout: Timeout(Some(DEFAULT_MODELS_TIMEOUT)),
        }
    }
}

/// `[database]` section.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// Database URL; `DATABASE_URL` overrides it.
    pub url: Option<String>,
    /// PostgreSQL schema to read (default `public`).
    pub schema: Option<String>,
    /// Seconds to wait for the server to accept a session; 0: no limit.
    pub connect_timeout: Option<Timeout>,
    /// Seconds a read of the database (the catalog, the applied migrations) may take; 0: no
    /// limit.
    pub statement_timeout: Option<Timeout>,
}

/// A number of seconds in `autogen.toml` (`30`, `0.5`); `0` means no limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeout(pub Option<Duration>);

impl<'de> Deserialize<'de> for Timeout {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Number {
            Integer(u64),
            Float(f64),
        }
        let seconds = match Number::deserialize(d) {
            Ok(Number::Integer(n)) => n as f64,
            Ok(Number::Float(f)) => f,
            Err(_) => f64::NAN,
        };
        if seconds == 0.0 {
            return Ok(Timeout(None));
        }
        Duration::try_from_secs_f64(seconds)
            .map(|d| Timeout(Some(d)))
            .map_err(|_| serde::de::Error::custom("expected a number of seconds (0 for no limit)"))
    }
}

impl Config {
    /// Reads `autogen.toml` from `dir` if it exists; defaults otherwise.
    pub fn load(dir: &Path) -> Result<(Config, Option<PathBuf>), CliError> {
        let path = dir.join(CONFIG_FILE);
        if !path.exists() {
            return Ok((Config::default(), None));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| CliError::Io {
            path: path.clone(),
            source: e,
        })?;
        // The parser quotes the offending line, which may hold the database URL.
        let config = toml::from_str(&text).map_err(|e| CliError::Config {
            path: path.clone(),
            message: autogen_reflect::redact_urls_in(&e.to_string()),
        })?;
        Ok((config, Some(path)))
    }

    /// How to connect to databases: read-only (no command writes to a database), with
    /// the configured timeouts.
    pub fn connect_options(&self) -> ConnectOptions {
        let defaults = ConnectOptions::default();
        ConnectOptions {
            connect_timeout: self
                .database
                .connect_timeout
                .map_or(defaults.connect_timeout, |t| t.0),
            statement_timeout: self
                .database
                .statement_timeout
                .map_or(defaults.statement_timeout, |t| t.0),
            read_only: true,
        }
    }

    /// The database URL: `DATABASE_URL`, else the file's, else the embedded SQLite default.
    /// The database a user named, and where: `DATABASE_URL`, else `[database] url`. `None`
    /// when only the embedded default is left (`check` then compares no database).
    pub fn named_database(&self) -> Option<(String, &'static str)> {
        if let Some(url) = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            return Some((url, "DATABASE_URL"));
        }
        self.database
            .url
            .clone()
            .map(|url| (url, "[database] url in autogen.toml"))
    }

    pub fn database_url(&self) -> String {
        std::env::var("DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .or_else(|| self.database.url.clone())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string())
    }
}
