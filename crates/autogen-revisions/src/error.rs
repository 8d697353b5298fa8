//! [`RevisionError`]: every problem this crate reports, each naming the file (and line) at fault.

use std::path::{Path, PathBuf};

/// What a migration file is missing from `lib.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    /// The `mod m…;` declaration.
    ModDeclaration,
    /// The `Box::new(m….::Migration)` entry in `migrations()`.
    MigrationsEntry,
}

impl std::fmt::Display for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Registration::ModDeclaration => "`mod` declaration",
            Registration::MigrationsEntry => "`migrations()` entry",
        })
    }
}

/// A revision id with the file that defines it, as named in error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRef {
    /// The revision id (12 hex digits, or the module name of an adopted migration).
    pub id: String,
    /// The migration file.
    pub path: PathBuf,
}

/// The details of [`RevisionError::OrderMismatch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderMismatch {
    /// `lib.rs`.
    pub lib: PathBuf,
    /// The line of the misplaced entry.
    pub line: usize,
    /// The module listed too early.
    pub module: String,
    /// Its parent's module, listed later.
    pub parent: String,
    /// Graph order of the listed modules.
    pub expected: Vec<String>,
    /// The order in `migrations()`.
    pub found: Vec<String>,
}

impl std::fmt::Display for OrderMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: migrations() is not in graph order: {} is listed before its parent {}\nexpected: {}; found: {}",
            self.lib.display(),
            self.line,
            self.module,
            self.parent,
            names(&self.expected),
            names(&self.found)
        )
    }
}

