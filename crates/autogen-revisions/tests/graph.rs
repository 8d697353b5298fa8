//! Reading migration directories: the graph, adoption, validation errors, `current`.

mod common;

use autogen_revisions::{MigrationDir, RevisionError};
use common::*;

fn ids(revs: &[&autogen_revisions::Revision]) -> Vec<String> {
    revs.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn linear_history() {
    let f = linear();
    let dir = MigrationDir::load(f.root()).unwrap();
    assert!(dir.validate().is_empty(), "{}", messages(&dir.validate()));
    assert_eq!(ids(&dir.history().unwrap()), [IA, IB, IC]);
    assert_eq!(ids(&dir.heads()), [IC]);
    assert_eq!(ids(&dir.bases()), [IA]);
    let b = dir.get("bbb").unwrap();
    assert_eq!(
        (b.module.as_str(), b.parents.as_slice()),
        (B, &[IA.to_string()][..])
    );
    assert_eq!(b.message, "add_email");
    assert_eq!(b.created, T2);
    assert_eq!(dir.get(C).unwrap().id, IC);
    assert_eq!(
        dir.get("m2026010").unwrap_err().to_string().lines().count(),
        1
    );
    assert!(matches!(
        dir.get("m2026010"),
        Err(RevisionError::AmbiguousRevision { .. })
    ));
    assert!(matches!(
        dir.get("eee"),
        Err(RevisionError::UnknownRevision { .. })
    ));
    assert_eq!(dir.snapshot().unwrap().revision, IC);
}

#[test]
fn history_ties_by_creation_time_then_id() {
    let f = Fixture::new();
    f.revision(A, IA, &[], T1);
    // Created out of file-name order: c (T2) before b (T3); d and b share T3.
    f.revision(B, IB, &[IA], T3);
    f.revision(C, IC, &[IA], T2);
    f.revision(D, ID, &[IA], T3);
    let dir = MigrationDir::load(f.root()).unwrap();
    assert_eq!(ids(&dir.history().unwrap()), [IA, IC, IB, ID]);
    assert_eq!(ids(&dir.heads()), [IC, IB, ID]);
}

#[test]
fn two_heads_name_both_files_and_merge() {
    let f = branchy();
    let dir = MigrationDir::load(f.root()).unwrap();
    let problems = dir.validate();
    assert_eq!(problems.len(), 1, "{}", messages(&problems));
    let msg = problems[0].to_string();
    assert!(matches!(problems[0], RevisionError::MultipleHeads { .. }));
    assert!(
        msg.contains(&format!("{IB} ({})", f.src(B).display())),
        "{msg}"
    );
    assert!(
        msg.contains(&format!("{IC} ({})", f.src(C).display())),
        "{msg}"
    );
    assert!(msg.contains("autogen merge"), "{msg}");
    assert_eq!(msg.lines().count(), 2);
}

#[test]
fn hand_written_migrations_are_adopted_as_the_base() {
    let f = Fixture::new();
    let h1 = "m20220101_000001_create_table";
    let h2 = "m20220102_000001_add_index";
    f.hand_written(h1);
    f.hand_written(h2);
    f.revision(A, IA, &[h2], T1);
    f.lib(&[h1, h2, A]);
    f.snapshot(IA);
    let dir = MigrationDir::load(f.root()).unwrap();
    assert!(dir.validate().is_empty(), "{}", messages(&dir.validate()));
    assert_eq!(ids(&dir.history().unwrap()), [h1, h2, IA]);
    assert_eq!(ids(&dir.bases()), [h1]);
    let r2 = dir.get(h2).unwrap();
    assert!(r2.adopted);
    assert_eq!(r2.parents, [h1]);
    assert_eq!(r2.created, "2022-01-02T00:00:01Z");
    assert_eq!(r2.message, "add index");
    assert!(!dir.get(IA).unwrap().adopted);

    // A hand-written migration added later continues the hand-written chain: a second head.
    let h3 = "m20260201_000000_manual_fix";
    f.hand_written(h3);
    f.lib(&[h1, h2, A, h3]);
    let dir = MigrationDir::load(f.root()).unwrap();
    assert_eq!(dir.get(h3).unwrap().parents, [h2]);
    let msg = messages(&dir.validate());
    assert!(msg.contains("2 heads") && msg.contains(h3), "{msg}");
}

#[test]
fn a_directory_with_only_hand_written_migrations_needs_no_snapshot() {
    let f = Fixture::new();
    f.hand_written("m20220101_000001_create_table");
    f.lib(&["m20220101_000001_create_table"]);
    let dir = MigrationDir::load(f.root()).unwrap();
    assert!(dir.validate().is_empty(), "{}", messages(&dir.validate()));
}

#[test]
fn cycle() {
    let f = Fixture::new();
    f.revision(A, IA, &[], T1);
    f.revision(B, IB, &[IA, ID], T2);
    f.revision(C, IC, &[IB], T3);
    f.revision(D, ID, &[IC], T4);
    f.lib(&[A, B, C, D]);
    f.snapshot(IA);
    let dir = MigrationDir::load(f.root()).unwrap();
    let err = dir.history().unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, RevisionError::Cycle { ref revisions } if revisions.len() == 3),
        "{msg}"
    );
    for (id, m) in [(IB, B), (IC, C), (ID, D)] {
        assert!(
            msg.contains(&format!("{id} ({})", f.src(m).display())),
            "{msg}"
        );
    }
    assert!(messages(&dir.validate()).contains("revisions form a cycle"));
}

