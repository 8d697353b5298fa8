//! One migration run per database: a lock taken before the migrator reads which
//! revisions are pending and released after the last one, so that a second runner either
//! waits and then finds nothing to do, or gives up naming who holds the lock.
//!
//! - PostgreSQL: a transaction-scoped advisory lock (`pg_try_advisory_xact_lock`) in a
//!   transaction held open on a connection of its own. The server releases it when that
//!   connection ends, also when the runner is killed. Advisory locks are per database.
//! - MySQL/MariaDB: `GET_LOCK` on a connection of its own, named after the database
//!   (`GET_LOCK` names are server-wide). Released with the connection, too.
//! - SQLite: a row in `autogen_migration_lock` (one row at most, by its key). A runner
//!   killed without cleaning up leaves it behind; a later runner on the same host takes
//!   it over when the holder's process is gone, and otherwise names the holder and the
//!   `DELETE` that frees it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sea_orm_migration::sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, Statement, TransactionTrait, Value,
};

/// The SQLite lock table.
pub const LOCK_TABLE: &str = autogen_reflect::MIGRATION_LOCK_TABLE;

/// The two keys of PostgreSQL's advisory lock: "autg", "migr" in ASCII.
const PG_KEYS: (i32, i32) = (0x6175_7467, 0x6d69_6772);

/// How often a waiting runner asks again.
const POLL: Duration = Duration::from_millis(200);

/// The run lock, held until [`RunLock::release`] (or until the process ends: on
/// PostgreSQL and MySQL the server frees it with the connection).
pub struct RunLock {
    held: Held,
}

enum Held {
    Postgres {
        txn: DatabaseTransaction,
        conn: DatabaseConnection,
    },
    MySql {
        txn: DatabaseTransaction,
        conn: DatabaseConnection,
        name: String,
    },
    Sqlite {
        conn: DatabaseConnection,
        token: String,
    },
}

/// Who holds the lock, as the database tells it, in one line.
pub type Holder = String;

impl RunLock {
    /// Takes the run lock of the database at `url`, waiting up to `wait`. `on_wait` is
    /// called once, with the holder, when the lock is taken by another runner. A timeout
    /// is an error naming the holder.
    pub async fn acquire(
        url: &str,
        wait: Duration,
        mut on_wait: impl FnMut(&Holder),
    ) -> Result<RunLock, DbErr> {
        let mut options = ConnectOptions::new(url.to_string());
        options.max_connections(1).sqlx_logging(false);
        let conn = Database::connect(options).await?;
        let backend = conn.get_database_backend();
        let started = Instant::now();
        let mut told = false;
        let mut tell = |holder: &Holder, always: bool| {
            if always || !told {
                told = true;
                on_wait(holder);
            }
        };
        match backend {
            DbBackend::Postgres => {
                let txn = conn.begin().await?;
                loop {
                    let sql = format!(
                        "SELECT pg_try_advisory_xact_lock({}, {})",
                        PG_KEYS.0, PG_KEYS.1
                    );
                    if query_bool(&txn, backend, &sql, vec![]).await? {
                        return Ok(RunLock {
                            held: Held::Postgres { txn, conn },
                        });
                    }
                    let holder = postgres_holder(&txn).await?;
                    tell(&holder, false);
                    wait_or_fail(started, wait, &holder).await?;
                }
            }
            DbBackend::MySql => {
                let txn = conn.begin().await?;
                let name = query_text(
                    &txn,
                    backend,
                    "SELECT CONCAT('autogen_migration_', MD5(COALESCE(DATABASE(), '')))",
                    vec![],
                )
                .await?
                .unwrap_or_default();
                loop {
                    let got = query_text(
                        &txn,
                        backend,
                        "SELECT CAST(GET_LOCK(?, 0) AS CHAR)",
                        vec![name.clone().into()],
                    )
                    .await?;
                    if got.as_deref() == Some("1") {
                        return Ok(RunLock {
                            held: Held::MySql { txn, conn, name },
                        });
                    }
                    let holder = mysql_holder(&txn, &name).await?;
                    tell(&holder, false);
                    wait_or_fail(started, wait, &holder).await?;
                }
            }
            _ => {
                conn.execute_unprepared(&format!(
                    "CREATE TABLE IF NOT EXISTS {LOCK_TABLE} (\
                     id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, \
                     pid INTEGER NOT NULL, host TEXT NOT NULL, acquired_at TEXT NOT NULL)"
                ))
                .await?;
                let token = new_token();
                loop {
                    let inserted = conn
                        .execute_raw(Statement::from_sql_and_values(
                            backend,
                            format!(
                                "INSERT OR IGNORE INTO {LOCK_TABLE} (id, token, pid, host, acquired_at) \
                                 VALUES (1, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
                            ),
                            vec![
                                token.clone().into(),
                                i64::from(std::process::id()).into(),
                                host_name().into(),
                            ],
                        ))
                        .await?
                        .rows_affected();
                    if inserted == 1 {
                        return Ok(RunLock {
                            held: Held::Sqlite { conn, token },
                        });
                    }
                    let Some(row) = sqlite_holder(&conn).await? else {
                        continue; // released between the insert and the read
                    };
                    if row.is_stale() {
                        tell(
                            &format!(
                                "{} (its process is gone: taking the lock over)",
                                row.describe()
                            ),
                            true,
                        );
                        conn.execute_raw(Statement::from_sql_and_values(
                            backend,
                            format!("DELETE FROM {LOCK_TABLE} WHERE id = 1 AND token = ?"),
                            vec![row.token.clone().into()],
                        ))
                        .await?;
                        continue;
                    }
                    let holder = format!(
                        "{}; if that runner is gone, free the lock with: DELETE FROM {LOCK_TABLE}",
                        row.describe()
                    );
                    tell(&holder, false);
                    wait_or_fail(started, wait, &holder).await?;
                }
            }
        }
    }

