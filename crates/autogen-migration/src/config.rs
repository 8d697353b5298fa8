//! What a migration run is allowed to wait for: read once per run from the environment,
//! else the `[runtime]` section of `autogen.toml` (in the current directory or a parent),
//! else the defaults below. A compiled migrations crate runs where the project is, so it
//! reads the same `autogen.toml` the `autogen` CLI reads; an environment variable wins, so a
//! deploy can tighten a value without editing the file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// The settings of one run. Durations of zero mean "no limit" where the backend has one.
#[derive(Debug, Clone, PartialEq)]
pub struct RuntimeConfig {
    /// How long a second runner waits for the run lock before failing (`lock_wait`).
    pub run_lock_wait: Duration,
    /// How long a statement waits for a table lock (`lock_timeout` on PostgreSQL,
    /// `lock_wait_timeout` and `innodb_lock_wait_timeout` on MySQL/MariaDB).
    pub lock_timeout: Duration,
    /// How long a statement may run on PostgreSQL (`statement_timeout`); zero: no limit,
    /// because an index build on a large table legitimately runs for minutes.
    pub statement_timeout: Duration,
    /// How long SQLite waits for a database another connection writes (`busy_timeout`).
    pub busy_timeout: Duration,
    /// How many times a run that failed on a lock timeout is retried.
    pub lock_retries: u32,
    /// The first retry's delay; each later one doubles it, with up to 50% random jitter.
    pub retry_backoff: Duration,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            run_lock_wait: Duration::from_secs(60),
            lock_timeout: Duration::from_secs(5),
            statement_timeout: Duration::ZERO,
            busy_timeout: Duration::from_secs(5),
            lock_retries: 3,
            retry_backoff: Duration::from_millis(500),
        }
    }
}

/// The `[runtime]` section as written: every key optional, durations as `"5s"`, `"500ms"`,
/// `"2m"` or a number of seconds.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RuntimeSection {
    lock_wait: Option<toml::Value>,
    lock_timeout: Option<toml::Value>,
    statement_timeout: Option<toml::Value>,
    busy_timeout: Option<toml::Value>,
    lock_retries: Option<u32>,
    retry_backoff: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
struct FileWithRuntime {
    #[serde(default)]
    runtime: Option<toml::Value>,
}

/// The environment variables, by setting.
pub const ENV_RUN_LOCK_WAIT: &str = "AUTOGEN_LOCK_WAIT";
/// See [`RuntimeConfig::lock_timeout`].
pub const ENV_LOCK_TIMEOUT: &str = "AUTOGEN_LOCK_TIMEOUT";
/// See [`RuntimeConfig::statement_timeout`].
pub const ENV_STATEMENT_TIMEOUT: &str = "AUTOGEN_STATEMENT_TIMEOUT";
/// See [`RuntimeConfig::busy_timeout`].
pub const ENV_BUSY_TIMEOUT: &str = "AUTOGEN_BUSY_TIMEOUT";
/// See [`RuntimeConfig::lock_retries`].
pub const ENV_LOCK_RETRIES: &str = "AUTOGEN_LOCK_RETRIES";
/// See [`RuntimeConfig::retry_backoff`].
pub const ENV_RETRY_BACKOFF: &str = "AUTOGEN_RETRY_BACKOFF";

impl RuntimeConfig {
    /// The settings for a run started in `dir`: environment, then `autogen.toml`'s
    /// `[runtime]`, then defaults. An unreadable value is an error naming where it came from.
    pub fn load(dir: &Path) -> Result<RuntimeConfig, String> {
        let mut config = RuntimeConfig::default();
        if let Some(path) = find_config_file(dir) {
            config.apply_file(&path)?;
        }
        config.apply_env(|name| std::env::var(name).ok())?;
        Ok(config)
    }