#[test]
fn missing_parent_names_file_line_and_id() {
    let f = Fixture::new();
    f.revision(A, IA, &[], T1);
    f.revision(B, IB, &["ffffffffffff"], T2);
    f.lib(&[A, B]);
    f.snapshot(IB);
    let dir = MigrationDir::load(f.root()).unwrap();
    let msg = messages(&dir.validate());
    assert!(
        msg.contains(&format!(
            "{}:2: revision {IB} names parent ffffffffffff, which no migration file declares",
            f.src(B).display()
        )),
        "{msg}"
    );
}

#[test]
fn duplicate_id_names_both_files() {
    let f = Fixture::new();
    f.revision(A, IA, &[], T1);
    f.revision(B, IA, &[], T2);
    f.lib(&[A, B]);
    f.snapshot(IA);
    let dir = MigrationDir::load(f.root()).unwrap();
    let msg = messages(&dir.validate());
    assert!(
        msg.contains(&format!(
            "revision {IA} is declared twice: {} and {}",
            f.src(A).display(),
            f.src(B).display()
        )),
        "{msg}"
    );
}

#[test]
fn malformed_header_names_file_and_line() {
    let f = Fixture::new();
    f.revision(A, IA, &[], T1);
    f.revision(B, IB, &[IA], "yesterday");
    f.revision(C, IC, &[IB], T3);
    f.lib(&[A, B, C]);
    f.snapshot(IC);
    let dir = MigrationDir::load(f.root()).unwrap();
    let problems = dir.validate();
    // The broken file's id is known: its child gets no "missing parent" on top.
    assert_eq!(problems.len(), 1, "{}", messages(&problems));
    assert_eq!(
        problems[0].to_string(),
        format!(
            "{}:4: malformed revision header: creation time \"yesterday\" is not RFC 3339 UTC",
            f.src(B).display()
        )
    );
    std::fs::write(f.src(B), "//! Revision: 12\n").unwrap();
    let msg = messages(&MigrationDir::load(f.root()).unwrap().validate());
    assert!(
        msg.contains(&format!(
            "{}:1: malformed revision header",
            f.src(B).display()
        )),
        "{msg}"
    );
}

#[test]
fn lib_rs_out_of_step_with_files() {
    let f = linear();
    f.lib(&[A, B, D]);
    let dir = MigrationDir::load(f.root()).unwrap();
    let lib = f.root().join("src/lib.rs");
    let msg = messages(&dir.validate());
    assert!(
        msg.contains(&format!(
            "{}:5: module {D} has no file {}",
            lib.display(),
            f.src(D).display()
        )),
        "{msg}"
    );
    assert!(
        msg.contains(&format!(
            "{}: not registered in {}: no `mod` declaration for {C}",
            f.src(C).display(),
            lib.display()
        )),
        "{msg}"
    );
    // Declared but not listed in migrations().
    let text = f
        .read("src/lib.rs")
        .replace(&format!("mod {D};"), &format!("mod {C};"));
    let text = text.replace(&format!("            Box::new({D}::Migration),\n"), "");
    std::fs::write(&lib, text).unwrap();
    let msg = messages(&MigrationDir::load(f.root()).unwrap().validate());
    assert_eq!(
        msg,
        format!(
            "{}: not registered in {}: no `migrations()` entry for {C}",
            f.src(C).display(),
            lib.display()
        )
    );
}

