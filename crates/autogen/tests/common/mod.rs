//! Helpers for the end-to-end tests of the revision commands: a temp project whose models
//! command prints `models.json`, the `autogen` binary run in it, and the migrations tree
//! read byte for byte.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

/// A temp project: `autogen.toml` runs `cat models.json` for the models.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// A project with `autogen.toml` and `models.json`, and no migrations crate yet.
    pub fn new(models: &Value) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("autogen.toml"),
            "[models]\ncommand = \"cat models.json\"\n",
        )
        .unwrap();
        let p = Project { dir };
        p.set_models(models);
        p
    }

    /// A project with a scaffolded migrations crate (`autogen init`).
    pub fn init(models: &Value) -> Project {
        let p = Project::new(models);
        let o = p.run(&["init"]);
        assert_eq!(o.status.code(), Some(0), "init: {}", stderr(&o));
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn migrations(&self) -> PathBuf {
        self.path().join("migrations")
    }

    pub fn src(&self) -> PathBuf {
        self.migrations().join("src")
    }

    /// Replaces what the models command prints.
    pub fn set_models(&self, models: &Value) {
        std::fs::write(
            self.path().join("models.json"),
            serde_json::to_string_pretty(models).unwrap(),
        )
        .unwrap();
    }

    /// Replaces the models command.
    pub fn set_models_command(&self, command: &str) {
        std::fs::write(
            self.path().join("autogen.toml"),
            format!("[models]\ncommand = {}\n", toml_string(command)),
        )
        .unwrap();
    }

    /// Runs `autogen ARGS` in the project.
    pub fn run(&self, args: &[&str]) -> Output {
        autogen(self.path(), args)
    }

    /// Runs `autogen revision -m MESSAGE [ARGS]`, expecting success; returns the new file.
    pub fn revision(&self, message: &str, args: &[&str]) -> Revision {
        let before = self.migration_files();
        let mut all = vec!["revision", "-m", message];
        all.extend_from_slice(args);
        let o = self.run(&all);
        assert_eq!(o.status.code(), Some(0), "revision: {}", stderr(&o));
        let new: Vec<PathBuf> = self
            .migration_files()
            .into_iter()
            .filter(|f| !before.contains(f))
            .collect();
        assert_eq!(new.len(), 1, "one new file: {new:?}\n{}", stdout(&o));
        Revision::read(&new[0])
    }

    /// The migration files `src/m*.rs`, sorted.
    pub fn migration_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.src()) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with('m')
                    && name.ends_with(".rs")
                    && name.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
            })
            .collect();
        files.sort();
        files
    }

    /// Every file and directory under `migrations/`, with the bytes of each file.
    pub fn tree(&self) -> BTreeMap<String, Option<Vec<u8>>> {
        tree(&self.migrations())
    }

    pub fn lib_rs(&self) -> String {
        std::fs::read_to_string(self.src().join("lib.rs")).unwrap()
    }

    /// `migrations/schema.json`, parsed.
    pub fn snapshot(&self) -> Value {
        let text = std::fs::read_to_string(self.migrations().join("schema.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    /// Copies `from` to a new module `module` with a new id and message and the same
    /// parents, registered in `lib.rs` right after `from`: the state a git merge of two
    /// branches, each adding a revision on the same parent, leaves behind.
    pub fn branch_copy(&self, from: &Revision, module: &str, id: &str, message: &str) -> PathBuf {
        let text = std::fs::read_to_string(&from.path).unwrap();
        let text = text
            .replacen(
                &format!("//! Revision: {}", from.id),
                &format!("//! Revision: {id}"),
                1,
            )
            .replacen(
                &format!("//! Message: {}", from.message),
                &format!("//! Message: {message}"),
                1,
            );
        let path = self.src().join(format!("{module}.rs"));
        std::fs::write(&path, text).unwrap();
        let lib = self.lib_rs();
        let mod_line = format!("mod {};", from.module);
        let entry = format!("Box::new({}::Migration),", from.module);
        assert!(lib.contains(&mod_line) && lib.contains(&entry), "{lib}");
        let lib = lib
            .replacen(&mod_line, &format!("{mod_line}\nmod {module};"), 1)
            .replacen(
                &entry,
                &format!("{entry}\n            Box::new({module}::Migration),"),
                1,
            );
        std::fs::write(self.src().join("lib.rs"), lib).unwrap();
        path
    }
}

/// A migration file as read back from disk.
#[derive(Debug, Clone)]
pub struct Revision {
    pub path: PathBuf,
    pub module: String,
    pub text: String,
    pub id: String,
    pub parents: Vec<String>,
    pub message: String,
    pub created: String,
}

impl Revision {
    pub fn read(path: &Path) -> Revision {
        let text = std::fs::read_to_string(path).unwrap();
        let header = |key: &str| -> String {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("//! {key}:")))
                .unwrap_or_else(|| panic!("no {key}: line in {}:\n{text}", path.display()))
                .trim()
                .to_string()
        };
        let parents = header("Parents");
        Revision {
            path: path.to_path_buf(),
            module: path.file_stem().unwrap().to_string_lossy().into_owned(),
            id: header("Revision"),
            parents: parents
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect(),
            message: header("Message"),
            created: header("Created"),
            text,
        }
    }

    /// Rewrites the `Parents:` line (as a hand edit or a git merge would).
    pub fn set_parents(&self, parents: &[&str]) {
        let new = format!("//! Parents: {}", parents.join(", "));
        let text: Vec<String> = self
            .text
            .lines()
            .map(|l| {
                if l.starts_with("//! Parents:") {
                    new.trim_end().to_string()
                } else {
                    l.to_string()
                }
            })
            .collect();
        std::fs::write(&self.path, text.join("\n") + "\n").unwrap();
    }
}

