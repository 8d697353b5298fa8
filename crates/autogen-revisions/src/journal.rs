//! The commit journal, `.autogen/journal`: what makes a [`crate::Changeset`] survive a
//! crash between its renames.
//!
//! A commit writes every new file to `.autogen/tmp/` (fsynced), then the journal (to a
//! temporary name, fsynced, renamed into place: it appears whole or not at all), then
//! moves the files into place, then deletes the journal. The journal's appearance is the
//! commit point:
//!
//! - no journal: nothing was moved; leftovers in `.autogen/tmp/` are deleted by the next
//!   writing run (git ignores them meanwhile);
//! - a journal: every new file is complete in `.autogen/tmp/`, so the commit can always be
//!   finished. Each entry records a checksum of the file it replaces (or that there was
//!   none) and of the new text, so recovery knows which files were already moved and
//!   refuses to overwrite a file edited since.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::error::RevisionError;
use crate::lock::{STATE_DIR, held_by_other};

const JOURNAL: &str = "journal";
const TMP: &str = "tmp";

/// One file of a journaled commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub target: PathBuf,
    pub temp: PathBuf,
    /// Checksum of the file replaced; `None` when the commit creates it.
    pub before: Option<u64>,
    /// Checksum of the new text.
    pub after: u64,
}

/// FNV-1a: a stable checksum (std's hashers may change between releases, and a journal
/// may be finished by another autogen version).
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub(crate) fn journal_path(root: &Path) -> PathBuf {
    root.join(STATE_DIR).join(JOURNAL)
}

pub(crate) fn tmp_dir(root: &Path) -> PathBuf {
    root.join(STATE_DIR).join(TMP)
}

/// fsync of a directory, so that renames and unlinks in it are durable. Not every file
/// system supports it; a failure only weakens durability, never correctness.
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Paths are stored relative to the root when under it, so that a moved checkout can
/// still be recovered.
fn store(root: &Path, path: &Path) -> Result<String, RevisionError> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_str().map(str::to_string).ok_or_else(|| {
        RevisionError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, "path is not UTF-8"),
        )
    })
}

fn render(root: &Path, entries: &[Entry]) -> Result<String, RevisionError> {
    let mut list = Vec::new();
    for e in entries {
        list.push(json!({
            "target": store(root, &e.target)?,
            "temp": store(root, &e.temp)?,
            "before": e.before.map(|h| format!("{h:016x}")),
            "after": format!("{:016x}", e.after),
        }));
    }
    Ok(serde_json::to_string_pretty(&json!({ "version": 1, "writes": list })).expect("JSON value"))
}

/// Writes the journal atomically (temporary name, fsync, rename, fsync of `.autogen/`).
pub(crate) fn write(root: &Path, entries: &[Entry]) -> Result<(), RevisionError> {
    let text = render(root, entries)?;
    let path = journal_path(root);
    let part = path.with_extension("part");
    let written = (|| {
        let mut f = fs::File::create(&part)?;
        std::io::Write::write_all(&mut f, text.as_bytes())?;
        f.sync_all()?;
        fs::rename(&part, &path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&part);
        return Err(RevisionError::Commit { path, source: e });
    }
    sync_dir(&root.join(STATE_DIR));
    Ok(())
}

/// Deletes the journal: the commit is complete.
pub(crate) fn remove(root: &Path) -> std::io::Result<()> {
    fs::remove_file(journal_path(root))?;
    sync_dir(&root.join(STATE_DIR));
    Ok(())
}

/// The journal's entries; `None` when there is none.
pub(crate) fn read(root: &Path) -> Option<Result<Vec<Entry>, String>> {
    let path = journal_path(root);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => return Some(Err(e.to_string())),
    };
    Some(parse(root, &text))
}

