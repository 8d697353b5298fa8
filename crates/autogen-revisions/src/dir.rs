//! [`MigrationDir`]: a sea-orm-migration crate read as a revision graph, checked, and
//! extended by planned [`Changeset`]s.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use autogen_schema::Schema;

use crate::changeset::{Changeset, Expect};
use crate::error::RevisionError;
use crate::graph::{Revision, RevisionGraph};
use crate::header::{self, Header, Parsed};
use crate::journal;
use crate::libfile::LibFile;
use crate::snapshot::{HeadSnapshot, snapshot_from_json, snapshot_to_json};

/// File name of the head snapshot, beside `Cargo.toml`.
pub const SNAPSHOT_FILE: &str = "schema.json";

/// A migration directory: `Cargo.toml`, `src/lib.rs`, `src/m…rs`, `schema.json`.
#[derive(Debug)]
pub struct MigrationDir {
    pub(crate) root: PathBuf,
    pub(crate) lib: LibFile,
    pub(crate) graph: RevisionGraph,
    /// Every migration module with a file, header or not, malformed or not.
    pub(crate) files: BTreeMap<String, PathBuf>,
    pub(crate) snapshot: Option<HeadSnapshot>,
    pub(crate) snapshot_text: Option<String>,
    pub(crate) load_problems: Vec<RevisionError>,
    /// Interrupted writes: a journal, stray temporary files.
    pub(crate) commit_problems: Vec<RevisionError>,
    /// Files whose `Parents:` line could not be read: the graph's heads are unknown.
    pub(crate) unknown_parents: Vec<PathBuf>,
}

/// A planned revision: its id, module, file and header. Turn it into files with
/// [`MigrationDir::changeset`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRevision {
    /// The new id (12 hex digits).
    pub id: String,
    /// The module name, `m{YYYYMMDD_HHMMSS}_{slug}`, unique in the directory.
    pub module: String,
    /// `src/{module}.rs`.
    pub path: PathBuf,
    /// Parent ids (resolved from the ids or prefixes given).
    pub parents: Vec<String>,
    /// The message, on one line.
    pub message: String,
    /// Creation time, `YYYY-MM-DDTHH:MM:SSZ`.
    pub created: String,
    /// Further header lines (hazards, …), written as `//! {note}` after `Created:`.
    pub notes: Vec<String>,
}

impl NewRevision {
    /// The header block, each line ending in a newline.
    pub fn header(&self) -> String {
        header::render(&Header {
            id: self.id.clone(),
            parents: self.parents.clone(),
            message: self.message.clone(),
            created: self.created.clone(),
            notes: self.notes.clone(),
        })
    }

    /// The whole file: the header, then `body` (the `use` lines and the `Migration`),
    /// separated by a blank line unless `body` continues the `//!` block.
    pub fn file_text(&self, body: &str) -> String {
        let mut text = self.header();
        if !body.trim_start().starts_with("//!") {
            text.push('\n');
        }
        text.push_str(body);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }

    /// A migration body whose `up` and `down` do nothing (a merge revision).
    pub fn empty_body() -> &'static str {
        "use sea_orm_migration::prelude::*;\n\n#[derive(DeriveMigrationName)]\npub struct Migration;\n\n\
         #[async_trait::async_trait]\nimpl MigrationTrait for Migration {\n    \
         async fn up(&self, _manager: &SchemaManager) -> Result<(), DbErr> {\n        Ok(())\n    }\n\n    \
         async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {\n        Ok(())\n    }\n}\n"
    }
}

impl MigrationDir {
    /// Reads the directory. Fails only when it cannot be read or has no `src/lib.rs`;
    /// everything else wrong is reported by [`MigrationDir::validate`].
    pub fn load(dir: impl AsRef<Path>) -> Result<MigrationDir, RevisionError> {
        let root = dir.as_ref().to_path_buf();
        let lib_path = root.join("src").join("lib.rs");
        if !lib_path.is_file() {
            return Err(RevisionError::NotMigrationDir {
                path: root,
                reason: format!("{} not found", lib_path.display()),
            });
        }
        let lib_text =
            fs::read_to_string(&lib_path).map_err(|e| RevisionError::io(&lib_path, e))?;
        Self::load_with(root, LibFile::parse(&lib_path, lib_text))
    }

    /// The migration modules in `dir/src`, in graph order, read as [`MigrationDir::load`]
    /// would but without `lib.rs` (which may be missing).
    pub(crate) fn module_order_without_lib(dir: &Path) -> Result<Vec<String>, RevisionError> {
        if !dir.join("src").is_dir() {
            return Ok(Vec::new());
        }
        let lib_path = dir.join("src").join("lib.rs");
        let loaded = Self::load_with(dir.to_path_buf(), LibFile::parse(&lib_path, String::new()))?;
        Ok(loaded.graph.module_order())
    }

