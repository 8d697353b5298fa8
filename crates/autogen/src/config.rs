//! `autogen.toml`: where the models, the migrations and the database are.

use std::path::{Path, PathBuf};
use std::time::Duration;

use autogen_reflect::ConnectOptions;
use autogen_schema::Dialect;
use serde::Deserialize;

use crate::error::CliError;

/// The command that prints the models' schema JSON, unless `autogen.toml` says otherwise.
pub const DEFAULT_MODELS_COMMAND: &str = "cargo run -p models --bin autogen-schema";

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
    /// `[policy]`: the hazards generated and checked migrations may have (docs/safety.md).
    pub policy: PolicyConfig,
    /// `[runtime]`: read by the migration runtime (`autogen-migration`) when a migrations
    /// crate runs, which checks its keys (docs/runtime.md); the CLI only lets it through.
    pub runtime: Option<toml::Table>,
    /// The directory holding `autogen.toml`: relative paths in the file are relative to it.
    #[serde(skip)]
    pub root: PathBuf,
}

/// `[migrations]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MigrationsConfig {
    /// The sea-orm-migration crate, relative to autogen.toml.
    pub dir: PathBuf,
    /// The backends a generated migration runs on (`["postgres", "sqlite"]`); by default
    /// the backend of `[database] url`, else SQLite (the embedded default).
    pub backends: Option<Vec<String>>,
    /// Whether generated SQL uses the zero-downtime forms on existing tables (the
    /// default); `false` writes the single-transaction form (`--no-online`).
    pub online: bool,
}

impl Default for MigrationsConfig {
    fn default() -> Self {
        MigrationsConfig {
            dir: PathBuf::from("migrations"),
            backends: None,
            online: true,
        }
    }
}

/// `[policy]` section.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyConfig {
    /// The destructive, lossy and backward-incompatible steps the project accepts
    /// (`["drop-column", "rename"]`; `autogen revision --allow help` lists them).
    pub allow: Vec<String>,
}

/// `[models]` section.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelsConfig {
    /// Shell command printing the models' schema as JSON on stdout.
    pub command: String,
    /// Seconds the command may run before its process group is killed; 0: no limit.
    pub timeout: Timeout,
    /// Objects the models do not manage (`["views", "functions:audit_*"]`): never
    /// compared, never planned (docs/config.md).
    pub ignore: Vec<String>,
}

impl Default for ModelsConfig {
    fn default() -> Self {
        ModelsConfig {
            command: DEFAULT_MODELS_COMMAND.into(),
            timeout: Timeout(Some(DEFAULT_MODELS_TIMEOUT)),
            ignore: Vec::new(),
        }
    }
}

