//! Migration directories built in temp dirs.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use autogen_revisions::{DirLock, LIB_RS, NewRevision, STATE_DIR, snapshot_to_json};
use autogen_schema::Schema;

pub struct Fixture {
    pub tmp: tempfile::TempDir,
}

impl Fixture {
    /// An empty migration crate (`src/lib.rs` with no migrations).
    pub fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir(tmp.path().join("src")).unwrap();
        fs::write(tmp.path().join("src/lib.rs"), LIB_RS).unwrap();
        fs::write(
            tmp.path().join("Cargo.toml"),
            "[package]\nname = \"migration\"\n",
        )
        .unwrap();
        Fixture { tmp }
    }

    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    pub fn src(&self, module: &str) -> PathBuf {
        self.root().join("src").join(format!("{module}.rs"))
    }

    /// An autogen revision file (not registered).
    pub fn revision(&self, module: &str, id: &str, parents: &[&str], created: &str) {
        let header = format!(
            "//! Revision: {id}\n//! Parents: {}\n//! Message: {}\n//! Created: {created}\n",
            parents.join(", "),
            &module[17..]
        );
        fs::write(
            self.src(module),
            format!("{header}\n{}", NewRevision::empty_body()),
        )
        .unwrap();
    }

    /// A hand-written migration (not registered).
    pub fn hand_written(&self, module: &str) {
        fs::write(
            self.src(module),
            NewRevision::empty_body()
                .replace("use sea_orm", "//! A hand-written migration.\nuse sea_orm"),
        )
        .unwrap();
    }

    /// `src/lib.rs` declaring and listing these modules, in this order.
    pub fn lib(&self, modules: &[&str]) {
        let mods: String = modules.iter().map(|m| format!("mod {m};\n")).collect();
        let entries: String = modules
            .iter()
            .map(|m| format!("            Box::new({m}::Migration),\n"))
            .collect();
        let text = format!(
            "pub use sea_orm_migration::prelude::*;\n\n{mods}\npub struct Migrator;\n\n#[async_trait::async_trait]\nimpl MigratorTrait for Migrator {{\n    fn migrations() -> Vec<Box<dyn MigrationTrait>> {{\n        vec![\n{entries}        ]\n    }}\n}}\n"
        );
        fs::write(self.root().join("src/lib.rs"), text).unwrap();
    }

    /// `schema.json` at this revision (empty schema).
    pub fn snapshot(&self, revision: &str) {
        fs::write(
            self.root().join("schema.json"),
            snapshot_to_json(&Schema::default(), revision),
        )
        .unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Every file under the root with its bytes (autogen's own `.autogen/` left out).
    pub fn tree(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.file_name().is_some_and(|n| n == STATE_DIR) {
                    continue;
                }
                if path.is_dir() {
                    out.insert(path.clone(), Vec::new());
                    walk(&path, out);
                } else {
                    out.insert(path.clone(), fs::read(&path).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.root(), &mut out);
        out
    }
}

/// The lock of `root`, for a commit.
pub fn lock(root: &Path) -> DirLock {
    DirLock::acquire(root, "test").unwrap()
}

/// The messages of a list of problems, one per line.
pub fn messages(problems: &[autogen_revisions::RevisionError]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

pub const A: &str = "m20260101_000000_create_users";
pub const B: &str = "m20260102_000000_add_email";
pub const C: &str = "m20260103_000000_add_posts";
pub const D: &str = "m20260104_000000_add_tags";
pub const IA: &str = "aaaaaaaaaaa1";
pub const IB: &str = "bbbbbbbbbbb2";
pub const IC: &str = "ccccccccccc3";
pub const ID: &str = "ddddddddddd4";
pub const T1: &str = "2026-01-01T00:00:00Z";
pub const T2: &str = "2026-01-02T00:00:00Z";
pub const T3: &str = "2026-01-03T00:00:00Z";
pub const T4: &str = "2026-01-04T00:00:00Z";

/// a ← b ← c, registered, snapshot at c.
pub fn linear() -> Fixture {
    let f = Fixture::new();
    f.revision(A, IA, &[], T1);
    f.revision(B, IB, &[IA], T2);
    f.revision(C, IC, &[IB], T3);
    f.lib(&[A, B, C]);
    f.snapshot(IC);
    f
}

/// a ← b, a ← c: two heads.
pub fn branchy() -> Fixture {
    let f = Fixture::new();
    f.revision(A, IA, &[], T1);
    f.revision(B, IB, &[IA], T2);
    f.revision(C, IC, &[IA], T3);
    f.lib(&[A, B, C]);
    f.snapshot(IC);
    f
}
