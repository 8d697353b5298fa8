//! The protocol of `shared/peers/README.md`, for any backend: load `current` into A and
//! `desired` into B, plan A→B with autogen, run the plan's SQL on A (up) and its `--down`
//! SQL on B (down), and compare each result with the other side's description as the
//! database gives it. A and B are described before they are changed, so running on them
//! is running on a copy.
//!
//! The plan is made exactly as `autogen diff --from A --to B --format sql [--down]` makes it
//! (in its default, online form)
//! (reflection, `autogen_diff::diff_owned` for the backend's dialect,
//! `autogen_render::plan_sql_script`), in process, so that a suite of hundreds of cases
//! runs in seconds. A backend is an enum variant with four steps (fresh database, load,
//! describe, discard).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use autogen_diff::DiffOptions;
use autogen_reflect::{Database, OtherSchemas, Pool, ReflectOptions};
use autogen_schema::Dialect;

use super::cases::Case;
use super::{mysql, postgres, sqlite};

/// Longest one case may take, both directions together.
const CASE_TIMEOUT: Duration = Duration::from_secs(60);

/// A server (or SQLite) the suite runs on.
pub enum Backend {
    /// SQLite: each database a fresh file in a temporary directory.
    Sqlite {
        /// Where the files go; removed with the backend.
        dir: tempfile::TempDir,
    },
    /// MariaDB (or MySQL): each database created on the server and dropped after its case.
    Mysql {
        /// The admin URL (`AUTOGEN_TEST_MYSQL_URL`), whose database part is replaced.
        admin_url: String,
        /// One connection for `CREATE`/`DROP DATABASE`.
        admin: Database,
    },
    /// PostgreSQL: each database described by `pg_dump`. `DROP DATABASE` waits for a
    /// checkpoint, so a database is emptied after its case and used again when its dump is
    /// then the dump of a new database; otherwise it is dropped.
    Postgres {
        /// The admin URL (`AUTOGEN_TEST_POSTGRES_URL`), whose database part is replaced.
        admin_url: String,
        /// One connection for `CREATE`/`DROP DATABASE`.
        admin: Database,
        /// The dump of a new database.
        pristine: Vec<String>,
        /// Emptied databases, by name.
        spare: std::sync::Mutex<Vec<String>>,
    },
}

/// A scratch database of one case.
pub struct Scratch {
    /// Its name: the file stem or the database name, hidden in messages.
    name: String,
    url: String,
    db: Database,
}

/// The result of one direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The database equals the other side's.
    Exact,
    /// Why not: autogen's error, the statement that failed, or the first difference.
    Fails(String),
}

