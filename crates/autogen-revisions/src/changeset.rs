//! [`Changeset`]: a set of file writes applied all-or-nothing.
//!
//! [`Changeset::commit`] runs under the directory's [`DirLock`]. It checks every
//! precondition, creates missing directories, writes each file to `.autogen/tmp/`
//! (fsynced), writes the journal (the commit point, see [`crate::journal`]), moves the
//! files into place (a new file by hard link, so an existing one is never replaced), then
//! deletes the journal. On an error it removes the temporary files and the directories
//! it created and restores the files already moved, so the directory is left as it was.
//! After a crash, the journal lets [`DirLock::recover`] finish the commit.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::RevisionError;
use crate::journal;
use crate::lock::DirLock;

/// What a write expects to find at its path when committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// No file: the write creates it.
    Absent,
    /// A file with exactly this text (as read when the changeset was planned).
    Unchanged(String),
    /// Anything: a file to replace, or nothing.
    Any,
}

/// One file of a [`Changeset`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    /// Where to write.
    pub path: PathBuf,
    /// The new contents.
    pub contents: String,
    /// What must be there before.
    pub expect: Expect,
}

/// File writes applied together by [`Changeset::commit`], or not at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changeset {
    writes: Vec<FileWrite>,
    fail_rename_at: Option<usize>,
    crash_after: Option<usize>,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Changeset {
    /// An empty changeset.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a write. A later write to the same path replaces an earlier one.
    pub fn push(&mut self, path: impl Into<PathBuf>, contents: impl Into<String>, expect: Expect) {
        let path = path.into();
        self.writes.retain(|w| w.path != path);
        self.writes.push(FileWrite {
            path,
            contents: contents.into(),
            expect,
        });
    }

    /// The writes, in order.
    pub fn writes(&self) -> &[FileWrite] {
        &self.writes
    }

    /// The contents this changeset writes to `path`, if any.
    pub fn contents(&self, path: &Path) -> Option<&str> {
        self.writes
            .iter()
            .find(|w| w.path == path)
            .map(|w| w.contents.as_str())
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty()
    }

    /// Test hook: make the rename of write `index` fail, to exercise the rollback.
    #[doc(hidden)]
    pub fn fail_rename_at(&mut self, index: usize) {
        self.fail_rename_at = Some(index);
    }

    /// Test hook: stop [`Changeset::commit`] after this many of its durable steps, as if
    /// the process were killed there (nothing is cleaned up). The steps: each temporary
    /// file, the journal, each file moved into place, the journal's removal.
    #[doc(hidden)]
    pub fn crash_after(&mut self, steps: usize) {
        self.crash_after = Some(steps);
    }

    /// The number of durable steps of [`Changeset::commit`] (see
    /// [`Changeset::crash_after`]).
    #[doc(hidden)]
    pub fn commit_steps(&self) -> usize {
        2 * self.writes.len() + 2
    }

    /// Writes every file, or none: see the module documentation. `lock` must be the lock
    /// of the directory the files are in (or, for a file outside it, of the directory the
    /// command works on): temporary files and the journal go to its `.autogen/`.
    pub fn commit(self, lock: &DirLock) -> Result<(), RevisionError> {
        let root = lock.root();
        let mut step = 0usize;
        let mut crash = |what: &Path| -> Result<(), RevisionError> {
            step += 1;
            if self.crash_after == Some(step) {
                return Err(commit_error(what, std::io::Error::other("injected crash")));
            }
            Ok(())
        };

        // 1. Preconditions, and what to restore on failure.
        let mut previous: Vec<Option<Vec<u8>>> = Vec::with_capacity(self.writes.len());
        for w in &self.writes {
            let current = match fs::symlink_metadata(&w.path) {
                Ok(meta) if meta.is_dir() => {
                    return Err(commit_error(
                        &w.path,
                        std::io::ErrorKind::IsADirectory.into(),
                    ));
                }
                Ok(_) => Some(fs::read(&w.path).map_err(|e| commit_error(&w.path, e))?),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => None,
                Err(e) => return Err(commit_error(&w.path, e)),
            };
            match (&w.expect, &current) {
                (Expect::Absent, Some(_)) => {
                    return Err(RevisionError::AlreadyExists {
                        path: w.path.clone(),
                    });
                }
                (Expect::Unchanged(text), Some(bytes)) if text.as_bytes() == bytes.as_slice() => {}
                (Expect::Unchanged(_), _) => {
                    return Err(RevisionError::Changed {
                        path: w.path.clone(),
                    });
                }
                _ => {}
            }
            previous.push(current);
        }

        // 2. Directories and temporary files, then the journal: the commit point.
        let mut created_dirs: Vec<PathBuf> = Vec::new();
        let mut temps: Vec<PathBuf> = Vec::new();
        let tmp_dir = journal::tmp_dir(root);
        let staged = (|| {
            create_dirs(&tmp_dir, &mut Vec::new())?;
            for w in &self.writes {
                create_dirs(parent(&w.path), &mut created_dirs)?;
                let temp = temp_path(&tmp_dir, &w.path);
                write_new(&temp, w.contents.as_bytes()).map_err(|e| {
                    let _ = fs::remove_file(&temp);
                    commit_error(&w.path, e)
                })?;
                temps.push(temp);
                crash(&w.path)?;
            }
            journal::sync_dir(&tmp_dir);
            let entries: Vec<journal::Entry> = self
                .writes
                .iter()
                .zip(&temps)
                .zip(&previous)
                .map(|((w, temp), before)| journal::Entry {
                    target: w.path.clone(),
                    temp: temp.clone(),
                    before: before.as_deref().map(journal::checksum),
                    after: journal::checksum(w.contents.as_bytes()),
                })
                .collect();
            journal::write(root, &entries)?;
            crash(&journal::journal_path(root))
        })();
        if let Err(e) = staged {
            if self.crash_after.is_none() {
                cleanup(&temps, &created_dirs);
            }
            return Err(e);
        }

        // 3. Moves into place.
        for (i, (w, temp)) in self.writes.iter().zip(&temps).enumerate() {
            let moved = if self.fail_rename_at == Some(i) {
                Err(std::io::Error::other("injected rename failure"))
            } else {
                journal::install(temp, &w.path, previous[i].is_none())
            };
            if let Err(e) = moved {
                for (done, before) in self.writes[..i].iter().zip(&previous).rev() {
                    match before {
                        Some(bytes) => {
                            let _ = fs::write(&done.path, bytes);
                        }
                        None => {
                            let _ = fs::remove_file(&done.path);
                        }
                    }
                }
                let _ = journal::remove(root);
                cleanup(&temps[i..], &created_dirs);
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    return Err(RevisionError::AlreadyExists {
                        path: w.path.clone(),
                    });
                }
                return Err(commit_error(&w.path, e));
            }
            crash(&w.path)?;
        }

        // 4. Durable, then done.
        let mut dirs: Vec<&Path> = self.writes.iter().map(|w| parent(&w.path)).collect();
        dirs.dedup();
        for d in dirs {
            journal::sync_dir(d);
        }
        // Every file is in place: the commit is done. A journal that cannot be deleted
        // names no pending file, and the next writing run deletes it.
        let _ = journal::remove(root);
        crash(&journal::journal_path(root))
    }
}

fn commit_error(path: &Path, source: std::io::Error) -> RevisionError {
    RevisionError::Commit {
        path: path.to_path_buf(),
        source,
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Creates `dir` and its missing ancestors, recording each one created (outermost first).
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> Result<(), RevisionError> {
    let mut missing = Vec::new();
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if d.as_os_str().is_empty() || fs::symlink_metadata(d).is_ok() {
            break;
        }
        missing.push(d.to_path_buf());
        cur = d.parent();
    }
    for d in missing.into_iter().rev() {
        fs::create_dir(&d).map_err(|e| commit_error(&d, e))?;
        created.push(d);
    }
    Ok(())
}

fn temp_path(tmp_dir: &Path, path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    tmp_dir.join(format!("{}-{n}-{name}", std::process::id()))
}

fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn cleanup(temps: &[PathBuf], created_dirs: &[PathBuf]) {
    for t in temps {
        let _ = fs::remove_file(t);
    }
    for d in created_dirs.iter().rev() {
        let _ = fs::remove_dir(d);
    }
}