#[test]
fn migrations_out_of_graph_order() {
    let f = linear();
    f.lib(&[A, C, B]);
    let dir = MigrationDir::load(f.root()).unwrap();
    let problems = dir.validate();
    assert_eq!(problems.len(), 1, "{}", messages(&problems));
    assert_eq!(
        problems[0].to_string(),
        format!(
            "{}:14: migrations() is not in graph order: {C} is listed before its parent {B}\nexpected: {A}, {B}, {C}; found: {A}, {C}, {B}",
            f.root().join("src/lib.rs").display()
        )
    );
    // Siblings in either order are fine.
    let f = branchy();
    f.lib(&[A, C, B]);
    let problems = MigrationDir::load(f.root()).unwrap().validate();
    assert!(
        problems
            .iter()
            .all(|p| matches!(p, RevisionError::MultipleHeads { .. }))
    );
}

#[test]
fn snapshot_must_be_at_the_single_head() {
    let f = linear();
    f.snapshot(IB);
    let msg = messages(&MigrationDir::load(f.root()).unwrap().validate());
    let path = f.root().join("schema.json");
    assert_eq!(
        msg,
        format!(
            "{}: snapshot is at revision {IB}, but the graph's head is {IC}",
            path.display()
        )
    );
    std::fs::remove_file(&path).unwrap();
    let msg = messages(&MigrationDir::load(f.root()).unwrap().validate());
    assert!(
        msg.starts_with(&format!(
            "{}: head snapshot missing (head revision {IC})",
            path.display()
        )),
        "{msg}"
    );
    std::fs::write(&path, "{\"format_version\": 1, \"tables\": {}}").unwrap();
    let dir = MigrationDir::load(f.root()).unwrap();
    assert!(dir.snapshot().is_none());
    let msg = messages(&dir.validate());
    assert_eq!(
        msg,
        format!(
            "{}: invalid head snapshot: no top-level `revision`",
            path.display()
        )
    );
}

#[test]
fn not_a_migration_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let err = MigrationDir::load(tmp.path()).unwrap_err();
    assert!(
        err.to_string().contains("not a migration directory"),
        "{err}"
    );
}

#[test]
fn current_maps_applied_versions() {
    let f = linear();
    let dir = MigrationDir::load(f.root()).unwrap();
    let applied = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(dir.current(&[]).unwrap().is_empty());
    assert_eq!(ids(&dir.current(&applied(&[A, B])).unwrap()), [IB]);
    assert_eq!(ids(&dir.pending(&applied(&[A, B]))), [IC]);
    let err = dir
        .current(&applied(&[A, "m20250101_000000_gone"]))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the database has applied migration m20250101_000000_gone, which has no file in this directory"
    );
    let f = branchy();
    let dir = MigrationDir::load(f.root()).unwrap();
    assert_eq!(ids(&dir.current(&applied(&[A, B, C])).unwrap()), [IB, IC]);
    assert_eq!(ids(&dir.current(&applied(&[A, C])).unwrap()), [IC]);
}

#[test]
fn snapshot_json_keeps_the_schema_format() {
    use autogen_revisions::{snapshot_from_json, snapshot_to_json};
    use autogen_schema::{Column, ColumnType, Schema, Table};
    let mut t = Table::new("users");
    t.columns
        .push(Column::new("email", ColumnType::varchar(200)));
    let mut s = Schema::default();
    s.tables.insert("users".into(), t);
    let text = snapshot_to_json(&s, IA);
    assert!(
        text.starts_with(&format!(
            "{{\n  \"format_version\": 1,\n  \"revision\": \"{IA}\",\n  \"tables\""
        )),
        "{text}"
    );
    let back = snapshot_from_json(&text).unwrap();
    assert_eq!((back.revision.as_str(), &back.schema), (IA, &s));
    // Without `revision` it is exactly Schema::to_json.
    let without = text.replace(&format!("  \"revision\": \"{IA}\",\n"), "");
    assert_eq!(without, s.to_json());
}
