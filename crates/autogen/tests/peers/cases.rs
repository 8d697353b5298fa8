//! sqldef's YAML cases and which of them apply to our servers, by the protocol of
//! `shared/peers/README.md`.

use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

/// One case: the schema before and after. sqldef's own `up`/`down` are never read: two tools
/// may write different, equally correct SQL.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case's key in its file.
    pub name: String,
    /// The file stem (`tests_indices`).
    pub file: String,
    /// Schema before (empty when absent).
    pub current: String,
    /// Schema after.
    pub desired: String,
}

/// Why a case does not apply to the server at hand.
pub type Skip = String;

/// The server a suite runs on, for the protocol's filters.
#[derive(Debug, Clone, Copy)]
pub struct Server {
    /// `mysql`, `mariadb`, or `None` where sqldef has no flavors (SQLite, PostgreSQL).
    pub flavor: Option<&'static str>,
    /// Major and minor version compared with `min_version`/`max_version`.
    pub version: (u32, u32),
}

/// Where the peer suites are: `AUTOGEN_PEERS_DIR`, else `shared/peers` beside the
/// workspace or one of its parents (the CI clone has `../shared`, a git worktree
/// `../../shared`).
pub fn peers_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AUTOGEN_PEERS_DIR") {
        return PathBuf::from(dir);
    }
    let root = workspace_root();
    let found = root
        .ancestors()
        .map(|a| a.join("shared").join("peers"))
        .find(|p| p.join("sqldef").is_dir());
    found.unwrap_or_else(|| {
        panic!(
            "the peer suites are not in shared/peers beside {} or a parent; set AUTOGEN_PEERS_DIR",
            root.display()
        )
    })
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/autogen is two levels down")
        .to_path_buf()
}

/// Every `*.yml` of a suite directory, sorted, with its cases in file order; a case that
/// does not apply comes with the reason.
pub fn load_suite(dir: &Path, server: Server) -> Vec<(String, Vec<Result<Case, Skip>>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (stem.clone(), load_file(path, &stem, server))
        })
        .collect()
}

fn load_file(path: &Path, stem: &str, server: Server) -> Vec<Result<Case, Skip>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs =
        YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let Some(Yaml::Hash(cases)) = docs.into_iter().next() else {
        panic!("{}: not a mapping of cases", path.display());
    };
    cases
        .into_iter()
        .map(|(key, value)| {
            let name = key.as_str().unwrap_or("?").to_string();
            applies(&value, server).map(|()| Case {
                name,
                file: stem.to_string(),
                current: text_of(&value["current"]),
                desired: text_of(&value["desired"]),
            })
        })
        .collect()
}

fn text_of(v: &Yaml) -> String {
    v.as_str().unwrap_or("").to_string()
}

/// The protocol's filters: `error`, `user`, `managed_roles`, `manage`, version bounds and
/// flavors that are not ours.
fn applies(case: &Yaml, server: Server) -> Result<(), Skip> {
    for key in ["error", "user", "managed_roles", "manage"] {
        if !case[key].is_badvalue() && !case[key].is_null() {
            return Err(format!("has `{key}`"));
        }
    }
    if let Some(min) = version_of(&case["min_version"])
        && server.version < min
    {
        return Err(format!("min_version {}.{}", min.0, min.1));
    }
    if let Some(max) = version_of(&case["max_version"])
        && server.version > max
    {
        return Err(format!("max_version {}.{}", max.0, max.1));
    }
    if let Some(flavor) = case["flavor"].as_str() {
        let ours = server.flavor.unwrap_or("");
        let fits = match flavor.strip_prefix('!') {
            Some(not) => not != ours,
            None => flavor == ours,
        };
        if !fits {
            return Err(format!("flavor {flavor}"));
        }
    }
    Ok(())
}

/// `'8.0.17'`, `"10.2"` or `5.7` as (major, minor).
fn version_of(v: &Yaml) -> Option<(u32, u32)> {
    let text = match v {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        _ => return None,
    };
    let mut parts = text
        .split('.')
        .map(|p| p.trim().parse::<u32>().unwrap_or(0));
    Some((parts.next()?, parts.next().unwrap_or(0)))
}