fn parse(root: &Path, text: &str) -> Result<Vec<Entry>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if value.get("version").and_then(Value::as_u64) != Some(1) {
        return Err("written by another version of autogen (not version 1)".to_string());
    }
    let writes = value
        .get("writes")
        .and_then(Value::as_array)
        .ok_or("no `writes` list")?;
    let hex = |v: &Value| -> Result<u64, String> {
        v.as_str()
            .and_then(|s| u64::from_str_radix(s, 16).ok())
            .ok_or_else(|| format!("bad checksum {v}"))
    };
    let mut out = Vec::new();
    for w in writes {
        let path = |key: &str| -> Result<PathBuf, String> {
            w.get(key)
                .and_then(Value::as_str)
                .map(|p| root.join(p))
                .ok_or_else(|| format!("an entry has no `{key}`"))
        };
        out.push(Entry {
            target: path("target")?,
            temp: path("temp")?,
            before: match w.get("before") {
                None | Some(Value::Null) => None,
                Some(v) => Some(hex(v)?),
            },
            after: hex(w.get("after").unwrap_or(&Value::Null))?,
        });
    }
    Ok(out)
}

/// Moves one new file into place. A created file is linked, not renamed, so that a file
/// that appeared meanwhile is never replaced (the `O_EXCL` of a rename).
pub(crate) fn install(temp: &Path, target: &Path, create: bool) -> std::io::Result<()> {
    if !create {
        return fs::rename(temp, target);
    }
    match fs::hard_link(temp, target) {
        Ok(()) => {
            // The link is the commit of this file; a temp left behind is deleted later.
            let _ = fs::remove_file(temp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        // A file system without hard links: check, then rename.
        Err(_) if fs::symlink_metadata(target).is_ok() => {
            Err(std::io::ErrorKind::AlreadyExists.into())
        }
        Err(_) => fs::rename(temp, target),
    }
}

fn state_of(path: &Path) -> std::io::Result<Option<u64>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(checksum(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Where an entry stands: `Ok(true)` moved into place, `Ok(false)` not yet, `Err` when
/// the target is neither the file it replaces nor the new one.
fn progress(e: &Entry) -> Result<bool, String> {
    let current = state_of(&e.target).map_err(|err| format!("{}: {err}", e.target.display()))?;
    if current == Some(e.after) {
        return Ok(true);
    }
    if current == e.before && e.temp.is_file() {
        return Ok(false);
    }
    Err(format!(
        "{} changed since the interrupted write{}",
        e.target.display(),
        if e.temp.is_file() {
            ""
        } else {
            " and its new text is gone"
        }
    ))
}

/// The problems [`crate::MigrationDir::validate`] reports about interrupted writes: the
/// journal, and temporary files an older autogen left beside the files it wrote.
pub(crate) fn problems(root: &Path) -> Vec<RevisionError> {
    let mut out = Vec::new();
    if let Some(entries) = read(root) {
        let journal = journal_path(root);
        let in_progress = held_by_other(root);
        match entries {
            Err(reason) => out.push(RevisionError::RecoveryFailed {
                journal,
                reason: format!("unreadable journal: {reason}"),
            }),
            Ok(entries) => {
                let (mut written, mut pending) = (Vec::new(), Vec::new());
                let mut conflict = None;
                for e in &entries {
                    match progress(e) {
                        Ok(true) => written.push(e.target.clone()),
                        Ok(false) => pending.push(e.target.clone()),
                        Err(reason) => {
                            conflict.get_or_insert(reason);
                        }
                    }
                }
                match (conflict, in_progress) {
                    (_, Some(holder)) => {
                        out.push(RevisionError::WriteInProgress { journal, holder })
                    }
                    (Some(reason), None) => {
                        out.push(RevisionError::RecoveryFailed { journal, reason })
                    }
                    (None, None) => out.push(RevisionError::Interrupted {
                        journal,
                        written,
                        pending,
                    }),
                }
            }
        }
    }
    for path in stray_temps(root) {
        out.push(RevisionError::StrayTempFile { path });
    }
    out
}

/// `.{name}.autogen-{pid}-{n}.tmp` files in the root and `src/`: what autogen before the
/// journal left when killed between writing and renaming.
pub(crate) fn stray_temps(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [root.to_path_buf(), root.join("src")] {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if is_legacy_temp(name) {
                out.push(dir.join(name));
            }
        }
    }
    out.sort();
    out
}

fn is_legacy_temp(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let Some((_, tail)) = rest.rsplit_once(".autogen-") else {
        return false;
    };
    let mut parts = tail.split('-');
    let digits =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    digits(parts.next()) && digits(parts.next()) && parts.next().is_none()
}

/// See [`crate::DirLock::recover`]. The caller holds the lock.
pub(crate) fn recover(root: &Path) -> Result<Vec<String>, RevisionError> {
    let mut done = Vec::new();
    if let Some(entries) = read(root) {
        let journal = journal_path(root);
        let failed = |reason: String| RevisionError::RecoveryFailed {
            journal: journal.clone(),
            reason,
        };
        let entries = entries.map_err(|r| failed(format!("unreadable journal: {r}")))?;
        // Check every entry before moving any, so that a conflict changes nothing.
        let mut todo = Vec::new();
        for e in &entries {
            if !progress(e).map_err(failed)? {
                todo.push(e);
            }
        }
        for e in &todo {
            install(&e.temp, &e.target, e.before.is_none())
                .map_err(|err| failed(format!("{}: {err}", e.target.display())))?;
        }
        for e in &todo {
            if let Some(dir) = e.target.parent() {
                sync_dir(dir);
            }
        }
        remove(root).map_err(|err| failed(err.to_string()))?;
        let names: Vec<String> = entries
            .iter()
            .map(|e| e.target.display().to_string())
            .collect();
        done.push(format!(
            "finished an interrupted write of {} ({} file(s) moved into place)",
            names.join(", "),
            todo.len()
        ));
    }
    // Holding the lock, nothing else writes here: every temporary file is a leftover.
    let tmp = tmp_dir(root);
    if let Ok(entries) = fs::read_dir(&tmp) {
        for entry in entries.flatten() {
            let _ = fs::remove_file(entry.path());
        }
    }
    let _ = fs::remove_file(journal_path(root).with_extension("part"));
    for path in stray_temps(root) {
        fs::remove_file(&path).map_err(|e| RevisionError::io(&path, e))?;
        done.push(format!(
            "deleted {}, left by an interrupted run",
            path.display()
        ));
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_temp_names() {
        assert!(is_legacy_temp(".lib.rs.autogen-1234-0.tmp"));
        assert!(is_legacy_temp(".schema.json.autogen-1-22.tmp"));
        assert!(!is_legacy_temp("lib.rs.autogen-1234-0.tmp"));
        assert!(!is_legacy_temp(".lib.rs.autogen-12a-0.tmp"));
        assert!(!is_legacy_temp(".lib.rs.autogen-1-2-3.tmp"));
        assert!(!is_legacy_temp(".x.tmp"));
    }

    #[test]
    fn journal_round_trip() {
        let root = Path::new("/r");
        let entries = vec![
            Entry {
                target: root.join("src/lib.rs"),
                temp: root.join(".autogen/tmp/1-0-lib.rs"),
                before: Some(checksum(b"old")),
                after: checksum(b"new"),
            },
            Entry {
                target: root.join("src/m.rs"),
                temp: root.join(".autogen/tmp/1-1-m.rs"),
                before: None,
                after: 7,
            },
        ];
        let text = render(root, &entries).unwrap();
        assert!(text.contains("\"target\": \"src/lib.rs\""), "{text}");
        assert_eq!(parse(root, &text).unwrap(), entries);
        assert!(parse(root, "{}").is_err());
        assert!(parse(root, &text.replace("\"version\": 1", "\"version\": 2")).is_err());
        assert!(parse(root, "[").is_err());
    }
}
