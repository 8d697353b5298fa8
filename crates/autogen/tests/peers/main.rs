//! sqldef's suites run by the protocol of `shared/peers/README.md`: SQLite always,
//! MariaDB with `AUTOGEN_TEST_MYSQL_URL`, PostgreSQL with `AUTOGEN_TEST_POSTGRES_URL`. Each test prints the table by file (cases,
//! unloadable, up exact, down exact) and fails when the exact counts fall below the floor
//! (raise it as autogen gets better). `AUTOGEN_PEERS_WRITE=1` rewrites the list of failing
//! cases in `docs/dialects/peers-<suite>.md`; `AUTOGEN_PEERS_FILES=tests_a,tests_b` runs
//! only those files, without the floor.

mod cases;
mod mysql;
mod postgres;
mod runner;
mod sqlite;
mod sqltext;

use std::fmt::Write as _;
use std::sync::Arc;

use cases::{Case, Server};
use runner::{Backend, Outcome, Verdict};

/// The exact counts (up, down) measured on sqldef's `sqlite3def` suite; a run below fails.
const SQLITE_FLOOR: (usize, usize) = (65, 65);
/// The exact counts (up, down) measured on sqldef's `mysqldef` suite on MariaDB 10.11.
const MYSQL_FLOOR: (usize, usize) = (243, 245);
/// The exact counts (up, down) measured on sqldef's `psqldef` suite on PostgreSQL 15.
const POSTGRES_FLOOR: (usize, usize) = (676, 691);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite3def_suite() {
    let backend = Backend::sqlite();
    let server = Server {
        flavor: None,
        version: (3, 0),
    };
    run_suite("sqlite3def", "sqlite", backend, server, 2, SQLITE_FLOOR).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn mysqldef_suite() {
    let url = autogen_testkit::server_url(autogen_schema::Dialect::Mysql);
    let backend = Backend::mysql(url).await;
    let version = backend.version().await;
    let server = Server {
        flavor: Some(if version.contains("MariaDB") {
            "mariadb"
        } else {
            "mysql"
        }),
        version: major_minor(&version),
    };
    run_suite("mysqldef", "mysql", backend, server, 4, MYSQL_FLOOR).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn psqldef_suite() {
    let url = autogen_testkit::server_url(autogen_schema::Dialect::Postgres);
    let backend = Backend::postgres(url).await;
    let version = backend.version().await;
    let server = Server {
        flavor: None,
        version: major_minor(&version),
    };
    run_suite("psqldef", "postgres", backend, server, 4, POSTGRES_FLOOR).await;
}

fn major_minor(version: &str) -> (u32, u32) {
    let mut parts = version
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// Counts of one file (or the total).
#[derive(Default, Clone, Copy)]
struct Counts {
    skipped: usize,
    run: usize,
    unloadable: usize,
    up: usize,
    down: usize,
}

async fn run_suite(
    suite: &str,
    doc: &str,
    backend: Backend,
    server: Server,
    workers: usize,
    floor: (usize, usize),
) {
    let started = std::time::Instant::now();
    let dir = cases::peers_dir().join("sqldef").join(suite);
    // `AUTOGEN_PEERS_FILES=tests_indices,tests_views`: only these files, for a quick look
    // (no floor, no page written).
    let only: Option<Vec<String>> = std::env::var("AUTOGEN_PEERS_FILES")
        .ok()
        .map(|v| v.split(',').map(|f| f.trim().to_string()).collect());
    let mut files = cases::load_suite(&dir, server);
    if let Some(only) = &only {
        files.retain(|(file, _)| only.contains(file));
    }
    let mut counts: Vec<(String, Counts)> = Vec::new();
    let mut to_run: Vec<Case> = Vec::new();
    for (file, cases) in &files {
        let mut c = Counts::default();
        for case in cases {
            match case {
                Ok(case) => to_run.push(case.clone()),
                Err(_) => c.skipped += 1,
            }
        }
        counts.push((file.clone(), c));
    }
    let backend = Arc::new(backend);
    let results = runner::run_all(Arc::clone(&backend), to_run, workers).await;
    backend.finish().await;
    let mut failures = String::new();
    let mut unloadable = String::new();
    for (case, outcome) in &results {
        let c = &mut counts
            .iter_mut()
            .find(|(f, _)| *f == case.file)
            .expect("a known file")
            .1;
        c.run += 1;
        match outcome {
            Outcome::Unloadable(why) => {
                c.unloadable += 1;
                let _ = writeln!(unloadable, "- `{}` {}: {}", case.file, case.name, md(why));
            }
            Outcome::Ran { up, down } => {
                c.up += (*up == Verdict::Exact) as usize;
                c.down += (*down == Verdict::Exact) as usize;
                for (direction, v) in [("up", up), ("down", down)] {
                    if let Verdict::Fails(why) = v {
                        let _ = writeln!(
                            failures,
                            "- `{}` {} ({direction}): {}",
                            case.file,
                            case.name,
                            md(why)
                        );
                    }
                }
            }
        }
    }
    let mut total = Counts::default();
    let mut table = String::from(
        "| file | cases | skipped | unloadable | up exact | down exact |\n|---|---|---|---|---|---|\n",
    );
    for (file, c) in &counts {
        let _ = writeln!(
            table,
            "| {file} | {} | {} | {} | {} | {} |",
            c.run, c.skipped, c.unloadable, c.up, c.down
        );
        total.run += c.run;
        total.skipped += c.skipped;
        total.unloadable += c.unloadable;
        total.up += c.up;
        total.down += c.down;
    }
    let loadable = total.run - total.unloadable;
    let _ = writeln!(
        table,
        "| **total** | {} | {} | {} | {} of {loadable} | {} of {loadable} |",
        total.run, total.skipped, total.unloadable, total.up, total.down
    );
    println!(
        "sqldef {suite}, {:.1} s:\n\n{table}",
        started.elapsed().as_secs_f64()
    );
    println!("failing cases:\n{failures}\nunloadable cases:\n{unloadable}");

    let page = format!(
        "# sqldef's `{suite}` suite: where autogen stands\n\n\
         Generated by `crates/autogen/tests/peers` (the test `{suite}_suite`) with \
         `AUTOGEN_PEERS_WRITE=1`; do not edit by hand. The protocol is \
         `shared/peers/README.md`'s: `current` loaded into A, `desired` into B, autogen's \
         A→B SQL run on A and compared with B, its `--down` SQL run on B and compared with \
         A, each by the database's own description (what is compared: the runner's `sqlite.rs`, `mysql.rs` and `postgres.rs`).\n\n\
         {table}\n## Failing cases\n\nThe first difference, or the error, per case and \
         direction.\n\n{failures}\n## Unloadable cases\n\nCases whose SQL our server does \
         not take; not counted as failures.\n\n{unloadable}",
    );
    let path = cases::workspace_root()
        .join("docs")
        .join("dialects")
        .join(format!("peers-{doc}.md"));
    if only.is_some() {
        println!(
            "AUTOGEN_PEERS_FILES is set: no floor, {} not written",
            path.display()
        );
        return;
    }
    if std::env::var_os("AUTOGEN_PEERS_WRITE").is_some() {
        std::fs::write(&path, &page).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("wrote {}", path.display());
    } else if std::fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
        println!(
            "note: {} is not this run's list; rerun with AUTOGEN_PEERS_WRITE=1 to update it",
            path.display()
        );
    }
    assert!(total.run > 0, "no case of {} applied", dir.display());
    assert!(
        total.up >= floor.0 && total.down >= floor.1,
        "sqldef {suite}: {} up and {} down exact, below the floor of {} and {}",
        total.up,
        total.down,
        floor.0,
        floor.1
    );
}

/// A reason on one markdown line.
fn md(s: &str) -> String {
    s.replace('\n', " ")
}
