//! Scratch PostgreSQL databases: created with unique names, loaded in one transaction on
//! one connection, and dropped when their guard goes out of scope (also on error or
//! panic; after Ctrl-C the next run drops what a dead run left behind).

use std::time::Duration;

use sqlx::{Connection, Executor, PgConnection};
use tokio::runtime::Runtime;

/// Prefix of every database the benchmark creates.
pub const PREFIX: &str = "autogen_bench_";

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The URL `url` with its database replaced by `db` (query string kept).
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map(|p| p + 3).unwrap_or(0);
    let root = match base[after_scheme..].find('/') {
        Some(p) => &base[..after_scheme + p],
        None => base,
    };
    match query {
        Some(q) => format!("{root}/{db}?{q}"),
        None => format!("{root}/{db}"),
    }
}

/// A connection to the maintenance database, from which scratch databases are made.
pub struct Admin {
    rt: Runtime,
    url: String,
}

impl Admin {
    /// `url` names an existing database to connect to for CREATE/DROP DATABASE.
    pub fn new(url: &str) -> Result<Admin, Error> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let admin = Admin {
            rt,
            url: url.to_string(),
        };
        admin.query_one("SELECT 1::text")?;
        Ok(admin)
    }

    fn connect(&self, url: &str) -> Result<PgConnection, Error> {
        let url = url.to_string();
        Ok(self.rt.block_on(async move {
            tokio::time::timeout(Duration::from_secs(20), PgConnection::connect(&url)).await
        })??)
    }

    fn execute(&self, sql: &str) -> Result<(), Error> {
        let mut conn = self.connect(&self.url)?;
        let sql = sql.to_string();
        self.rt.block_on(async move {
            conn.execute(sqlx::raw_sql(sqlx::AssertSqlSafe(sql)))
                .await?;
            conn.close().await?;
            Ok(())
        })
    }

    /// First column of the first row of a text query.
    pub fn query_one(&self, sql: &str) -> Result<String, Error> {
        let mut conn = self.connect(&self.url)?;
        let sql = sql.to_string();
        self.rt.block_on(async move {
            let value: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&mut conn)
                .await?;
            conn.close().await?;
            Ok(value)
        })
    }

    fn query_column(&self, sql: &str) -> Result<Vec<String>, Error> {
        let mut conn = self.connect(&self.url)?;
        let sql = sql.to_string();
        self.rt.block_on(async move {
            let values: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut conn)
                .await?;
            conn.close().await?;
            Ok(values)
        })
    }

    /// Creates an empty database with a unique name.
    pub fn create(&self, label: &str) -> Result<ScratchDb<'_>, Error> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        let name = format!("{PREFIX}{}_{stamp}_{label}", std::process::id());
        self.execute(&format!("CREATE DATABASE \"{name}\""))?;
        Ok(ScratchDb {
            url: with_database(&self.url, &name),
            name,
            admin: self,
        })
    }

    fn drop_database(&self, name: &str) -> Result<(), Error> {
        self.execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
    }

    /// Drops scratch databases whose benchmark process is gone (an interrupted run).
    pub fn drop_leftovers(&self) -> Result<Vec<String>, Error> {
        let names = self.query_column(&format!(
            "SELECT datname::text FROM pg_database WHERE datname LIKE '{PREFIX}%' ORDER BY 1"
        ))?;
        let mut dropped = Vec::new();
        for name in names {
            let pid: Option<i32> = name[PREFIX.len()..]
                .split('_')
                .next()
                .and_then(|p| p.parse().ok());
            // SAFETY: signal 0 only checks that the process exists.
            let alive = pid.is_some_and(|p| unsafe { libc::kill(p, 0) } == 0);
            if !alive {
                self.drop_database(&name)?;
                dropped.push(name);
            }
        }
        Ok(dropped)
    }
}

/// A scratch database, dropped with the guard.
pub struct ScratchDb<'a> {
    pub name: String,
    pub url: String,
    admin: &'a Admin,
}

impl ScratchDb<'_> {
    /// Runs the chunks in order on one connection, one transaction per chunk (one
    /// transaction for everything would need more than the lock table's
    /// `max_locks_per_transaction` × `max_connections` slots at a few thousand tables),
    /// then ANALYZE, so that the catalogs have statistics, as in any database that has
    /// lived a while.
    pub fn load(&self, chunks: impl Iterator<Item = String>) -> Result<(), Error> {
        let mut conn = self.admin.connect(&self.url)?;
        let result = self.admin.rt.block_on(async {
            conn.execute("SET client_min_messages = warning").await?;
            for chunk in chunks {
                if crate::measure::interrupted() {
                    return Err("interrupted".into());
                }
                conn.execute(sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "BEGIN;\n{chunk}COMMIT;"
                ))))
                .await?;
            }
            conn.execute("ANALYZE").await?;
            Ok::<(), Error>(())
        });
        self.admin.rt.block_on(async {
            let _ = conn.close().await;
        });
        result
    }

    /// Ends the server sessions of a client that was killed (its backend may still be
    /// running a query, which would load the server during the next measurements).
    pub fn end_sessions(&self) -> Result<(), Error> {
        self.admin.execute(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{}' AND pid <> pg_backend_pid()",
            self.name
        ))
    }
}

impl Drop for ScratchDb<'_> {
    fn drop(&mut self) {
        let mut attempt = 1;
        while let Err(e) = self.admin.drop_database(&self.name) {
            if attempt == 3 {
                eprintln!(
                    "warning: could not drop database {}: {e} (the next run drops it)",
                    self.name
                );
                break;
            }
            attempt += 1;
            std::thread::sleep(Duration::from_secs(2));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_the_database() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/test?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "x"),
            "postgres://h:5432/x"
        );
    }
}