    fn load_with(root: PathBuf, lib: LibFile) -> Result<MigrationDir, RevisionError> {
        let src = root.join("src");

        let mut files = BTreeMap::new();
        for entry in fs::read_dir(&src).map_err(|e| RevisionError::io(&src, e))? {
            let path = entry.map_err(|e| RevisionError::io(&src, e))?.path();
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            if path.extension().is_some_and(|e| e == "rs")
                && header::is_module_name(stem)
                && path.is_file()
            {
                files.insert(stem.to_string(), src.join(format!("{stem}.rs")));
            }
        }

        let mut problems = Vec::new();
        let mut unknown_parents = Vec::new();
        let mut revisions: Vec<Revision> = Vec::new();
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        let mut last_adopted: Option<String> = None;
        for (module, path) in &files {
            let text = fs::read_to_string(path).map_err(|e| RevisionError::io(path, e))?;
            let revision = match header::parse(&text) {
                Parsed::HandWritten => Revision {
                    id: module.clone(),
                    module: module.clone(),
                    path: path.clone(),
                    parents: last_adopted.replace(module.clone()).into_iter().collect(),
                    parents_line: 0,
                    message: header::module_message(module),
                    created: header::module_time(module),
                    notes: Vec::new(),
                    adopted: true,
                },
                Parsed::Revision(h) => Revision {
                    id: h.id,
                    module: module.clone(),
                    path: path.clone(),
                    parents: h.parents,
                    parents_line: header::PARENTS_LINE,
                    message: h.message,
                    created: h.created,
                    notes: h.notes,
                    adopted: false,
                },
                Parsed::Malformed {
                    line,
                    reason,
                    partial,
                } => {
                    // Keep what could be read in the graph, so that its children and
                    // parent report nothing more.
                    let known = partial.as_ref().is_some_and(|(_, known)| *known);
                    problems.push(RevisionError::MalformedHeader {
                        path: path.clone(),
                        line,
                        reason: if known {
                            reason
                        } else {
                            format!(
                                "{reason} (until it is fixed, the graph's heads are unknown and are not checked)"
                            )
                        },
                    });
                    if !known {
                        unknown_parents.push(path.clone());
                    }
                    let Some((h, _)) = partial else { continue };
                    Revision {
                        created: if h.created.is_empty() {
                            header::module_time(module)
                        } else {
                            h.created
                        },
                        id: h.id,
                        module: module.clone(),
                        path: path.clone(),
                        parents: h.parents,
                        parents_line: header::PARENTS_LINE,
                        message: h.message,
                        notes: h.notes,
                        adopted: false,
                    }
                }
            };
            if let Some(first) = seen.get(&revision.id) {
                problems.push(RevisionError::DuplicateId {
                    id: revision.id.clone(),
                    first: first.clone(),
                    second: path.clone(),
                });
                continue;
            }
            seen.insert(revision.id.clone(), path.clone());
            revisions.push(revision);
        }

        let snapshot_path = root.join(SNAPSHOT_FILE);
        let (mut snapshot, mut snapshot_text) = (None, None);
        match fs::read_to_string(&snapshot_path) {
            Ok(text) => {
                match snapshot_from_json(&text) {
                    Ok(s) => snapshot = Some(s),
                    Err(reason) => problems.push(RevisionError::SnapshotInvalid {
                        path: snapshot_path.clone(),
                        reason,
                    }),
                }
                snapshot_text = Some(text);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(RevisionError::io(&snapshot_path, e)),
        }

        Ok(MigrationDir {
            commit_problems: journal::problems(&root),
            root,
            lib,
            graph: RevisionGraph::new(revisions),
            files,
            snapshot,
            snapshot_text,
            load_problems: problems,
            unknown_parents,
        })
    }

    /// The directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `src/`.
    pub fn src_dir(&self) -> PathBuf {
        self.root.join("src")
    }

    /// `schema.json`.
    pub fn snapshot_path(&self) -> PathBuf {
        self.root.join(SNAPSHOT_FILE)
    }

    /// The parsed `src/lib.rs`.
    pub fn lib(&self) -> &LibFile {
        &self.lib
    }

    /// The revision graph.
    pub fn graph(&self) -> &RevisionGraph {
        &self.graph
    }

    /// The head snapshot, when present and readable.
    pub fn snapshot(&self) -> Option<&HeadSnapshot> {
        self.snapshot.as_ref()
    }

    /// See [`RevisionGraph::heads`].
    pub fn heads(&self) -> Vec<&Revision> {
        self.graph.heads()
    }

    /// See [`RevisionGraph::bases`].
    pub fn bases(&self) -> Vec<&Revision> {
        self.graph.bases()
    }

    /// See [`RevisionGraph::history`].
    pub fn history(&self) -> Result<Vec<&Revision>, RevisionError> {
        self.graph.history()
    }

    /// See [`RevisionGraph::get`].
    pub fn get(&self, id_or_prefix: &str) -> Result<&Revision, RevisionError> {
        self.graph.get(id_or_prefix)
    }

    /// See [`RevisionGraph::current`].
    pub fn current(&self, applied: &[String]) -> Result<Vec<&Revision>, RevisionError> {
        self.graph.current(applied)
    }

    /// See [`RevisionGraph::pending`].
    pub fn pending(&self, applied: &[String]) -> Vec<&Revision> {
        self.graph.pending(applied)
    }

    /// Plans a revision with these parents (ids, module names or unique prefixes; none for
    /// a new base). `created` is RFC 3339 UTC and gives the module's timestamp; `id` is 12
    /// hex digits (see [`crate::revision_id`]).
    pub fn plan_new_revision(
        &self,
        message: &str,
        parents: &[&str],
        created: &str,
        id: &str,
    ) -> Result<NewRevision, RevisionError> {
        if !header::is_revision_id(id) {
            return Err(RevisionError::InvalidId {
                value: id.to_string(),
            });
        }
        if let Some(r) = self.graph.by_id(id) {
            return Err(RevisionError::IdTaken {
                id: id.to_string(),
                path: r.path.clone(),
            });
        }
        let invalid_time = || RevisionError::InvalidTime {
            value: created.to_string(),
        };
        let created_norm = header::normalize_time(created).ok_or_else(invalid_time)?;
        let stamp = header::module_stamp(created).ok_or_else(invalid_time)?;
        let mut resolved = Vec::new();
        for p in parents {
            let id = self.graph.get(p)?.id.clone();
            if !resolved.contains(&id) {
                resolved.push(id);
            }
        }
        let base = format!("m{stamp}_{}", header::slug(message));
        let taken =
            |m: &str| self.files.contains_key(m) || self.lib.mods.iter().any(|x| x.module == m);
        let mut module = base.clone();
        let mut n = 2;
        while taken(&module) {
            module = format!("{base}_{n}");
            n += 1;
        }
        Ok(NewRevision {
            id: id.to_string(),
            path: self.src_dir().join(format!("{module}.rs")),
            module,
            parents: resolved,
            message: message.split_whitespace().collect::<Vec<_>>().join(" "),
            created: created_norm,
            notes: Vec::new(),
        })
    }

    /// Plans a merge revision whose parents are the current heads.
    pub fn plan_merge(
        &self,
        message: &str,
        created: &str,
        id: &str,
    ) -> Result<NewRevision, RevisionError> {
        let heads = self.graph.heads();
        if heads.len() < 2 {
            return Err(RevisionError::NothingToMerge {
                heads: heads.iter().map(|r| r.id.clone()).collect(),
            });
        }
        let ids: Vec<&str> = heads.iter().map(|r| r.id.as_str()).collect();
        self.plan_new_revision(message, &ids, created, id)
    }

    /// The files of a planned revision: the migration file (header + `body`), `lib.rs`
    /// with its `mod` line and `migrations()` entry in graph order, and the head snapshot
    /// at the new revision: `snapshot`, or when `None` the current snapshot's schema
    /// (nothing is written when there is none). Commit with [`Changeset::commit`].
    pub fn changeset(
        &self,
        revision: &NewRevision,
        body: &str,
        snapshot: Option<&Schema>,
    ) -> Result<Changeset, RevisionError> {
        self.changeset_many(&[(revision, body)], snapshot)
    }

    /// The files of several planned revisions written together (the three of a phased
    /// change, each the parent of the next): each migration file, `lib.rs` with all of
    /// them in graph order, and the head snapshot at the last one (see
    /// [`MigrationDir::changeset`]).
    pub fn changeset_many(
        &self,
        revisions: &[(&NewRevision, &str)],
        snapshot: Option<&Schema>,
    ) -> Result<Changeset, RevisionError> {
        let mut all = self.graph.revisions().to_vec();
        for (revision, _) in revisions {
            all.push(Revision {
                id: revision.id.clone(),
                module: revision.module.clone(),
                path: revision.path.clone(),
                parents: revision.parents.clone(),
                parents_line: header::PARENTS_LINE,
                message: revision.message.clone(),
                created: revision.created.clone(),
                notes: revision.notes.clone(),
                adopted: false,
            });
        }
        let order = RevisionGraph::new(all).module_order();
        let mut lib = self.lib.clone();
        for (revision, _) in revisions {
            let text = lib.with_module(&revision.module, &order)?;
            lib = LibFile::parse(&self.lib.path, text);
        }

        let mut changes = Changeset::new();
        for (revision, body) in revisions {
            changes.push(&revision.path, revision.file_text(body), Expect::Absent);
        }
        changes.push(
            &self.lib.path,
            lib.text,
            Expect::Unchanged(self.lib.text.clone()),
        );
        let Some(last) = revisions.last() else {
            return Ok(Changeset::new());
        };
        let schema = snapshot.or(self.snapshot.as_ref().map(|s| &s.schema));
        if let Some(schema) = schema {
            let expect = match &self.snapshot_text {
                Some(text) => Expect::Unchanged(text.clone()),
                None => Expect::Absent,
            };
            changes.push(
                self.snapshot_path(),
                snapshot_to_json(schema, &last.0.id),
                expect,
            );
        }
        Ok(changes)
    }
}
