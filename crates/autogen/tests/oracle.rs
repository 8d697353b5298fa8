//! An independent oracle for the models reader (issue 13 item 5): databases this project
//! did not design (sqldef's table cases, `/work/shared/peers/sqldef`), their entities
//! written by `sea-orm-cli generate entity`, read by autogen through a registry, and
//! compared with the database by `autogen diff --to models`. Each difference must say
//! where to declare it (issue 13 item 1), and the `Base` declarations it prints, added to
//! the registry, must compile and remove their differences.
//!
//! A case is used when SeaORM can express it: its keys are only `current`, `desired`,
//! `up`, `down`; its `desired` is `CREATE TABLE` statements only; it loads on our server;
//! and every table has a primary key (SeaORM entities need one). One crate holds every
//! case's entities (one build), sharing `<target>/adopt-projects` with `adopt.rs`.
//!
//! Skipped, visibly, when `sea-orm-cli` is not installed (`.ci/run` installs it).

#[path = "adopt/projects.rs"]
mod projects;
#[path = "adopt/sqldef.rs"]
mod sqldef;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

use autogen_reflect::ReflectOptions;
use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;
use projects::{shared_target, text, workspace};
use sqldef::{PEERS, create_tables_only, parse_cases};

/// The open findings: each line a difference `autogen diff` reports between a database
/// and the entities sea-orm-cli wrote from it without saying where to declare it (or a
/// database autogen cannot read). Every other difference carries a hint: an entity
/// attribute, or the `Base` declaration SeaORM attributes cannot make, which the test
/// then adds to the registry to prove it exact. The test fails when this list changes,
/// in either direction.
const KNOWN: &str = include_str!("oracle/known.txt");

/// A numbered operation line of `autogen diff`'s text output.
fn is_operation(line: &str) -> bool {
    let t = line.trim_start();
    line.starts_with(' ')
        && t.split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn run(dir: &Path, timeout: &str, program: &str, args: &[&str]) -> Output {
    projects::run(dir, timeout, program, args, &[])
}

/// The sqldef files of a dialect whose cases are tables.
fn suite(dialect: Dialect) -> (&'static str, &'static [&'static str]) {
    match dialect {
        Dialect::Postgres => (
            "psqldef",
            &[
                "tests_tables.yml",
                "tests_constraints.yml",
                "tests_datatypes.yml",
            ],
        ),
        Dialect::Mysql => ("mysqldef", &["tests_tables.yml"]),
        Dialect::Sqlite => ("sqlite3def", &["tests.yml"]),
    }
}

/// A Rust module name for a case.
fn module_name(dialect: Dialect, case: &str) -> String {
    let mut name = format!("{dialect}_").to_lowercase();
    for c in case.chars() {
        name.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        });
    }
    name
}

struct Loaded {
    module: String,
    case: String,
    db: ScratchDb,
}

/// Loads the usable cases of a dialect into scratch databases, and writes their entities
/// with sea-orm-cli under `src/`.
async fn load_cases(
    dialect: Dialect,
    src: &Path,
    counts: &mut String,
    unreadable: &mut Vec<String>,
) -> Vec<Loaded> {
    if let Some(var) = autogen_testkit::env_var(dialect)
        && std::env::var(var).map_or(true, |v| v.is_empty())
    {
        eprintln!("skipped on {dialect}: {var} is not set");
        return Vec::new();
    }
    let (dir, files) = suite(dialect);
    let mut cases = Vec::new();
    for file in files {
        let path = Path::new(PEERS).join(dir).join(file);
        let Ok(yaml) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} is not there", path.display());
            return Vec::new();
        };
        cases.extend(parse_cases(&yaml));
    }
    let file = files.join(", ");
    let allowed = ["current", "desired", "up", "down"];
    let (mut unloadable, mut no_pk, mut not_generated) = (0, 0, 0);
    let mut loaded = Vec::new();
    for (case, keys) in &cases {
        if keys.keys().any(|k| !allowed.contains(&k.as_str())) {
            continue;
        }
        let Some(statements) = keys.get("desired").and_then(|d| create_tables_only(d)) else {
            continue;
        };
        let db = ScratchDb::create(dialect).await;
        let conn = db.connect().await;
        let ok = conn.execute_all(&statements).await.is_ok();
        conn.close().await;
        if !ok {
            unloadable += 1;
            continue;
        }
        let conn = db.connect().await;
        let reflected = conn.reflect(&ReflectOptions::default()).await;
        conn.close().await;
        let schema = match reflected {
            Ok(schema) => schema,
            Err(e) => {
                // A finding of its own: a database autogen cannot read.
                unreadable.push(format!("{dialect} {case}: {e}"));
                continue;
            }
        };
        if schema.tables.values().any(|t| t.primary_key.is_none()) {
            no_pk += 1;
            continue;
        }
        let module = module_name(dialect, case);
        let out = src.join(&module);
        let url = db.url.trim_end_matches("?mode=rwc").to_string();
        let o = run(
            src,
            "120",
            "sea-orm-cli",
            &[
                "generate",
                "entity",
                "-u",
                &url,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        if !o.status.success() || !out.join("mod.rs").is_file() {
            eprintln!("{dialect} {case}: sea-orm-cli failed: {}", text(&o));
            not_generated += 1;
            continue;
        }
        loaded.push(Loaded {
            module,
            case: case.clone(),
            db,
        });
    }
    let _ = writeln!(
        counts,
        "{dialect}: {} cases in {file}, {} used; not used: {unloadable} do not load, {no_pk} have a table without primary key, {not_generated} sea-orm-cli could not generate",
        cases.len(),
        loaded.len()
    );
    loaded
}

/// The entity modules sea-orm-cli listed in a case's `mod.rs`.
fn entity_modules(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("mod.rs"))
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .filter(|m| m != "prelude")
        .collect()
}