/// `[database]` section.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// Database URL; `DATABASE_URL` overrides it.
    pub url: Option<String>,
    /// PostgreSQL schema to read (default `public`): its objects keep bare names.
    pub schema: Option<String>,
    /// PostgreSQL schemas read besides `schema` (`["billing", "audit"]`, or `["*"]` for
    /// every schema but the system's and those extensions create); their objects are named
    /// `schema.name` and the plan creates and drops the schemas themselves.
    pub schemas: Vec<String>,
    /// Seconds to wait for the server to accept a session; 0: no limit.
    pub connect_timeout: Option<Timeout>,
    /// Seconds a read of the database (the catalog, the applied migrations) may take; 0: no
    /// limit.
    pub statement_timeout: Option<Timeout>,
    /// An empty database `verify` may use as its scratch database (PostgreSQL, MySQL),
    /// instead of creating one on the server of `url`. It must be empty; `verify` leaves
    /// it holding the head revision's schema.
    pub dev_url: Option<String>,
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
        let mut config: Config = toml::from_str(&text).map_err(|e| CliError::Config {
            path: path.clone(),
            message: autogen_reflect::redact_urls_in(&e.to_string()),
        })?;
        config.root = dir.to_path_buf();
        // Checked by every command, so that a misspelt rule never silently compares more.
        config.ignore()?;
        Ok((config, Some(path)))
    }

    /// What to read of a database: the default schema and the others of `schemas`.
    pub fn reflect_options(&self) -> autogen_reflect::ReflectOptions {
        let others = &self.database.schemas;
        autogen_reflect::ReflectOptions {
            schema: self.database.schema.clone(),
            others: if others.iter().any(|s| s == "*") {
                autogen_reflect::OtherSchemas::All
            } else if others.is_empty() {
                autogen_reflect::OtherSchemas::None
            } else {
                autogen_reflect::OtherSchemas::Listed(others.clone())
            },
        }
    }

    /// How to connect to databases for reading them: read-only, with the configured
    /// timeouts. Commands that write (`init --database` recording its baseline, `verify` in
    /// its scratch database) ask for a writable connection of their own.
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

    /// The form of generated SQL: `--online` or `--no-online` (the last one given wins),
    /// else `[migrations] online`, else online. Returns whether it is online, and where
    /// the choice came from (for the migration file's header).
    pub fn online(&self, online: bool, no_online: bool) -> (bool, &'static str) {
        if online {
            (true, "--online")
        } else if no_online {
            (false, "--no-online")
        } else if self.migrations.online {
            (true, "the default")
        } else {
            (false, "autogen.toml [migrations] online = false")
        }
    }

    /// The hazard policy: `[policy] allow`, plus the allowances of `--allow` (`flag`).
    pub fn policy(&self, flag: &[String]) -> Result<crate::lint::Policy, CliError> {
        use crate::lint::{AllowedBy, Policy};
        let mut policy = Policy::default();
        policy
            .allow(flag, AllowedBy::Flag)
            .map_err(|e| CliError::Usage(format!("--allow: {e}")))?;
        policy
            .allow(&self.policy.allow, AllowedBy::Config)
            .map_err(|e| CliError::Config {
                path: self.root.join(CONFIG_FILE),
                message: format!("[policy] allow: {e}"),
            })?;
        Ok(policy)
    }

    /// The rules of `[models] ignore`; a rule that does not parse is an error naming it.
    pub fn ignore(&self) -> Result<autogen_schema::ignore::Ignore, CliError> {
        autogen_schema::ignore::Ignore::parse(&self.models.ignore).map_err(|e| CliError::Config {
            path: self.root.join(CONFIG_FILE),
            message: format!("[models] ignore: {e}"),
        })
    }

    /// The backends generated migrations serve: `[migrations] backends`, else the backend
    /// of `[database] url` (not `DATABASE_URL`: a file's shape does not depend on who runs
    /// `revision`), else SQLite. An unknown name is an error naming the file.
    pub fn migration_backends(&self, path: &Path) -> Result<Vec<Dialect>, CliError> {
        let error = |message: String| CliError::Config {
            path: path.to_path_buf(),
            message,
        };
        let Some(names) = &self.migrations.backends else {
            let url = self.database.url.as_deref().unwrap_or(DEFAULT_DATABASE_URL);
            let dialect = autogen_reflect::dialect_of_url(url).map_err(|e| {
                error(format!(
                    "[database] url: {e}; or set [migrations] backends = [\"postgres\", \"mysql\", \"sqlite\"]"
                ))
            })?;
            return Ok(vec![dialect]);
        };
        if names.is_empty() {
            return Err(error(
                "[migrations] backends is empty: name at least one of \"postgres\", \"mysql\", \"sqlite\""
                    .into(),
            ));
        }
        let mut backends = Vec::new();
        for name in names {
            let dialect = Dialect::parse(name).ok_or_else(|| {
                error(format!(
                    "[migrations] backends: unknown backend {}: expected \"postgres\", \"mysql\" or \"sqlite\"",
                    autogen_schema::escape::terminal(&format!("{name:?}"))
                ))
            })?;
            if !backends.contains(&dialect) {
                backends.push(dialect);
            }
        }
        Ok(backends)
    }

    /// The database a user named, and where: `DATABASE_URL`, else `[database] url`. `None`
    /// when only the embedded default is left (`check` then compares no database).
    pub fn named_database(&self) -> Option<(String, &'static str)> {
        if let Some(url) = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            return Some((url, "DATABASE_URL"));
        }
        self.database
            .url
            .as_deref()
            .map(|url| (self.relative_to_root(url), "[database] url in autogen.toml"))
    }

    /// The database URL: `DATABASE_URL`, else the file's, else the embedded SQLite default.
    pub fn database_url(&self) -> String {
        std::env::var("DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| {
                self.relative_to_root(self.database.url.as_deref().unwrap_or(DEFAULT_DATABASE_URL))
            })
    }

    /// A URL from `autogen.toml` (or its default) as the file means it: a relative SQLite
    /// path is relative to the file's directory, not to where autogen runs.
    fn relative_to_root(&self, url: &str) -> String {
        sqlite_url_relative_to(url, &self.root)
    }
}

