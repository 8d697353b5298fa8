//! [`MigrationDir::validate`]: every problem of a migration directory, and only real ones.

use std::collections::{BTreeMap, BTreeSet};

use crate::dir::MigrationDir;
use crate::error::{OrderMismatch, Registration, RevisionError};

impl MigrationDir {
    /// Every problem found: malformed headers, duplicate ids, missing parents, cycles,
    /// several heads, `lib.rs` out of step with the files or out of graph order, and a
    /// head snapshot missing or not at the head. Empty when the directory is sound.
    ///
    /// While a write is interrupted (or in progress), only that is reported: the rest is
    /// the state half-way through the write.
    pub fn validate(&self) -> Vec<RevisionError> {
        let mut problems: Vec<RevisionError> =
            self.commit_problems.iter().map(clone_problem).collect();
        if problems
            .iter()
            .any(|p| !matches!(p, RevisionError::StrayTempFile { .. }))
        {
            return problems;
        }
        problems.extend(self.structure_problems());
        let mut graph = self.graph.problems();
        graph.retain(|p| !matches!(p, RevisionError::Cycle { .. }));
        let heads_known = self.heads_known();
        if !heads_known {
            // A revision whose parents are unknown or missing looks like a base, and its
            // parent like a head; in a cycle, no member is a head. "Several heads" or "the snapshot is
            // not at the head" would be false leads.
            graph.retain(|p| !matches!(p, RevisionError::MultipleHeads { .. }));
        }
        problems.extend(graph);
        self.lib_problems(&mut problems);
        if heads_known {
            self.snapshot_problems(&mut problems);
        }
        problems
    }

    /// Whether every revision's ancestry is known: no unreadable `Parents:` line, no
    /// missing parent (its child looks like a base), no cycle.
    fn heads_known(&self) -> bool {
        self.unknown_parents.is_empty()
            && self.graph.history().is_ok()
            && self
                .graph
                .revisions()
                .iter()
                .all(|r| r.parents.iter().all(|p| self.graph.by_id(p).is_some()))
    }

    /// The problems that make the graph's shape unknown: malformed headers, duplicate ids
    /// and cycles. Commands that show heads or history refuse to run with any of them.
    pub fn structure_problems(&self) -> Vec<RevisionError> {
        let mut problems: Vec<RevisionError> =
            self.load_problems.iter().map(clone_problem).collect();
        if let Err(cycle) = self.graph.history() {
            problems.push(cycle);
        }
        problems
    }

