//! `autogen.toml`: where the models, the migrations and the database are.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::CliError;

/// The command that prints the models' schema JSON, unless `autogen.toml` says otherwise.
pub const DEFAULT_MODELS_COMMAND: &str = "cargo run -q -p models --bin autogen-schema";

/// The embedded default database: a SQLite file beside `autogen.toml`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://autogen.sqlite?mode=rwc";

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
}

impl Default for ModelsConfig {
    fn default() -> Self {
        ModelsConfig {
            command: DEFAULT_MODELS_COMMAND.into(),
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
        let config = toml::from_str(&text).map_err(|e| CliError::Config {
            path: path.clone(),
            message: e.to_string(),
        })?;
        Ok((config, Some(path)))
    }

    /// The database URL: `DATABASE_URL`, else the file's, else the embedded SQLite default.
    pub fn database_url(&self) -> String {
        std::env::var("DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .or_else(|| self.database.url.clone())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string())
    }
}
