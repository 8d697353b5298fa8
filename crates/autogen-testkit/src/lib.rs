//! Scratch databases for tests, on the real servers named by environment variables.
//!
//! - `AUTOGEN_TEST_POSTGRES_URL`, e.g. `postgres://postgres@127.0.0.1:5432/test`
//! - `AUTOGEN_TEST_MYSQL_URL`, e.g. `mysql://root@127.0.0.1:3306/test`
//!
//! Each [`ScratchDb`] is a new database with a unique name, dropped when the value is
//! dropped (also when a test panics). SQLite always runs, in a temporary file.
//!
//! A test that needs a server says so where cargo's summary counts it: it is marked
//! `#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]` (or `…MYSQL_URL`, or both), so that
//! `cargo test` reports it as ignored, and `.ci/run` runs it with `-- --include-ignored`.
//! Run without its variable, [`ScratchDb::create`] fails the test, naming the variable: a
//! server test not marked is found by the first run without servers.

pub mod arbitrary;
pub mod harness;

use std::sync::atomic::{AtomicU32, Ordering};

use autogen_reflect::{Database, ReflectOptions};
use autogen_schema::{Dialect, Schema};

/// The environment variable holding the admin URL of a server dialect.
pub fn env_var(dialect: Dialect) -> Option<&'static str> {
    match dialect {
        Dialect::Postgres => Some("AUTOGEN_TEST_POSTGRES_URL"),
        Dialect::Mysql => Some("AUTOGEN_TEST_MYSQL_URL"),
        Dialect::Sqlite => None,
    }
}

/// The admin URL of a server dialect's test server. Panics, naming the variable, when it
/// is not set: tests that need a server are `#[ignore = "needs VAR"]`, and run only when
/// asked (`cargo test -- --include-ignored`, as `.ci/run` does), with the variable set.
pub fn server_url(dialect: Dialect) -> String {
    let var = env_var(dialect).expect("a server dialect");
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "this test needs {var} (a {dialect} server to create scratch databases in); \
             set it, or run `bash .ci/run`, which sets it and starts the server"
        ),
    }
}

/// A database that exists for one test.
pub struct ScratchDb {
    /// URL of the scratch database.
    pub url: String,
    /// Its dialect.
    pub dialect: Dialect,
    /// The name of the database (the file stem on SQLite).
    pub name: String,
    admin_url: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "autogen_t{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// `scheme://user@host:port/db?x` with the database path replaced.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{db}?{q}"),
        None => format!("{host_part}/{db}"),
    }
}

impl ScratchDb {
    /// Creates a scratch database. Panics when the dialect's server is not configured (the
    /// test should be `#[ignore = "needs …"]`, see the crate's documentation) or does not
    /// answer.
    pub async fn create(dialect: Dialect) -> ScratchDb {
        let name = unique_name();
        if dialect == Dialect::Sqlite {
            let dir = tempfile::tempdir().expect("temporary directory");
            let path = dir.path().join(format!("{name}.sqlite"));
            return ScratchDb {
                url: format!("sqlite://{}?mode=rwc", path.display()),
                dialect,
                name,
                admin_url: None,
                _dir: Some(dir),
            };
        }
        let var = env_var(dialect).expect("a server dialect");
        let admin_url = server_url(dialect);
        let admin = Database::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("{var}={admin_url}: {e}"));
        admin
            .execute(&format!("CREATE DATABASE {}", dialect.quote_ident(&name)))
            .await
            .expect("create scratch database");
        admin.close().await;
        ScratchDb {
            url: with_database(&admin_url, &name),
            dialect,
            name,
            admin_url: Some(admin_url),
            _dir: None,
        }
    }

    /// Connects to the scratch database.
    pub async fn connect(&self) -> Database {
        Database::connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("connect to scratch database {}: {e}", self.url))
    }

    /// Runs statements, panicking with the failing statement.
    pub async fn execute_all(&self, statements: &[String]) {
        let db = self.connect().await;
        for s in statements {
            if let Err(e) = db.execute(s).await {
                panic!("{} scratch database: {e}", self.dialect);
            }
        }
        db.close().await;
    }

    /// Reflects the scratch database (`public` schema on PostgreSQL).
    pub async fn reflect(&self) -> Schema {
        let db = self.connect().await;
        let schema = db
            .reflect(&ReflectOptions::default())
            .await
            .unwrap_or_else(|e| panic!("reflect {}: {e}", self.url));
        db.close().await;
        schema
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        let Some(admin_url) = self.admin_url.clone() else {
            return;
        };
        let drop_sql = match self.dialect {
            Dialect::Postgres => format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.dialect.quote_ident(&self.name)
            ),
            _ => format!(
                "DROP DATABASE IF EXISTS {}",
                self.dialect.quote_ident(&self.name)
            ),
        };
        // Drop runs inside or outside a runtime; a thread of its own works in both cases.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin.execute(&drop_sql).await;
                    admin.close().await;
                }
            });
        })
        .join();
    }
}