    fn apply_file(&mut self, path: &Path) -> Result<(), String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let file: FileWithRuntime =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let Some(runtime) = file.runtime else {
            return Ok(());
        };
        let section: RuntimeSection = runtime
            .try_into()
            .map_err(|e| format!("{}: [runtime]: {e}", path.display()))?;
        let at = |key: &str| format!("{}: [runtime] {key}", path.display());
        let set = |slot: &mut Duration, key: &str, value: Option<toml::Value>| {
            if let Some(v) = value {
                *slot = duration_value(&v).map_err(|e| format!("{}: {e}", at(key)))?;
            }
            Ok::<(), String>(())
        };
        set(&mut self.run_lock_wait, "lock_wait", section.lock_wait)?;
        set(&mut self.lock_timeout, "lock_timeout", section.lock_timeout)?;
        set(
            &mut self.statement_timeout,
            "statement_timeout",
            section.statement_timeout,
        )?;
        set(&mut self.busy_timeout, "busy_timeout", section.busy_timeout)?;
        set(
            &mut self.retry_backoff,
            "retry_backoff",
            section.retry_backoff,
        )?;
        if let Some(n) = section.lock_retries {
            self.lock_retries = n;
        }
        Ok(())
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), String> {
        let durations = [
            (ENV_RUN_LOCK_WAIT, &mut self.run_lock_wait),
            (ENV_LOCK_TIMEOUT, &mut self.lock_timeout),
            (ENV_STATEMENT_TIMEOUT, &mut self.statement_timeout),
            (ENV_BUSY_TIMEOUT, &mut self.busy_timeout),
            (ENV_RETRY_BACKOFF, &mut self.retry_backoff),
        ];
        for (name, slot) in durations {
            if let Some(text) = var(name) {
                *slot = parse_duration(&text).map_err(|e| format!("{name}: {e}"))?;
            }
        }
        if let Some(text) = var(ENV_LOCK_RETRIES) {
            self.lock_retries = text
                .trim()
                .parse()
                .map_err(|_| format!("{ENV_LOCK_RETRIES}: {text:?} is not a count"))?;
        }
        Ok(())
    }
}

fn find_config_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("autogen.toml"))
        .find(|p| p.is_file())
}

fn duration_value(value: &toml::Value) -> Result<Duration, String> {
    match value {
        toml::Value::Integer(n) if *n >= 0 => Ok(Duration::from_secs(*n as u64)),
        toml::Value::String(s) => parse_duration(s),
        other => Err(format!(
            "{other} is not a duration (write \"5s\", \"500ms\", \"2m\" or seconds)"
        )),
    }
}

/// `"500ms"`, `"5s"`, `"2m"`, `"1h"` or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: u64 = number.parse().map_err(|_| {
        format!("{text:?} is not a duration (write \"5s\", \"500ms\", \"2m\" or seconds)")
    })?;
    let millis = match unit.trim() {
        "" | "s" => n.checked_mul(1000),
        "ms" => Some(n),
        "m" | "min" => n.checked_mul(60_000),
        "h" => n.checked_mul(3_600_000),
        _ => None,
    }
    .ok_or_else(|| format!("{text:?} is not a duration (units: ms, s, m, h)"))?;
    Ok(Duration::from_millis(millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_every_unit() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("99999999999999999999h").is_err());
    }

    #[test]
    fn environment_overrides_the_file_and_the_file_the_defaults() {
        let dir = std::env::temp_dir().join(format!("autogen-runtime-cfg-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(
            dir.join("autogen.toml"),
            "[database]\nurl = \"sqlite::memory:\"\n\n[runtime]\nlock_timeout = \"2s\"\nlock_retries = 7\nlock_wait = 90\n",
        )
        .unwrap();
        let mut config = RuntimeConfig::default();
        config
            .apply_file(&find_config_file(&dir.join("sub")).unwrap())
            .unwrap();
        config
            .apply_env(|name| (name == ENV_LOCK_TIMEOUT).then(|| "750ms".to_string()))
            .unwrap();
        assert_eq!(config.lock_timeout, Duration::from_millis(750));
        assert_eq!(config.lock_retries, 7);
        assert_eq!(config.run_lock_wait, Duration::from_secs(90));
        assert_eq!(config.busy_timeout, RuntimeConfig::default().busy_timeout);

        std::fs::write(
            dir.join("autogen.toml"),
            "[runtime]\nlock_timout = \"2s\"\n",
        )
        .unwrap();
        let err = RuntimeConfig::default()
            .apply_file(&dir.join("autogen.toml"))
            .unwrap_err();
        assert!(
            err.contains("[runtime]") && err.contains("lock_timout"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