/// Project discovery, as cargo finds `Cargo.toml`: the nearest directory from `start` up
/// that holds `autogen.toml`, so that autogen works from a member crate (`models/`) too.
pub fn find_project_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// The error of a command that needs a project, run outside one.
pub fn not_in_a_project(start: &Path, searched_parents: bool) -> CliError {
    CliError::Usage(if searched_parents {
        format!(
            "not in an autogen project (no {CONFIG_FILE} in {} or a parent directory); run `autogen init`",
            start.display()
        )
    } else {
        format!(
            "not an autogen project (no {CONFIG_FILE} in {}); run `autogen init` there",
            start.display()
        )
    })
}

/// `url` with a relative SQLite file path joined to `root`; other URLs, absolute paths and
/// in-memory databases as given. The joined directory is percent-encoded where SQLite
/// URLs decode (`%`, `?`, `#`).
pub fn sqlite_url_relative_to(url: &str, root: &Path) -> String {
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return url.to_string();
    };
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    let Some(root) = root.to_str() else {
        return url.to_string();
    };
    if root.is_empty() || path.is_empty() || path.starts_with('/') || path == ":memory:" {
        return url.to_string();
    }
    let root = root
        .trim_end_matches('/')
        .replace('%', "%25")
        .replace('?', "%3F")
        .replace('#', "%23");
    format!("sqlite://{root}/{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_sqlite_paths_are_relative_to_the_project() {
        let root = Path::new("/p/my project");
        for (url, expected) in [
            (
                "sqlite://autogen.sqlite",
                "sqlite:///p/my project/autogen.sqlite",
            ),
            (
                "sqlite:db/a.sqlite?mode=rwc",
                "sqlite:///p/my project/db/a.sqlite?mode=rwc",
            ),
            ("sqlite:///abs.sqlite", "sqlite:///abs.sqlite"),
            ("sqlite::memory:", "sqlite::memory:"),
            ("postgres://u@h/db", "postgres://u@h/db"),
        ] {
            assert_eq!(sqlite_url_relative_to(url, root), expected, "{url}");
        }
        assert_eq!(
            sqlite_url_relative_to("sqlite://a.sqlite", Path::new("/odd?dir#%")),
            "sqlite:///odd%3Fdir%23%25/a.sqlite"
        );
    }

    #[test]
    fn the_nearest_autogen_toml_up_the_tree_is_the_project() {
        let dir = tempfile::tempdir().unwrap();
        let member = dir.path().join("models/src");
        std::fs::create_dir_all(&member).unwrap();
        assert_eq!(find_project_root(&member), None);
        std::fs::write(dir.path().join(CONFIG_FILE), "").unwrap();
        assert_eq!(find_project_root(&member).as_deref(), Some(dir.path()));
        std::fs::write(dir.path().join("models").join(CONFIG_FILE), "").unwrap();
        assert_eq!(
            find_project_root(&member).as_deref(),
            Some(dir.path().join("models").as_path())
        );
    }
}
