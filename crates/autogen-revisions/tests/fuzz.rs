//! Fuzzing of the parsers of untrusted text in a migration directory: revision headers,
//! `lib.rs` scanning and snapshot JSON. Bounded proptest runs (see docs/fuzzing.md), and
//! the committed corpus `tests/corpus/` of nasty inputs, each run through
//! `MigrationDir::load` and `validate`: no panic, and every problem names its file (and a
//! line inside it).

mod common;

use std::fs;
use std::path::Path;

use autogen_revisions::{LibFile, MigrationDir, RevisionError, snapshot_from_json};
use common::*;
use proptest::prelude::*;

/// Cases per property: enough to find the cheap bugs in `cargo test`; raise it with
/// `PROPTEST_CASES` for a longer run.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces that the parsers look for, so that random text reaches deep paths.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("//! Revision: ".to_string()),
        Just("//! Parents: ".to_string()),
        Just("//! Message: ".to_string()),
        Just("//! Created: ".to_string()),
        Just("//!".to_string()),
        Just("Revison:".to_string()),
        Just("bbbbbbbbbbb2".to_string()),
        Just("0123456789ab".to_string()),
        Just("m20260101_000000_create_users".to_string()),
        Just(", ".to_string()),
        Just("2026-01-01T00:00:00Z".to_string()),
        Just("2026-01-01T00:00:0é".to_string()),
        Just("mod ".to_string()),
        Just("pub mod ".to_string()),
        Just(";".to_string()),
        Just("fn migrations() -> Vec<Box<dyn MigrationTrait>> {".to_string()),
        Just("vec![".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("Box::new(".to_string()),
        Just("::Migration)".to_string()),
        Just("//".to_string()),
        Just("/*".to_string()),
        Just("struct Migrator".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\0".to_string()),
        Just("😀".to_string()),
        "[ -~]{0,8}",
        any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
}

/// The line a problem names, when it names one: `path:LINE: …`.
fn named_line(message: &str, path: &Path) -> Option<usize> {
    let rest = message.strip_prefix(&format!("{}:", path.display()))?;
    rest.split(':').next()?.parse().ok()
}

/// Loads `f` and checks every problem names a file, and any line it names exists.
fn check_dir(f: &Fixture) {
    let dir = match MigrationDir::load(f.root()) {
        Ok(dir) => dir,
        Err(e) => {
            assert!(
                e.to_string().contains(&f.root().display().to_string()),
                "{e}"
            );
            return;
        }
    };
    let _ = dir.heads();
    let _ = dir.history();
    for p in dir.validate() {
        let msg = p.to_string();
        assert!(
            msg.contains(&f.root().display().to_string()),
            "names no file: {msg}"
        );
        if let RevisionError::MalformedHeader { path, line, .. } = &p {
            let lines = fs::read_to_string(path).unwrap().lines().count();
            assert!(*line >= 1 && *line <= lines.max(4), "{msg}");
            assert_eq!(named_line(&msg, path), Some(*line), "{msg}");
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn revision_headers(text in soup()) {
        let f = linear();
        fs::write(f.src(D), &text).unwrap();
        check_dir(&f);
    }

    #[test]
    fn lib_rs_scanning(text in soup()) {
        let lib = LibFile::parse(Path::new("src/lib.rs"), text.clone());
        let lines: Vec<&str> = text.split('\n').collect();
        for item in lib.mods.iter().chain(&lib.entries) {
            prop_assert!(item.line >= 1 && item.line <= lines.len());
            prop_assert!(lines[item.line - 1].contains(&item.module));
        }
        let order = vec![A.to_string(), D.to_string()];
        if let Ok(edited) = lib.with_module(D, &order) {
            let again = LibFile::parse(Path::new("src/lib.rs"), edited);
            prop_assert!(again.mods.iter().any(|m| m.module == D));
        }
        let f = linear();
        fs::write(f.root().join("src/lib.rs"), &text).unwrap();
        check_dir(&f);
    }

    #[test]
    fn snapshot_json(text in soup(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let _ = snapshot_from_json(&text);
        // A real snapshot with one byte changed: any position given is inside the file.
        let f = linear();
        let good = f.read("schema.json");
        let mut bytes = good.into_bytes();
        let i = cut.index(bytes.len());
        bytes[i] = byte;
        let Ok(bad) = String::from_utf8(bytes) else { return Ok(()) };
        if let Err(reason) = snapshot_from_json(&bad)
            && let Some((_, pos)) = reason.rsplit_once(" at line ")
        {
            let line: usize = pos.split(' ').next().unwrap().parse().unwrap();
            prop_assert!(line >= 1 && line <= bad.lines().count() + 1, "{reason}");
        }
        fs::write(f.root().join("schema.json"), &bad).unwrap();
        check_dir(&f);
    }
}

/// Every file of `tests/corpus/`: headers as a migration file, `lib` as `src/lib.rs`,
/// `snapshot` as `schema.json`.
#[test]
fn corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut count = 0;
    for (kind, target) in [
        ("headers", format!("src/{D}.rs")),
        ("lib", "src/lib.rs".to_string()),
        ("snapshot", "schema.json".to_string()),
    ] {
        let mut files: Vec<_> = fs::read_dir(root.join(kind))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let bytes = fs::read(&file).unwrap();
            let f = linear();
            fs::write(f.root().join(&target), &bytes).unwrap();
            let outcome = std::panic::catch_unwind(|| check_dir(&f));
            assert!(outcome.is_ok(), "{} panicked", file.display());
            if let Ok(text) = String::from_utf8(bytes) {
                let _ = LibFile::parse(Path::new("lib.rs"), text.clone());
                let _ = snapshot_from_json(&text);
            }
            count += 1;
        }
    }
    assert!(count >= 20, "{count} corpus files");
}