    /// Releases the lock and closes its connection.
    pub async fn release(self) -> Result<(), DbErr> {
        match self.held {
            Held::Postgres { txn, conn } => {
                txn.commit().await?;
                conn.close().await
            }
            Held::MySql { txn, conn, name } => {
                txn.execute_raw(Statement::from_sql_and_values(
                    DbBackend::MySql,
                    "SELECT RELEASE_LOCK(?)",
                    vec![name.into()],
                ))
                .await?;
                txn.commit().await?;
                conn.close().await
            }
            Held::Sqlite { conn, token } => {
                conn.execute_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    format!("DELETE FROM {LOCK_TABLE} WHERE id = 1 AND token = ?"),
                    vec![token.into()],
                ))
                .await?;
                conn.close().await
            }
        }
    }
}

async fn wait_or_fail(started: Instant, wait: Duration, holder: &Holder) -> Result<(), DbErr> {
    if started.elapsed() >= wait {
        return Err(DbErr::Migration(format!(
            "another migration run holds the lock on this database (waited {:.1}s): {holder}",
            wait.as_secs_f64()
        )));
    }
    tokio::time::sleep(POLL.min(wait.saturating_sub(started.elapsed()))).await;
    Ok(())
}

async fn postgres_holder(txn: &DatabaseTransaction) -> Result<Holder, DbErr> {
    let sql = format!(
        "SELECT 'pid ' || a.pid \
         || ', application_name ' || quote_literal(COALESCE(a.application_name, '')) \
         || ', client ' || COALESCE(host(a.client_addr), 'local socket') \
         || ', user ' || COALESCE(a.usename::text, '?') \
         || ', connected since ' || COALESCE(a.backend_start::text, '?') \
         || ', state ' || COALESCE(a.state, '?') \
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
         WHERE l.locktype = 'advisory' AND l.granted AND l.classid = {}::oid \
         AND l.objid = {}::oid AND l.objsubid = 2 \
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        PG_KEYS.0, PG_KEYS.1
    );
    Ok(query_text(txn, DbBackend::Postgres, &sql, vec![])
        .await?
        .unwrap_or_else(|| "a session that has just released it".to_string()))
}

async fn mysql_holder(txn: &DatabaseTransaction, name: &str) -> Result<Holder, DbErr> {
    let Some(id) = query_text(
        txn,
        DbBackend::MySql,
        "SELECT CAST(IS_USED_LOCK(?) AS CHAR)",
        vec![name.into()],
    )
    .await?
    else {
        return Ok("a connection that has just released it".to_string());
    };
    let detail = query_text(
        txn,
        DbBackend::MySql,
        "SELECT CONCAT('user ', COALESCE(user, '?'), ', client ', COALESCE(host, '?'), \
         ', database ', COALESCE(db, '-'), ', command ', COALESCE(command, '?'), \
         ', for ', CAST(time AS CHAR), 's') \
         FROM information_schema.processlist WHERE id = CAST(? AS UNSIGNED)",
        vec![id.clone().into()],
    )
    .await?;
    Ok(match detail {
        Some(detail) => format!("connection id {id}, {detail}"),
        None => format!("connection id {id} (not in the process list visible to this user)"),
    })
}

struct SqliteHolder {
    token: String,
    pid: i64,
    host: String,
    acquired_at: String,
}

impl SqliteHolder {
    fn describe(&self) -> String {
        format!(
            "process {} on host {}, since {} (row in {LOCK_TABLE})",
            self.pid, self.host, self.acquired_at
        )
    }

    /// The holder ran on this host and its process no longer exists. Only where `/proc`
    /// tells; elsewhere a lock is never taken over.
    fn is_stale(&self) -> bool {
        let proc = std::path::Path::new("/proc");
        self.host == host_name()
            && proc.join("self").exists()
            && !proc.join(self.pid.to_string()).exists()
    }
}

async fn sqlite_holder(conn: &DatabaseConnection) -> Result<Option<SqliteHolder>, DbErr> {
    let row = conn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("SELECT token, pid, host, acquired_at FROM {LOCK_TABLE} WHERE id = 1"),
        ))
        .await?;
    row.map(|row| {
        Ok(SqliteHolder {
            token: row.try_get_by_index(0)?,
            pid: row.try_get_by_index(1)?,
            host: row.try_get_by_index(2)?,
            acquired_at: row.try_get_by_index(3)?,
        })
    })
    .transpose()
}

async fn query_text<C: ConnectionTrait>(
    conn: &C,
    backend: DbBackend,
    sql: &str,
    values: Vec<Value>,
) -> Result<Option<String>, DbErr> {
    match conn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?
    {
        Some(row) => row.try_get_by_index::<Option<String>>(0),
        None => Ok(None),
    }
}

async fn query_bool<C: ConnectionTrait>(
    conn: &C,
    backend: DbBackend,
    sql: &str,
    values: Vec<Value>,
) -> Result<bool, DbErr> {
    match conn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?
    {
        Some(row) => row.try_get_by_index::<bool>(0),
        None => Ok(false),
    }
}

/// This host's name, for lock rows and log rows.
pub(crate) fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown-host".to_string())
}

fn new_token() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}