/// The crate holding every case's entities, with a binary printing the schema of the
/// case named by its argument.
fn write_crate(root: &Path, cases: &[Loaded], declarations: &BTreeMap<String, Vec<String>>) {
    let mut lib = String::new();
    let mut arms = String::new();
    for c in cases {
        lib.push_str(&format!("pub mod {};\n", c.module));
        // The hints name entities by their module (`users::Entity`), as in an entity crate.
        let mut body = format!(
            "            #[allow(unused_imports)]\n            use oracle::{}::*;\n",
            c.module
        );
        for m in entity_modules(&root.join("src").join(&c.module)) {
            body.push_str(&format!(
                "            base.register::<oracle::{}::{m}::Entity>();\n",
                c.module
            ));
        }
        for d in declarations.get(&c.module).into_iter().flatten() {
            body.push_str(&format!("            {d}\n"));
        }
        arms.push_str(&format!("        {:?} => {{\n{body}        }}\n", c.module));
    }
    std::fs::write(root.join("src/lib.rs"), lib).unwrap();
    std::fs::create_dir_all(root.join("src/bin")).unwrap();
    std::fs::write(
        root.join("src/bin/oracle-schema.rs"),
        format!(
            "fn main() -> std::process::ExitCode {{\n    let case = std::env::args().nth(1).unwrap_or_default();\n    \
             #[allow(unused_imports)]\n    use autogen_models::{{Check, ColumnType, DefaultValue, Identity, Index, IndexMethod, Unique}};\n    \
             let mut base = autogen_models::Base::new();\n    match case.as_str() {{\n{arms}        other => panic!(\"no case {{other}}\"),\n    }}\n    \
             autogen_models::main(Ok(base))\n}}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "[package]\nname = \"oracle\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [workspace]\n\n[dependencies]\n\
             autogen-models = {{ path = {:?} }}\n\
             sea-orm = {{ version = \"2.0\", default-features = false, features = [\"macros\", \"with-json\", \"with-chrono\", \"with-uuid\", \"with-rust_decimal\", \"postgres-array\"] }}\n",
            workspace().join("crates/autogen-models").display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
}

/// One operation of `autogen diff`'s text output, with the hints printed under it.
struct Finding {
    /// The numbered operation line, trimmed.
    line: String,
    /// `Base` declarations (Rust statements).
    base: Vec<String>,
    /// Entity attributes or fields.
    entity: Vec<String>,
}

impl Finding {
    /// The operation without its number, which changes when other operations go.
    fn description(&self) -> &str {
        self.line
            .split_once(". ")
            .map_or(self.line.as_str(), |(_, d)| d)
    }
}

const BASE_HINT: &str = "= not declarable in SeaORM attributes; declare it in the Base: ";
const ENTITY_HINT: &str = "= declarable in the entity of ";

/// `autogen diff --from <database> --to models` for a case, with an `autogen.toml` whose
/// models command prints the case's schema: the operations and their hints.
fn diff_case(root: &Path, c: &Loaded) -> Vec<Finding> {
    let dir = root.join("cases").join(&c.module);
    std::fs::create_dir_all(&dir).unwrap();
    let binary = shared_target().join("debug/oracle-schema");
    std::fs::write(
        dir.join("autogen.toml"),
        format!(
            "[models]\ncommand = \"{} {}\"\n",
            binary.display(),
            c.module
        ),
    )
    .unwrap();
    let url = c.db.url.trim_end_matches("?mode=rwc").to_string();
    let o = run(
        &dir,
        "120",
        env!("CARGO_BIN_EXE_autogen"),
        &["diff", "--from", &url, "--to", "models", "--exit-code"],
    );
    let mut findings: Vec<Finding> = Vec::new();
    match o.status.code() {
        Some(0) => {}
        Some(1) => {
            for line in String::from_utf8_lossy(&o.stdout).lines() {
                let t = line.trim_start();
                if is_operation(line) {
                    findings.push(Finding {
                        line: t.to_string(),
                        base: Vec::new(),
                        entity: Vec::new(),
                    });
                } else if let Some(f) = findings.last_mut() {
                    if let Some(code) = t.strip_prefix(BASE_HINT) {
                        f.base.push(code.to_string());
                    } else if let Some(hint) = t.strip_prefix(ENTITY_HINT) {
                        f.entity.push(hint.to_string());
                    }
                }
            }
        }
        _ => panic!("{} diff: {}", c.case, text(&o)),
    }
    findings
}

#[tokio::test(flavor = "multi_thread")]
async fn sea_orm_cli_entities_of_sqldef_tables_read_as_their_database() {
    if Command::new("sea-orm-cli")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!(
            "skipped: sea-orm-cli is not installed (cargo install sea-orm-cli --version 2.0.4 --locked; .ci/run installs it)"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("oracle");
    let src = root.join("src");
    std::fs::create_dir_all(&src).unwrap();
    let mut counts = String::new();
    let mut cases = Vec::new();
    let mut unreadable = Vec::new();
    for dialect in Dialect::ALL {
        cases.extend(load_cases(dialect, &src, &mut counts, &mut unreadable).await);
    }
    eprintln!("{counts}");
    if cases.is_empty() {
        eprintln!("skipped: no case could be loaded");
        return;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let build = || {
        let o = run(
            &root,
            "1800",
            &cargo,
            &["build", "-q", "--bin", "oracle-schema"],
        );
        assert!(
            o.status.success(),
            "sea-orm-cli's entities, with the Base declarations autogen printed, do not build: {}",
            text(&o)
        );
    };
    write_crate(&root, &cases, &BTreeMap::new());
    build();
    let mut first: Vec<(String, Finding)> = Vec::new();
    for c in &cases {
        for f in diff_case(&root, c) {
            first.push((format!("{} {}", c.db.dialect, c.case), f));
        }
    }
    // Every difference says where to declare it, or is a known finding.
    let mut findings: Vec<String> = first
        .iter()
        .filter(|(_, f)| f.base.is_empty() && f.entity.is_empty())
        .map(|(case, f)| format!("{case}: {}", f.line))
        .collect();
    for u in &unreadable {
        let first_line = u.lines().next().unwrap_or_default();
        findings.push(format!("autogen cannot reflect {first_line}"));
    }
    findings.sort();
    let known: Vec<String> = KNOWN
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let mut known_sorted = known.clone();
    known_sorted.sort();
    assert_eq!(
        findings.join("\n"),
        known_sorted.join("\n"),
        "{counts}\nthe differences between sea-orm-cli's entities, as autogen reads them, and their database are not the known ones (tests/oracle/known.txt)"
    );

    // The Base declarations autogen printed are exact: added to the registry, they compile,
    // and every difference they were printed for is gone; nothing else changes.
    let mut declarations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in &cases {
        let prefix = format!("{} {}", c.db.dialect, c.case);
        let decls = declarations.entry(c.module.clone()).or_default();
        for (_, f) in first.iter().filter(|(case, _)| *case == prefix) {
            if f.entity.is_empty() {
                for d in &f.base {
                    if !decls.contains(d) {
                        decls.push(d.clone());
                    }
                }
            }
        }
    }
    let declared: usize = declarations.values().map(Vec::len).sum();
    assert!(
        declared > 0,
        "no Base declaration was printed: the hints are not shown"
    );
    write_crate(&root, &cases, &declarations);
    build();
    let before: Vec<String> = first
        .iter()
        .filter(|(_, f)| !f.entity.is_empty() || f.base.is_empty())
        .map(|(case, f)| format!("{case}: {}", f.description()))
        .collect();
    let mut after: Vec<String> = Vec::new();
    for c in &cases {
        for f in diff_case(&root, c) {
            after.push(format!("{} {}: {}", c.db.dialect, c.case, f.description()));
        }
    }
    let mut unexpected: Vec<&String> = after.iter().filter(|a| !before.contains(a)).collect();
    unexpected.sort();
    assert!(
        unexpected.is_empty(),
        "after adding the {declared} Base declarations autogen printed, these differences remain or appeared:\n{}",
        unexpected
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!(
        "{declared} Base declarations removed {} differences; {} remain, each with an entity hint or known",
        first.len() - after.len(),
        after.len()
    );
}
