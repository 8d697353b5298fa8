//! [`Changeset`]: a set of file writes applied all-or-nothing.
//!
//! [`Changeset::commit`] checks every precondition, creates missing directories, writes
//! each file to a temporary file in its own directory, then renames them all into place.
//! On any failure it removes the temporary files and the directories it created, and
//! restores the files already renamed, so the directory is left exactly as it was.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::RevisionError;

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

    /// Writes every file, or none: see the module documentation.
    pub fn commit(self) -> Result<(), RevisionError> {
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

        // 2. Directories and temporary files.
        let mut created_dirs: Vec<PathBuf> = Vec::new();
        let mut temps: Vec<PathBuf> = Vec::new();
        let staged = (|| {
            for w in &self.writes {
                let dir = parent(&w.path);
                create_dirs(dir, &mut created_dirs)?;
                let temp = temp_path(&w.path);
                write_new(&temp, w.contents.as_bytes()).map_err(|e| {
                    let _ = fs::remove_file(&temp);
                    commit_error(&w.path, e)
                })?;
                temps.push(temp);
            }
            Ok(())
        })();
        if let Err(e) = staged {
            cleanup(&temps, &created_dirs);
            return Err(e);
        }

        // 3. Renames.
        for (i, (w, temp)) in self.writes.iter().zip(&temps).enumerate() {
            let renamed = if self.fail_rename_at == Some(i) {
                Err(std::io::Error::other("injected rename failure"))
            } else {
                fs::rename(temp, &w.path)
            };
            if let Err(e) = renamed {
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
                cleanup(&temps[i..], &created_dirs);
                return Err(commit_error(&w.path, e));
            }
        }
        Ok(())
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

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    parent(path).join(format!(".{name}.autogen-{}-{n}.tmp", std::process::id()))
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