    fn lib_problems(&self, problems: &mut Vec<RevisionError>) {
        let lib = &self.lib;
        if !lib.has_migrations_fn() {
            problems.push(RevisionError::LibUnparsable {
                path: lib.path.clone(),
                reason: "cannot find `fn migrations()` returning `vec![…]`".to_string(),
            });
        }
        for (items, what) in [
            (&lib.mods, Registration::ModDeclaration),
            (&lib.entries, Registration::MigrationsEntry),
        ] {
            let mut first: BTreeMap<&str, usize> = BTreeMap::new();
            for item in items {
                if let Some(&first_line) = first.get(item.module.as_str()) {
                    problems.push(RevisionError::DuplicateRegistration {
                        lib: lib.path.clone(),
                        line: item.line,
                        first_line,
                        module: item.module.clone(),
                        what,
                    });
                } else {
                    first.insert(&item.module, item.line);
                }
            }
        }
        let mut reported = BTreeSet::new();
        for item in lib.mods.iter().chain(&lib.entries) {
            if !self.files.contains_key(&item.module) && reported.insert(item.module.clone()) {
                problems.push(RevisionError::ModuleWithoutFile {
                    lib: lib.path.clone(),
                    line: item.line,
                    module: item.module.clone(),
                    expected: self.src_dir().join(format!("{}.rs", item.module)),
                });
            }
        }
        for (module, path) in &self.files {
            let missing = if !lib.mods.iter().any(|m| &m.module == module) {
                Some(Registration::ModDeclaration)
            } else if lib.has_migrations_fn() && !lib.entries.iter().any(|m| &m.module == module) {
                Some(Registration::MigrationsEntry)
            } else {
                None
            };
            if let Some(missing) = missing {
                problems.push(RevisionError::NotRegistered {
                    path: path.clone(),
                    lib: lib.path.clone(),
                    module: module.clone(),
                    missing,
                });
            }
        }
        if !self.unknown_parents.is_empty() || self.graph.history().is_err() {
            // Graph order is undefined: the cycle or header is reported instead.
            return;
        }
        let found: Vec<String> = lib
            .entries
            .iter()
            .filter(|e| self.graph.by_module(&e.module).is_some())
            .map(|e| e.module.clone())
            .collect();
        let position = |m: &str| found.iter().position(|f| f == m);
        for (pos, entry) in lib
            .entries
            .iter()
            .filter(|e| found.contains(&e.module))
            .enumerate()
        {
            let revision = self.graph.by_module(&entry.module).expect("filtered");
            let late_parent = revision
                .parents
                .iter()
                .filter_map(|p| self.graph.by_id(p))
                .find(|p| position(&p.module).is_some_and(|pp| pp > pos));
            if let Some(parent) = late_parent {
                let expected = self
                    .graph
                    .module_order()
                    .into_iter()
                    .filter(|m| found.contains(m))
                    .collect();
                problems.push(RevisionError::OrderMismatch(Box::new(OrderMismatch {
                    lib: lib.path.clone(),
                    line: entry.line,
                    module: entry.module.clone(),
                    parent: parent.module.clone(),
                    expected,
                    found: found.clone(),
                })));
                break;
            }
        }
    }

    fn snapshot_problems(&self, problems: &mut Vec<RevisionError>) {
        let heads: Vec<String> = self.graph.heads().iter().map(|r| r.id.clone()).collect();
        match &self.snapshot {
            Some(s) => {
                let at_head = match heads.len() {
                    0 => false,
                    1 => heads[0] == s.revision,
                    _ => heads.contains(&s.revision),
                };
                if !at_head {
                    problems.push(RevisionError::SnapshotNotHead {
                        path: self.snapshot_path(),
                        revision: s.revision.clone(),
                        heads,
                    });
                }
            }
            None if self.snapshot_text.is_none()
                && self.graph.revisions().iter().any(|r| !r.adopted) =>
            {
                problems.push(RevisionError::SnapshotMissing {
                    path: self.snapshot_path(),
                    head: heads.join(", "),
                });
            }
            None => {}
        }
    }
}

/// Load problems are kept to be returned by every `validate`; `io::Error` is not `Clone`.
pub(crate) fn clone_problem(p: &RevisionError) -> RevisionError {
    match p {
        RevisionError::MalformedHeader { path, line, reason } => RevisionError::MalformedHeader {
            path: path.clone(),
            line: *line,
            reason: reason.clone(),
        },
        RevisionError::DuplicateId { id, first, second } => RevisionError::DuplicateId {
            id: id.clone(),
            first: first.clone(),
            second: second.clone(),
        },
        RevisionError::SnapshotInvalid { path, reason } => RevisionError::SnapshotInvalid {
            path: path.clone(),
            reason: reason.clone(),
        },
        RevisionError::Interrupted {
            journal,
            written,
            pending,
        } => RevisionError::Interrupted {
            journal: journal.clone(),
            written: written.clone(),
            pending: pending.clone(),
        },
        RevisionError::WriteInProgress { journal, holder } => RevisionError::WriteInProgress {
            journal: journal.clone(),
            holder: holder.clone(),
        },
        RevisionError::RecoveryFailed { journal, reason } => RevisionError::RecoveryFailed {
            journal: journal.clone(),
            reason: reason.clone(),
        },
        RevisionError::StrayTempFile { path } => {
            RevisionError::StrayTempFile { path: path.clone() }
        }
        other => unreachable!("not a load problem: {other}"),
    }
}
