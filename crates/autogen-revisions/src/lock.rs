//! [`DirLock`]: the exclusive lock every writing command holds on a migration directory.
//!
//! The lock is an advisory `flock` (std's `File::try_lock`) on `.autogen/lock`. It is
//! released by the kernel when the process exits, however it exits, so a killed run
//! never leaves a stale lock behind. The holder writes its process id, command and start
//! time into the file, so that a second run can say who holds it.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::RevisionError;
use crate::journal;

/// Directory of autogen's own files inside a migration directory: the lock, the commit
/// journal and temporary files. It holds a `.gitignore` that ignores all of it.
pub const STATE_DIR: &str = ".autogen";

/// An exclusive lock on a migration directory, held until dropped. Required by
/// [`crate::Changeset::commit`], so that no two runs write the same directory at once.
#[derive(Debug)]
pub struct DirLock {
    root: PathBuf,
    file: File,
}

impl DirLock {
    /// Takes the lock on `root` (which must exist), creating `.autogen/` and its
    /// `.gitignore` if needed. Fails at once with [`RevisionError::Locked`], naming the
    /// holder, when another process holds it. `command` is recorded for that message.
    ///
    /// Take the lock before [`crate::MigrationDir::load`], then call
    /// [`DirLock::recover`], so that what is read is what the commit will replace.
    pub fn acquire(root: impl AsRef<Path>, command: &str) -> Result<DirLock, RevisionError> {
        let root = root.as_ref().to_path_buf();
        if !root.is_dir() {
            return Err(RevisionError::NotMigrationDir {
                path: root,
                reason: "no such directory".to_string(),
            });
        }
        let state = root.join(STATE_DIR);
        match fs::create_dir(&state) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(RevisionError::io(&state, e)),
        }
        let ignore = state.join(".gitignore");
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&ignore)
        {
            Ok(mut f) => f
                .write_all(b"# autogen's lock, journal and temporary files\n*\n")
                .map_err(|e| RevisionError::io(&ignore, e))?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(RevisionError::io(&ignore, e)),
        }
        let path = state.join("lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| RevisionError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(RevisionError::Locked {
                    path,
                    holder: read_holder(&mut file),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(RevisionError::io(&path, e)),
        }
        // Who holds the lock is a courtesy for the loser's message: failing to record it
        // does not matter.
        // One write of the whole line, so that a reader sees all of it or none.
        let line = format!(
            "process {} (autogen {command}, since {})\n",
            std::process::id(),
            crate::now_rfc3339()
        );
        let _ = file.set_len(0).and_then(|()| {
            file.rewind()?;
            file.write_all(line.as_bytes())
        });
        Ok(DirLock { root, file })
    }

    /// The locked directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `.autogen/` of the locked directory.
    pub fn state_dir(&self) -> PathBuf {
        self.root.join(STATE_DIR)
    }

    /// Finishes a commit that a crash interrupted (see [`crate::Changeset::commit`]) and
    /// deletes temporary files left by killed runs. Returns what was done, one line per
    /// action, for the caller to show; empty when there was nothing to do.
    pub fn recover(&self) -> Result<Vec<String>, RevisionError> {
        journal::recover(&self.root)
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // The lock itself goes with the file descriptor; clear the holder's line so that
        // it is never shown for a lock nobody holds.
        let _ = self.file.set_len(0);
    }
}

/// Whether some process holds the lock of `root` now. Opens nothing for writing and
/// creates nothing, so read-only commands may ask.
pub(crate) fn held_by_other(root: &Path) -> Option<String> {
    let path = root.join(STATE_DIR).join("lock");
    let mut file = File::open(&path).ok()?;
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(fs::TryLockError::WouldBlock) => Some(read_holder(&mut file)),
        Err(fs::TryLockError::Error(_)) => None,
    }
}

/// The holder's line of a lock another process holds. The holder writes it right after
/// taking the lock, so a reader that comes first waits for it a little (a complete line
/// ends in a newline) before falling back to a line without the details.
fn read_holder(file: &mut File) -> String {
    for _ in 0..50 {
        let mut holder = String::new();
        let complete = file.rewind().is_ok()
            && file.read_to_string(&mut holder).is_ok()
            && holder.ends_with('\n');
        if complete {
            return holder.trim().to_string();
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    "another autogen process".to_string()
}