fn refs(list: &[RevisionRef]) -> String {
    list.iter()
        .map(|r| format!("{} ({})", r.id, r.path.display()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn names(list: &[String]) -> String {
    if list.is_empty() {
        "(none)".to_string()
    } else {
        list.join(", ")
    }
}

fn paths(list: &[PathBuf]) -> String {
    if list.is_empty() {
        "(none)".to_string()
    } else {
        list.iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn show(path: &Path) -> std::path::Display<'_> {
    path.display()
}

/// Errors and validation problems of a migration directory.
///
/// [`crate::MigrationDir::validate`] returns every problem found as a list of these; the
/// other operations return the first one. Messages are one or two lines and name the
/// files (and lines) at fault.
#[derive(Debug, thiserror::Error)]
pub enum RevisionError {
    /// Reading a file or directory failed.
    #[error("{}: {source}", show(.path))]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The directory is not a sea-orm-migration crate.
    #[error("{}: not a migration directory: {reason}", show(.path))]
    NotMigrationDir {
        /// The directory.
        path: PathBuf,
        /// What is missing.
        reason: String,
    },
    /// A `//! Revision:` header that does not follow the format.
    #[error("{}:{line}: malformed revision header: {reason}", show(.path))]
    MalformedHeader {
        /// The migration file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// Two files declare the same revision id.
    #[error("revision {id} is declared twice: {} and {}", show(.first), show(.second))]
    DuplicateId {
        /// The id.
        id: String,
        /// The first file (by name).
        first: PathBuf,
        /// The second file.
        second: PathBuf,
    },
    /// A `Parents:` line names a revision that no file declares.
    #[error("{}:{line}: revision {id} names parent {parent}, which no migration file declares", show(.path))]
    MissingParent {
        /// The file naming the parent.
        path: PathBuf,
        /// The line of its `Parents:`.
        line: usize,
        /// The revision naming the parent.
        id: String,
        /// The unknown parent id.
        parent: String,
    },
    /// The parent links form a cycle.
    #[error("revisions form a cycle: {}", refs(.revisions))]
    Cycle {
        /// The revisions in the cycle, each the parent of the next, the last the parent of the first.
        revisions: Vec<RevisionRef>,
    },
    /// More than one head.
    #[error("{} heads: {}\nrun `autogen merge -m MESSAGE` to join them into one", .heads.len(), refs(.heads))]
    MultipleHeads {
        /// The heads, in history order.
        heads: Vec<RevisionRef>,
    },
    /// `lib.rs` names a migration module that has no file.
    #[error("{}:{line}: module {module} has no file {}", show(.lib), show(.expected))]
    ModuleWithoutFile {
        /// `lib.rs`.
        lib: PathBuf,
        /// The line naming the module.
        line: usize,
        /// The module.
        module: String,
        /// The file it should be.
        expected: PathBuf,
    },
    /// A migration file that `lib.rs` does not register.
    #[error("{}: not registered in {}: no {missing} for {module}", show(.path), show(.lib))]
    NotRegistered {
        /// The migration file.
        path: PathBuf,
        /// `lib.rs`.
        lib: PathBuf,
        /// Its module name.
        module: String,
        /// What is missing.
        missing: Registration,
    },
    /// `lib.rs` declares or lists a module twice.
    #[error("{}:{line}: {module} has a second {what} (the first is on line {first_line}); delete one", show(.lib))]
    DuplicateRegistration {
        /// `lib.rs`.
        lib: PathBuf,
        /// The line of the second one.
        line: usize,
        /// The line of the first one.
        first_line: usize,
        /// The module.
        module: String,
        /// What is repeated.
        what: Registration,
    },
    /// `migrations()` lists a revision before one of its parents.
    #[error("{0}")]
    OrderMismatch(Box<OrderMismatch>),
    /// `lib.rs` cannot be read or edited as a migrator.
    #[error("{}: {reason}", show(.path))]
    LibUnparsable {
        /// `lib.rs`.
        path: PathBuf,
        /// What is missing.
        reason: String,
    },
    /// The head snapshot is not at the graph's head.
    #[error("{}: snapshot is at revision {revision}, but the graph's head is {}", show(.path), names(.heads))]
    SnapshotNotHead {
        /// `schema.json`.
        path: PathBuf,
        /// The snapshot's `revision`.
        revision: String,
        /// The graph's heads.
        heads: Vec<String>,
    },
    /// Autogen revisions exist but the head snapshot does not.
    #[error("{}: head snapshot missing (head revision {head}); restore it from version control", show(.path))]
    SnapshotMissing {
        /// Where `schema.json` should be.
        path: PathBuf,
        /// The head revision.
        head: String,
    },
    /// `schema.json` is not a schema JSON with a `revision`.
    #[error("{}: invalid head snapshot: {reason}", show(.path))]
    SnapshotInvalid {
        /// `schema.json`.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// No revision has this id, module name or prefix.
    #[error("no revision matches {query:?}")]
    UnknownRevision {
        /// What was looked up.
        query: String,
    },
    /// A prefix that matches several revisions.
    #[error("{query:?} matches several revisions: {}", .candidates.join(", "))]
    AmbiguousRevision {
        /// What was looked up.
        query: String,
        /// The matching ids.
        candidates: Vec<String>,
    },
    /// `seaql_migrations` lists a version with no migration file.
    #[error("the database has applied migration {version}, which has no file in this directory")]
    AppliedWithoutFile {
        /// The `seaql_migrations.version` value.
        version: String,
    },
    /// `merge` with fewer than two heads.
    #[error("nothing to merge: the graph has {} head(s): {}", .heads.len(), names(.heads))]
    NothingToMerge {
        /// The heads.
        heads: Vec<String>,
    },
    /// A creation time that is not RFC 3339 UTC (`2026-11-24T22:40:00Z`).
    #[error("invalid creation time {value:?}: expected RFC 3339 UTC, like 2026-11-24T22:40:00Z")]
    InvalidTime {
        /// The value given.
        value: String,
    },
    /// A revision id that is not 12 lowercase hex digits.
    #[error("invalid revision id {value:?}: expected 12 lowercase hex digits")]
    InvalidId {
        /// The value given.
        value: String,
    },
    /// The id of a new revision is already taken.
    #[error("revision id {id} is already used by {}", show(.path))]
    IdTaken {
        /// The id.
        id: String,
        /// The file that has it.
        path: PathBuf,
    },
    /// A file a changeset creates already exists.
    #[error("{}: already exists; nothing was written", show(.path))]
    AlreadyExists {
        /// The file.
        path: PathBuf,
    },
    /// A file a changeset replaces changed since it was read.
    #[error("{}: changed since it was read; nothing was written, run the command again", show(.path))]
    Changed {
        /// The file.
        path: PathBuf,
    },
    /// Another process holds the migration directory's lock.
    #[error("{}: the migration directory is locked by {holder}; nothing was written, run the command again when it is done", show(.path))]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Who holds it (process id, command, since when), as it recorded itself.
        holder: String,
    },
    /// A write was interrupted (the process was killed or the machine stopped) after its
    /// commit point: the journal lists the files, some already in place.
    #[error("{}: an autogen write was interrupted; in place: {}; not yet: {}\nrun `autogen init` to finish it", show(.journal), paths(.written), paths(.pending))]
    Interrupted {
        /// `.autogen/journal`.
        journal: PathBuf,
        /// Files already written.
        written: Vec<PathBuf>,
        /// Files still to move into place.
        pending: Vec<PathBuf>,
    },
    /// A journal that is being written by a live process.
    #[error("{}: a write by {holder} is in progress; run the command again when it is done", show(.journal))]
    WriteInProgress {
        /// `.autogen/journal`.
        journal: PathBuf,
        /// The lock holder.
        holder: String,
    },
    /// An interrupted write that cannot be finished.
    #[error("{}: cannot finish the interrupted write: {reason}\nrestore the files it lists from version control, then delete {}", show(.journal), show(.journal))]
    RecoveryFailed {
        /// `.autogen/journal`.
        journal: PathBuf,
        /// Why.
        reason: String,
    },
    /// A temporary file an interrupted run of an older autogen left.
    #[error("{}: temporary file left by an interrupted autogen run; delete it (or run `autogen init`)", show(.path))]
    StrayTempFile {
        /// The file.
        path: PathBuf,
    },
    /// Writing a changeset failed; the directory was left as it was.
    #[error("{}: {source}\nnothing was written", show(.path))]
    Commit {
        /// The file or directory that could not be written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl RevisionError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        RevisionError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