/// Every file and directory under `root` (paths relative to it), with each file's bytes;
/// `None` for directories.
pub fn tree(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                out.insert(format!("{rel}/"), None);
                walk(root, &path, out);
            } else {
                out.insert(rel, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    if root.exists() {
        walk(root, root, &mut out);
    }
    out
}

/// Asserts two trees are equal, naming the paths that differ.
pub fn assert_same_tree(
    before: &BTreeMap<String, Option<Vec<u8>>>,
    after: &BTreeMap<String, Option<Vec<u8>>>,
    what: &str,
) {
    let differing: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: the migrations tree changed: {differing:?}"
    );
}

pub fn autogen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_autogen"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run autogen")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit code 2 and exactly one `error:` line, without a panic or backtrace.
pub fn assert_clean_error(o: &Output, expected: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(expected), "expected {expected:?} in: {err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

/// The `error:` line of stderr.
pub fn error_line(o: &Output) -> String {
    stderr(o)
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_default()
        .to_string()
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A column of the models' schema JSON.
pub fn col(name: &str, kind: &str, nullable: bool) -> Value {
    let ty = match kind.strip_prefix("varchar") {
        Some(n) => json!({"kind": "varchar", "length": n.parse::<u32>().unwrap()}),
        None => json!({ "kind": kind }),
    };
    json!({"name": name, "type": ty, "nullable": nullable})
}

/// A table with an `id integer` primary key and these further columns.
pub fn table(name: &str, columns: Vec<Value>) -> Value {
    let mut all = vec![col("id", "integer", false)];
    all.extend(columns);
    json!({"name": name, "columns": all, "primary_key": {"columns": ["id"]}})
}

/// Schema JSON (format 1) with these tables.
pub fn schema(tables: Vec<Value>) -> Value {
    let mut map = serde_json::Map::new();
    for t in tables {
        map.insert(t["name"].as_str().unwrap().to_string(), t);
    }
    json!({"format_version": 1, "tables": map, "enums": {}})
}

/// `users(id, name varchar(100))`: the first models.
pub fn users() -> Value {
    schema(vec![table("users", vec![col("name", "varchar100", false)])])
}

/// `users` with a nullable `email text`.
pub fn users_with_email() -> Value {
    schema(vec![table(
        "users",
        vec![col("name", "varchar100", false), col("email", "text", true)],
    )])
}

/// `users` with `email` renamed to `mail`.
pub fn users_with_mail() -> Value {
    schema(vec![table(
        "users",
        vec![col("name", "varchar100", false), col("mail", "text", true)],
    )])
}