/// What happened to a case.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// `current` or `desired` does not load on our server: counted apart.
    Unloadable(String),
    /// Both directions ran.
    Ran {
        /// A→B on A.
        up: Verdict,
        /// B→A on B.
        down: Verdict,
    },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl Backend {
    /// SQLite, in a temporary directory.
    pub fn sqlite() -> Backend {
        Backend::Sqlite {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// MariaDB at the admin URL.
    pub async fn mysql(admin_url: String) -> Backend {
        let admin = Database::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("AUTOGEN_TEST_MYSQL_URL: {e}"));
        Backend::Mysql { admin_url, admin }
    }

    /// PostgreSQL at the admin URL.
    pub async fn postgres(admin_url: String) -> Backend {
        let admin = Database::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("AUTOGEN_TEST_POSTGRES_URL: {e}"));
        let name = scratch_name();
        admin
            .execute(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap_or_else(|e| panic!("CREATE DATABASE: {e}"));
        let pristine = postgres::describe(&with_database(&admin_url, &name))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        Backend::Postgres {
            admin_url,
            admin,
            pristine,
            spare: std::sync::Mutex::new(vec![name]),
        }
    }

    /// The dialect autogen plans for.
    pub fn dialect(&self) -> Dialect {
        match self {
            Backend::Sqlite { .. } => Dialect::Sqlite,
            Backend::Mysql { .. } => Dialect::Mysql,
            Backend::Postgres { .. } => Dialect::Postgres,
        }
    }

    /// The server's version string.
    pub async fn version(&self) -> String {
        match self {
            Backend::Sqlite { .. } => "SQLite".into(),
            Backend::Mysql { admin, .. } => match admin.pool() {
                Pool::Mysql(pool) => sqlx::query_scalar("SELECT VERSION()")
                    .fetch_one(pool)
                    .await
                    .expect("SELECT VERSION()"),
                _ => unreachable!("a MySQL backend holds a MySQL pool"),
            },
            Backend::Postgres { admin, .. } => match admin.pool() {
                Pool::Postgres(pool) => sqlx::query_scalar("SHOW server_version")
                    .fetch_one(pool)
                    .await
                    .expect("SHOW server_version"),
                _ => unreachable!("a PostgreSQL backend holds a PostgreSQL pool"),
            },
        }
    }

    async fn fresh(&self) -> Result<Scratch, String> {
        let name = scratch_name();
        let url = match self {
            Backend::Sqlite { dir } => {
                format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join(format!("{name}.sqlite")).display()
                )
            }
            Backend::Mysql { admin_url, admin } => {
                admin
                    .execute(&format!("CREATE DATABASE `{name}`"))
                    .await
                    .map_err(|e| e.to_string())?;
                with_database(admin_url, &name)
            }
            Backend::Postgres {
                admin_url,
                admin,
                spare,
                ..
            } => {
                let reused = spare.lock().expect("spare databases").pop();
                if let Some(reused) = reused {
                    let url = with_database(admin_url, &reused);
                    let db = Database::connect(&url).await.map_err(|e| e.to_string())?;
                    return Ok(Scratch {
                        name: reused,
                        url,
                        db,
                    });
                }
                admin
                    .execute(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .map_err(|e| e.to_string())?;
                with_database(admin_url, &name)
            }
        };
        let db = Database::connect(&url).await.map_err(|e| e.to_string())?;
        Ok(Scratch { name, url, db })
    }

    async fn discard(&self, scratch: Scratch) {
        scratch.db.close().await;
        match self {
            Backend::Sqlite { .. } => {
                let path = scratch
                    .url
                    .trim_start_matches("sqlite://")
                    .trim_end_matches("?mode=rwc")
                    .to_string();
                let _ = std::fs::remove_file(path);
            }
            Backend::Mysql { admin, .. } => {
                let _ = admin
                    .execute(&format!("DROP DATABASE IF EXISTS `{}`", scratch.name))
                    .await;
            }
            Backend::Postgres {
                admin,
                pristine,
                spare,
                ..
            } => {
                if postgres::empty(&scratch.url, pristine).await {
                    spare.lock().expect("spare databases").push(scratch.name);
                    return;
                }
                let _ = admin
                    .execute(&format!(
                        "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                        scratch.name
                    ))
                    .await;
            }
        }
    }

    /// Drops the databases kept for reuse.
    pub async fn finish(&self) {
        if let Backend::Postgres { admin, spare, .. } = self {
            let names = std::mem::take(&mut *spare.lock().expect("spare databases"));
            for name in names {
                let _ = admin
                    .execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await;
            }
        }
    }

    async fn describe(&self, scratch: &Scratch) -> Result<Vec<String>, String> {
        match scratch.db.pool() {
            Pool::Sqlite(pool) => sqlite::describe(pool).await,
            Pool::Mysql(pool) => mysql::describe(pool, &scratch.name).await,
            Pool::Postgres(_) => postgres::describe(&scratch.url).await,
        }
    }

    /// Runs one case by the protocol, within [`CASE_TIMEOUT`].
    pub async fn run(&self, case: &Case) -> Outcome {
        let (a, b) = match (self.fresh().await, self.fresh().await) {
            (Ok(a), Ok(b)) => (a, b),
            (a, b) => {
                let error = [a.err(), b.err()].into_iter().flatten().collect::<Vec<_>>();
                return Outcome::Ran {
                    up: Verdict::Fails(format!("scratch database: {error:?}")),
                    down: Verdict::Fails("scratch database".into()),
                };
            }
        };
        let outcome = match tokio::time::timeout(CASE_TIMEOUT, self.run_on(case, &a, &b)).await {
            Ok(outcome) => outcome,
            Err(_) => Outcome::Ran {
                up: Verdict::Fails(format!("timed out after {CASE_TIMEOUT:?}")),
                down: Verdict::Fails(format!("timed out after {CASE_TIMEOUT:?}")),
            },
        };
        let hide = |s: String| s.replace(&a.name, "A").replace(&b.name, "B");
        let hide_verdict = |v: Verdict| match v {
            Verdict::Fails(s) => Verdict::Fails(hide(s)),
            exact => exact,
        };
        let outcome = match outcome {
            Outcome::Unloadable(s) => Outcome::Unloadable(hide(s)),
            Outcome::Ran { up, down } => Outcome::Ran {
                up: hide_verdict(up),
                down: hide_verdict(down),
            },
        };
        self.discard(a).await;
        self.discard(b).await;
        outcome
    }

    async fn run_on(&self, case: &Case, a: &Scratch, b: &Scratch) -> Outcome {
        if let Err(e) = load(a, &case.current).await {
            return Outcome::Unloadable(format!("current: {e}"));
        }
        if let Err(e) = load(b, &case.desired).await {
            return Outcome::Unloadable(format!("desired: {e}"));
        }
        let (described_a, described_b) = match (self.describe(a).await, self.describe(b).await) {
            (Ok(x), Ok(y)) => (x, y),
            (x, y) => {
                let e = format!("describe: {:?} {:?}", x.err(), y.err());
                return Outcome::Ran {
                    up: Verdict::Fails(e.clone()),
                    down: Verdict::Fails(e),
                };
            }
        };
        let (up_sql, down_sql) = match self.plan(a, b).await {
            Ok(sql) => sql,
            Err(e) => {
                return Outcome::Ran {
                    up: Verdict::Fails(e.clone()),
                    down: Verdict::Fails(e),
                };
            }
        };
        let up = self.apply_and_compare(a, &up_sql, &described_b).await;
        let down = self.apply_and_compare(b, &down_sql, &described_a).await;
        Outcome::Ran { up, down }
    }

    /// autogen's up and down SQL scripts from A to B.
    async fn plan(&self, a: &Scratch, b: &Scratch) -> Result<(String, String), String> {
        // A case is a whole database: every schema is read, as `schemas = ["*"]` says.
        let options = ReflectOptions {
            others: OtherSchemas::All,
            ..ReflectOptions::default()
        };
        let from =
            a.db.reflect(&options)
                .await
                .map_err(|e| format!("autogen reflects current: {e}"))?;
        let to =
            b.db.reflect(&options)
                .await
                .map_err(|e| format!("autogen reflects desired: {e}"))?;
        let dialect = self.dialect();
        // The CLI's default form (online: `ALGORITHM=INPLACE, LOCK=NONE` on MySQL).
        let diff_options = DiffOptions {
            dialect: Some(dialect),
            online: true,
            ..DiffOptions::default()
        };
        let plan = autogen_diff::diff_owned(from, to, &diff_options);
        let render = |plan: &autogen_diff::Plan| {
            autogen_render::plan_sql_script(plan, dialect).map_err(|e| format!("autogen: {e}"))
        };
        Ok((render(&plan)?, render(&plan.inverse())?))
    }

    async fn apply_and_compare(
        &self,
        scratch: &Scratch,
        sql: &str,
        expected: &[String],
    ) -> Verdict {
        if let Err(e) = run_script(scratch, sql).await {
            return Verdict::Fails(format!("applying autogen's SQL: {e}"));
        }
        match self.describe(scratch).await {
            Ok(got) => compare(&got, expected),
            Err(e) => Verdict::Fails(format!("describe after: {e}")),
        }
    }
}

/// Loads a case's schema; the whole text at once, as a script.
async fn load(scratch: &Scratch, sql: &str) -> Result<(), String> {
    run_script(scratch, sql).await
}

/// Runs a script of several statements (multi-statement text on every backend).
async fn run_script(scratch: &Scratch, sql: &str) -> Result<(), String> {
    // A plan with nothing to do is a script of comments at most, which MariaDB refuses
    // as an empty query.
    if super::sqltext::tokens(sql).is_empty() {
        return Ok(());
    }
    let statements = sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()));
    let result = match scratch.db.pool() {
        Pool::Sqlite(pool) => statements.execute(pool).await.map(drop),
        Pool::Mysql(pool) => statements.execute(pool).await.map(drop),
        Pool::Postgres(pool) => {
            // One connection, one statement at a time, as `psql` runs a script.
            let mut conn = pool.acquire().await.map_err(|e| one_line(&e.to_string()))?;
            for statement in postgres::split_script(sql) {
                sqlx::raw_sql(sqlx::AssertSqlSafe(statement.clone()))
                    .execute(&mut *conn)
                    .await
                    .map_err(|e| one_line(&format!("{e}\n  in: {statement}")))?;
            }
            Ok(())
        }
    };
    result.map_err(|e| one_line(&e.to_string()))
}