/// The statements of a SQL script autogen printed: split at `;` line ends, `--` comment
/// lines dropped, empty statements left out.
pub fn script_statements(script: &str) -> Vec<String> {
    script
        .split(";\n")
        .map(|s| {
            s.lines()
                .filter(|l| !l.starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// `pg_dump --schema-only` of a PostgreSQL scratch database, as a set of statements
/// without comments, `SET`s and blank lines (the order of a dump follows object ids, which
/// differ between two databases): the database's own description, for comparisons.
pub fn pg_dump_set(db: &ScratchDb) -> std::collections::BTreeSet<String> {
    let out = std::process::Command::new("pg_dump")
        .args(["--schema-only", "--no-owner", &db.url])
        .output()
        .expect("pg_dump runs");
    assert!(
        out.status.success(),
        "pg_dump: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split(";\n")
        .map(|s| {
            s.lines()
                .filter(|l| !l.starts_with("--") && !l.starts_with('\\') && !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|s| !s.is_empty() && !s.starts_with("SET ") && !s.starts_with("SELECT "))
        .collect()
}

/// The schema with each table's columns sorted by name: for comparisons where column
/// order does not count (the differ does not reorder columns; a restored column goes last).
pub fn ignoring_column_order(mut schema: Schema) -> Schema {
    for t in schema.tables.values_mut() {
        t.columns.sort_by(|a, b| a.name.cmp(&b.name));
    }
    schema
}

/// Prints the differences between two schemas table by table, for assertion messages.
pub fn describe_differences(left: &Schema, right: &Schema) -> String {
    let mut out = String::new();
    let names: std::collections::BTreeSet<&String> =
        left.tables.keys().chain(right.tables.keys()).collect();
    for name in names {
        match (left.tables.get(name), right.tables.get(name)) {
            (Some(a), Some(b)) if a != b => {
                out.push_str(&format!("table {name} differs:\n"));
                let order = |t: &autogen_schema::Table| {
                    t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>()
                };
                if order(a) != order(b) {
                    out.push_str(&format!(
                        "  column order: {:?} vs {:?}\n",
                        order(a),
                        order(b)
                    ));
                }
                let a = format!("{a:#?}");
                let b = format!("{b:#?}");
                let (al, bl): (Vec<_>, Vec<_>) = (a.lines().collect(), b.lines().collect());
                for l in al.iter().filter(|l| !bl.contains(l)) {
                    out.push_str(&format!("  - {l}\n"));
                }
                for l in bl.iter().filter(|l| !al.contains(l)) {
                    out.push_str(&format!("  + {l}\n"));
                }
            }
            (Some(_), None) => out.push_str(&format!("table {name} only on the left\n")),
            (None, Some(_)) => out.push_str(&format!("table {name} only on the right\n")),
            _ => {}
        }
    }
    if left.enums != right.enums {
        out.push_str(&format!(
            "enums differ:\n  - {:?}\n  + {:?}\n",
            left.enums, right.enums
        ));
    }
    // The other object kinds, by their keys (their definitions are long).
    let kinds: [(&str, Vec<&String>, Vec<&String>); 6] = [
        (
            "views",
            left.views.keys().collect(),
            right.views.keys().collect(),
        ),
        (
            "triggers",
            left.triggers.keys().collect(),
            right.triggers.keys().collect(),
        ),
        (
            "functions",
            left.functions.keys().collect(),
            right.functions.keys().collect(),
        ),
        (
            "extensions",
            left.extensions.keys().collect(),
            right.extensions.keys().collect(),
        ),
        (
            "domains",
            left.domains.keys().collect(),
            right.domains.keys().collect(),
        ),
        (
            "type comments",
            left.type_comments.keys().collect(),
            right.type_comments.keys().collect(),
        ),
    ];
    for (kind, l, r) in kinds {
        if l != r {
            out.push_str(&format!("{kind} differ:\n  - {l:?}\n  + {r:?}\n"));
        }
    }
    if out.is_empty() && left != right {
        out.push_str("the schemas differ in an object's definition (not shown)\n");
    }
    out
}

/// Asserts two schemas are equal, printing their differences readably when not.
#[macro_export]
macro_rules! assert_schema_eq {
    ($left:expr, $right:expr $(, $($msg:tt)+)?) => {{
        let (l, r) = (&$left, &$right);
        if l != r {
            panic!(
                "schemas differ{}:\n{}",
                "" $(.to_string() + ": " + &format!($($msg)+))?,
                $crate::describe_differences(l, r)
            );
        }
    }};
}
