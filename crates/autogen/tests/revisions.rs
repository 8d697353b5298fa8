//! End-to-end tests of `autogen init`, `revision`, `heads`, `history`, `show`, `merge`:
//! the real binary in a temp project whose models are a JSON file, real files, exit codes.

mod common;

use std::process::{Command, Output};

use autogen_schema::Schema;
use common::*;

#[test]
fn init_scaffolds_a_project_once() {
    let dir = tempfile::tempdir().unwrap();
    let o = autogen(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Created"), "{}", stdout(&o));

    let config = std::fs::read_to_string(dir.path().join("autogen.toml")).unwrap();
    assert!(
        config.contains("[models]") && config.contains("command ="),
        "{config}"
    );
    assert!(config.contains("dir = \"migrations\""), "{config}");
    let cargo = std::fs::read_to_string(dir.path().join("migrations/Cargo.toml")).unwrap();
    assert!(cargo.contains("name = \"migration\""), "{cargo}");
    assert!(cargo.contains("sea-orm-migration"), "{cargo}");
    let lib = std::fs::read_to_string(dir.path().join("migrations/src/lib.rs")).unwrap();
    assert!(lib.contains("pub struct Migrator;"), "{lib}");
    assert!(lib.contains("fn migrations()"), "{lib}");
    assert!(lib.contains("vec![]"), "{lib}");
    let main = std::fs::read_to_string(dir.path().join("migrations/src/main.rs")).unwrap();
    assert!(main.contains("cli::run_cli(migration::Migrator)"), "{main}");
    assert!(
        !dir.path().join("migrations/schema.json").exists(),
        "no snapshot before the first revision"
    );

    let before = tree(dir.path());
    let again = autogen(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(stdout(&again).contains("is ready"), "{}", stdout(&again));
    assert_same_tree(&before, &tree(dir.path()), "init run twice");
}

#[test]
fn init_keeps_an_existing_autogen_toml() {
    let p = Project::new(&users());
    let config = std::fs::read(p.path().join("autogen.toml")).unwrap();
    let o = p.run(&["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(p.path().join("autogen.toml")).unwrap(),
        config
    );
    assert!(p.src().join("lib.rs").is_file());
}

fn is_module_name_for(module: &str, created: &str, slug: &str) -> bool {
    // m{YYYYMMDD_HHMMSS}_{slug}, the stamp taken from Created (YYYY-MM-DDTHH:MM:SSZ).
    let digits: String = created.chars().filter(char::is_ascii_digit).collect();
    module == format!("m{}_{}_{slug}", &digits[..8], &digits[8..14])
}

fn models_of(value: &serde_json::Value) -> Schema {
    Schema::from_json(&value.to_string()).unwrap().normalized()
}

fn snapshot_schema(p: &Project) -> (String, Schema) {
    let text = std::fs::read_to_string(p.migrations().join("schema.json")).unwrap();
    let s = autogen_revisions::snapshot_from_json(&text).expect("schema.json is a head snapshot");
    (s.revision, s.schema)
}

#[test]
fn revision_writes_the_file_lib_rs_and_the_snapshot() {
    let p = Project::init(&users());

    // The first revision.
    let o = p.run(&["revision", "-m", "Create users!"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files = p.migration_files();
    assert_eq!(files.len(), 1, "{files:?}");
    let first = Revision::read(&files[0]);
    assert!(
        stdout(&o).contains(&format!(
            "(revision {}, parent none): 1 operation(s)",
            first.id
        )),
        "{}",
        stdout(&o)
    );
    let lines: Vec<&str> = first.text.lines().collect();
    assert!(lines[0].starts_with("//! Revision: "), "{}", first.text);
    assert_eq!(
        lines[1].trim_end(),
        "//! Parents:",
        "a base: {}",
        first.text
    );
    assert_eq!(lines[2], "//! Message: Create users!");
    assert!(lines[3].starts_with("//! Created: "), "{}", first.text);
    assert!(
        first.text.lines().any(|l| l.starts_with("//! Hazards:")),
        "{}",
        first.text
    );
    assert_eq!(first.id.len(), 12);
    assert!(
        first
            .id
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert!(first.parents.is_empty());
    assert!(
        first.created.ends_with('Z') && first.created.len() == 20,
        "{}",
        first.created
    );
    assert!(
        is_module_name_for(&first.module, &first.created, "create_users"),
        "{} / {}",
        first.module,
        first.created
    );
    assert!(first.text.contains("Table::create()"), "{}", first.text);
    assert!(first.text.contains("Table::drop()"), "down: {}", first.text);
    let lib = p.lib_rs();
    assert!(lib.contains(&format!("mod {};", first.module)), "{lib}");
    assert!(
        lib.contains(&format!("Box::new({}::Migration)", first.module)),
        "{lib}"
    );
    let (at, schema) = snapshot_schema(&p);
    assert_eq!(at, first.id);
    assert_eq!(schema, models_of(&users()));
    assert_eq!(p.snapshot()["revision"], first.id.as_str());

    // A model edit: a second revision on the first.
    p.set_models(&users_with_email());
    let second = p.revision("add email", &[]);
    assert_eq!(second.parents, vec![first.id.clone()]);
    assert!(second.text.contains("add_column"), "{}", second.text);
    let (at, schema) = snapshot_schema(&p);
    assert_eq!(at, second.id);
    assert_eq!(schema, models_of(&users_with_email()));
    let lib = p.lib_rs();
    let (a, b) = (
        lib.find(&format!("Box::new({}::Migration)", first.module))
            .unwrap(),
        lib.find(&format!("Box::new({}::Migration)", second.module))
            .unwrap(),
    );
    assert!(a < b, "migrations() in graph order: {lib}");

    // No change: nothing written.
    let before = p.tree();
    let o = p.run(&["revision", "-m", "nothing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "No changes detected\n");
    assert_same_tree(&before, &p.tree(), "no changes");

    // --empty: a revision with no operations; the snapshot's schema is unchanged.
    let empty = p.revision("hand edits", &["--empty"]);
    assert_eq!(empty.parents, vec![second.id.clone()]);
    assert!(
        empty.text.contains("_manager: &SchemaManager"),
        "{}",
        empty.text
    );
    for op in ["create_table", "alter_table", "drop_table", "add_column"] {
        assert!(!empty.text.contains(op), "{op} in {}", empty.text);
    }
    let (at, schema) = snapshot_schema(&p);
    assert_eq!(at, empty.id);
    assert_eq!(schema, models_of(&users_with_email()));

    // --sql: the plan as SQL, nothing written.
    p.set_models(&users_with_mail());
    let before = p.tree();
    let o = p.run(&["revision", "-m", "review", "--sql", "postgres"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let sql = stdout(&o);
    assert!(sql.contains("ALTER TABLE \"users\""), "{sql}");
    assert!(sql.contains("DROP COLUMN \"email\""), "undeclared: {sql}");
    assert_same_tree(&before, &p.tree(), "--sql");
    let o = p.run(&[
        "revision",
        "-m",
        "review",
        "--sql",
        "sqlite",
        "--rename",
        "users.email=mail",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("RENAME COLUMN \"email\" TO \"mail\""),
        "{}",
        stdout(&o)
    );
    assert_same_tree(&before, &p.tree(), "--sql --rename");

    // --rename: a rename in the file, no drop.
    let renamed = p.revision(
        "rename email",
        &["--rename", "users.email=mail", "--allow", "rename"],
    );
    assert_eq!(renamed.parents, vec![empty.id.clone()]);
    assert!(
        renamed.text.contains(".rename_column(\"email\", \"mail\")"),
        "{}",
        renamed.text
    );
    assert!(!renamed.text.contains("drop_column"), "{}", renamed.text);
    assert!(!renamed.text.contains("add_column"), "{}", renamed.text);
    let (at, schema) = snapshot_schema(&p);
    assert_eq!(at, renamed.id);
    assert_eq!(schema, models_of(&users_with_mail()));

    // Everything is registered and the graph is sound.
    let o = p.run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn heads_history_and_show_print_the_graph() {
    let p = Project::init(&users());
    let first = p.revision("create users", &[]);
    p.set_models(&users_with_email());
    let second = p.revision("add email", &[]);

    let o = p.run(&["heads"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{} (head), add email  [{}]\n", second.id, second.module)
    );

    let o = p.run(&["history"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "{} -> {} (head), add email  [{}]\n<base> -> {}, create users  [{}]\n",
            first.id, second.id, second.module, first.id, first.module
        )
    );

    let o = p.run(&["show", &first.id[..6]]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("Revision: {}\n", first.id)), "{out}");
    assert!(out.contains("Parents:  <base>\n"), "{out}");
    assert!(out.contains("Message:  create users\n"), "{out}");
    assert!(
        out.contains(&format!("Created:  {}\n", first.created)),
        "{out}"
    );
    assert!(out.contains(&format!("{}.rs", first.module)), "{out}");
    assert!(out.contains(&format!("Children: {}\n", second.id)), "{out}");

    let o = p.run(&["show", &second.module]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("Revision: {}\n", second.id)), "{out}");
    assert!(out.contains(&format!("Parents:  {}\n", first.id)), "{out}");
    assert!(!out.contains("Children:"), "{out}");

    assert_clean_error(&p.run(&["show", "zzz"]), "no revision matches \"zzz\"");
    assert_clean_error(&p.run(&["show", "m"]), "matches several revisions");
    assert_clean_error(&p.run(&["merge", "-m", "x"]), "nothing to merge");
}

#[test]
fn graph_commands_without_a_migrations_crate_say_to_run_init() {
    let p = Project::new(&users());
    for args in [
        &["heads"][..],
        &["history"],
        &["show", "abc"],
        &["merge", "-m", "x"],
        &["revision", "-m", "x"],
    ] {
        let o = p.run(args);
        assert_clean_error(&o, "run `autogen init`");
        assert!(!p.migrations().exists(), "{args:?} wrote nothing");
    }
}

/// A project with two revisions, the second on the first, then a third revision on the
/// first too (a copy of the second with another id), registered in lib.rs as a git merge
/// of two branches leaves it.
fn branched() -> (Project, Revision, Revision, String) {
    let p = Project::init(&users());
    let first = p.revision("create users", &[]);
    p.set_models(&users_with_email());
    let second = p.revision("add email", &[]);
    let other_module = format!("{}_other", second.module);
    let other = p.branch_copy(&second, &other_module, "cccccccccccc", "other branch");
    let other = Revision::read(&other);
    assert_eq!(other.parents, vec![first.id.clone()]);
    (p, first, second, other_module)
}

#[test]
fn a_branch_is_refused_until_merged() {
    let (p, _first, second, other_module) = branched();

    let o = p.run(&["heads"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains(&format!("{} (head)", second.id)), "{out}");
    assert!(out.contains("cccccccccccc (head), other branch"), "{out}");
    assert!(stderr(&o).contains("2 heads"), "{}", stderr(&o));

    // revision refuses, naming both heads' files and saying to merge.
    p.set_models(&users_with_mail());
    let before = p.tree();
    let o = p.run(&["revision", "-m", "more"]);
    assert_clean_error(&o, "2 heads");
    let error = error_line(&o);
    assert!(error.contains(&format!("{}.rs", second.module)), "{error}");
    assert!(error.contains(&format!("{other_module}.rs")), "{error}");
    assert!(stderr(&o).contains("autogen merge"), "{}", stderr(&o));
    assert_same_tree(&before, &p.tree(), "revision with two heads");

    // merge: a revision with both heads as parents.
    p.set_models(&users_with_email());
    let o = p.run(&["merge", "-m", "join branches"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let new: Vec<_> = p
        .migration_files()
        .into_iter()
        .filter(|f| {
            !before.contains_key(&format!("src/{}", f.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    let merge = Revision::read(&new[0]);
    let mut parents = merge.parents.clone();
    parents.sort();
    let mut expected = vec![second.id.clone(), "cccccccccccc".to_string()];
    expected.sort();
    assert_eq!(parents, expected);
    assert_eq!(merge.message, "join branches");
    assert!(merge.module.ends_with("_join_branches"), "{}", merge.module);
    assert!(p.lib_rs().contains(&format!("mod {};", merge.module)));
    assert_eq!(p.snapshot()["revision"], merge.id.as_str());

    let o = p.run(&["heads"]);
    assert_eq!(
        stdout(&o),
        format!("{} (head), join branches  [{}]\n", merge.id, merge.module)
    );
    assert!(!stderr(&o).contains("heads"), "{}", stderr(&o));
    let history = stdout(&p.run(&["history"]));
    assert_eq!(history.lines().count(), 4, "{history}");
    assert!(
        history.lines().next().unwrap().ends_with(&format!(
            "-> {} (head), join branches  [{}]",
            merge.id, merge.module
        )),
        "{history}"
    );

    // revision works again, on the merge.
    let o = p.run(&["revision", "-m", "nothing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "No changes detected\n");
    p.set_models(&users_with_mail());
    let after = p.revision("drop email add mail", &["--allow", "drop-column"]);
    assert_eq!(after.parents, vec![merge.id.clone()]);
}

/// A project with two revisions and a model edit pending, so that `revision` would write.
fn with_pending_edit() -> (Project, Revision, Revision) {
    let p = Project::init(&users());
    let first = p.revision("create users", &[]);
    p.set_models(&users_with_email());
    let second = p.revision("add email", &[]);
    p.set_models(&users_with_mail());
    // The edit drops a column: allowed, so that `revision -m more` would write it.
    let config = p.path().join("autogen.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}[policy]\nallow = [\"drop-column\"]\n"),
    )
    .unwrap();
    (p, first, second)
}

/// Runs `revision -m more` expecting exit 2, one error line containing `expected`, and the
/// migrations tree unchanged.
fn refuses(p: &Project, expected: &str) -> Output {
    let before = p.tree();
    let o = p.run(&["revision", "-m", "more"]);
    assert_clean_error(&o, expected);
    assert_same_tree(&before, &p.tree(), expected);
    o
}

#[test]
fn revision_on_a_failing_models_command_writes_nothing() {
    let (p, ..) = with_pending_edit();
    p.set_models_command("echo 'models: cannot compile entity users' >&2; exit 1");
    let o = refuses(&p, "failed (exit status: 1); its errors are above");
    assert!(
        stderr(&o).contains("models: cannot compile entity users"),
        "the command's stderr is shown: {}",
        stderr(&o)
    );
}

#[test]
fn revision_on_models_of_another_format_version_writes_nothing() {
    let (p, ..) = with_pending_edit();
    let mut models = users_with_mail();
    models["format_version"] = 99.into();
    p.set_models(&models);
    refuses(&p, "format_version 99");
}

#[test]
fn revision_on_an_unreadable_snapshot_writes_nothing() {
    let (p, ..) = with_pending_edit();
    std::fs::write(p.migrations().join("schema.json"), "{ this is not JSON").unwrap();
    let o = refuses(&p, "invalid head snapshot");
    assert!(error_line(&o).contains("schema.json"), "{}", stderr(&o));
}

#[test]
fn revision_with_two_heads_writes_nothing() {
    let (p, _, second, other_module) = branched();
    p.set_models(&users_with_mail());
    let o = refuses(&p, "2 heads");
    assert!(error_line(&o).contains(&second.module), "{}", stderr(&o));
    assert!(error_line(&o).contains(&other_module), "{}", stderr(&o));
}

#[test]
fn revision_with_a_missing_parent_writes_nothing() {
    let (p, _, second) = with_pending_edit();
    second.set_parents(&["ffffffffffff"]);
    let o = refuses(
        &p,
        "names parent ffffffffffff, which no migration file declares",
    );
    assert!(
        error_line(&o).contains(&format!("{}.rs:2:", second.module)),
        "file and line: {}",
        stderr(&o)
    );
}

#[test]
fn revision_with_a_cycle_writes_nothing() {
    let (p, first, second) = with_pending_edit();
    first.set_parents(&[&second.id]);
    let o = refuses(&p, "revisions form a cycle");
    let err = stderr(&o);
    assert!(err.contains(&first.id) && err.contains(&second.id), "{err}");
}

#[test]
fn revision_with_a_malformed_header_writes_nothing() {
    let (p, _, second) = with_pending_edit();
    let text = second.text.replace(
        &format!("//! Created: {}", second.created),
        "//! Created: yesterday",
    );
    std::fs::write(&second.path, text).unwrap();
    let o = refuses(&p, "malformed revision header");
    assert!(error_line(&o).contains(&second.module), "{}", stderr(&o));
}

#[test]
fn revision_without_a_migrations_src_dir_writes_nothing() {
    let (p, ..) = with_pending_edit();
    let src = p.src();
    std::fs::rename(&src, p.path().join("src.moved")).unwrap();
    std::fs::write(&src, "not a directory").unwrap();
    refuses(&p, "no migrations crate at");
}

/// `autogen revision -m more` with a file size limit of 0 (SIGXFSZ ignored, so a write
/// fails with EFBIG instead of killing the process): every file write fails, for root too.
fn revision_with_no_file_space(p: &Project) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_autogen"))
        .args(["revision", "-m", "more"])
        .current_dir(p.path())
        .env_remove("DATABASE_URL")
        .output()
        .expect("run autogen")
}

#[test]
fn revision_that_cannot_write_writes_nothing() {
    let (p, ..) = with_pending_edit();
    let before = p.tree();
    let o = revision_with_no_file_space(&p);
    assert_clean_error(&o, "nothing was written");
    assert!(
        error_line(&o).contains(".rs"),
        "names the file: {}",
        stderr(&o)
    );
    assert_same_tree(&before, &p.tree(), "file size limit 0");

    // The directory is left usable: the same revision succeeds afterwards.
    let third = p.revision("more", &[]);
    assert!(third.text.contains("mail"), "{}", third.text);
}

/// Clears the immutable attribute set by [`immutable`], also when a test fails.
struct Immutable(std::path::PathBuf);

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

/// Makes `dir` immutable (no file can be created in it, even by root), if the file
/// system and the privileges allow.
fn immutable(dir: &std::path::Path) -> Option<Immutable> {
    let ok = Command::new("chattr")
        .arg("+i")
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        return None;
    }
    let guard = Immutable(dir.to_path_buf());
    // Check that it holds (root may bypass permissions, not this attribute).
    let probe = dir.join(".probe");
    if std::fs::write(&probe, "x").is_ok() {
        let _ = std::fs::remove_file(&probe);
        return None;
    }
    Some(guard)
}

#[test]
fn revision_failing_after_staging_some_files_leaves_none_behind() {
    // migrations/ immutable: the migration file and lib.rs stage in src/, then schema.json
    // cannot be staged beside Cargo.toml; the staged files must be removed.
    let (p, ..) = with_pending_edit();
    let before = p.tree();
    let Some(guard) = immutable(&p.migrations()) else {
        eprintln!("skipped: chattr +i is not available here");
        return;
    };
    let o = p.run(&["revision", "-m", "more"]);
    drop(guard);
    assert_clean_error(&o, "nothing was written");
    assert!(error_line(&o).contains("schema.json"), "{}", stderr(&o));
    assert_same_tree(&before, &p.tree(), "migrations/ immutable");

    // And with src/ immutable: the first write fails.
    let guard = immutable(&p.src()).expect("chattr worked above");
    let o = p.run(&["revision", "-m", "more"]);
    drop(guard);
    assert_clean_error(&o, "nothing was written");
    assert_same_tree(&before, &p.tree(), "migrations/src immutable");
}

fn append_config(p: &Project, text: &str) {
    let path = p.path().join("autogen.toml");
    let mut config = std::fs::read_to_string(&path).unwrap();
    config.push_str(text);
    std::fs::write(&path, config).unwrap();
}

/// Issue 11: a file serves `[migrations] backends`, by default the configured database's
/// backend (here the embedded SQLite default): no branch on a backend it does not serve.
#[test]
fn revision_serves_the_configured_backends() {
    let p = Project::init(&users());
    let first = p.revision("Create users", &[]);
    assert!(first.text.contains("for SQLite only"), "{}", first.text);
    for branch in ["get_database_backend", "per_backend", "DbBackend"] {
        assert!(!first.text.contains(branch), "{}", first.text);
    }
    append_config(
        &p,
        "\n[migrations]\nbackends = [\"postgres\", \"sqlite\"]\n",
    );
    p.set_models(&users_with_email());
    let second = p.revision("email", &[]);
    assert!(
        second
            .text
            .contains("for PostgreSQL and SQLite from one plan"),
        "{}",
        second.text
    );
    assert!(!second.text.contains("MySql"), "{}", second.text);
}

#[test]
fn revision_with_an_unknown_backend_writes_nothing() {
    let (p, ..) = with_pending_edit();
    append_config(&p, "\n[migrations]\nbackends = [\"oracle\"]\n");
    refuses(&p, "unknown backend \"oracle\"");
    let (p, ..) = with_pending_edit();
    append_config(&p, "\n[migrations]\nbackends = []\n");
    refuses(&p, "[migrations] backends is empty");
}