fn one_line(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 240 {
        format!("{}…", s.chars().take(240).collect::<String>())
    } else {
        s
    }
}

/// Exact, or the first line only on one side.
fn compare(got: &[String], expected: &[String]) -> Verdict {
    if got == expected {
        return Verdict::Exact;
    }
    let missing = expected.iter().find(|l| !got.contains(l));
    let extra = got.iter().find(|l| !expected.contains(l));
    // Two texts of one object (a multi-line `SHOW CREATE TABLE`): the first line that differs.
    if let (Some(m), Some(x)) = (missing, extra)
        && m.lines().next() == x.lines().next()
        && let Some((a, b)) = m.lines().zip(x.lines()).find(|(a, b)| a != b)
    {
        return Verdict::Fails(format!(
            "in `{}`: expected `{}`; got `{}`",
            one_line(m.lines().next().unwrap_or("")),
            one_line(a),
            one_line(b)
        ));
    }
    let mut why = Vec::new();
    if let Some(l) = missing {
        why.push(format!("expected `{}`", one_line(l)));
    }
    if let Some(l) = extra {
        why.push(format!("got `{}`", one_line(l)));
    }
    if why.is_empty() {
        why.push("the same facts, a different number of times".into());
    }
    Verdict::Fails(why.join("; "))
}

/// `scheme://user@host:port/db?x` with the database replaced.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host}/{db}?{q}"),
        None => format!("{host}/{db}"),
    }
}

/// A database name no other run or case uses.
fn scratch_name() -> String {
    format!(
        "autogen_peer_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Runs every case on `workers` tasks at once; results in the cases' order.
pub async fn run_all(
    backend: Arc<Backend>,
    cases: Vec<Case>,
    workers: usize,
) -> Vec<(Case, Outcome)> {
    let cases = Arc::new(cases);
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..workers.max(1) {
        let (backend, cases) = (Arc::clone(&backend), Arc::clone(&cases));
        tasks.spawn(async move {
            let mut out = Vec::new();
            for i in (w..cases.len()).step_by(workers.max(1)) {
                out.push((i, backend.run(&cases[i]).await));
            }
            out
        });
    }
    let mut results: Vec<(usize, Outcome)> = Vec::new();
    while let Some(done) = tasks.join_next().await {
        results.extend(done.expect("a worker panicked"));
    }
    results.sort_by_key(|(i, _)| *i);
    results
        .into_iter()
        .map(|(i, o)| (cases[i].clone(), o))
        .collect()
}
