//! Reads a live database into autogen's [`Schema`] IR.
//!
//! One module per dialect, each with a fixed number of bulk catalog queries for the whole
//! schema (not queries per table). Migration bookkeeping ([`BOOKKEEPING_TABLES`]) is
//! left out.

mod connect;
mod error;
mod migration_log;
mod mysql;
mod postgres;
mod redact;
mod sqlite;

use std::time::Duration;

use autogen_schema::{Dialect, Schema};
use sqlx::{MySqlPool, PgPool, SqlitePool};

pub use connect::ConnectOptions;
pub use error::ReflectError;
pub use migration_log::{
    MIGRATION_CHECKSUM_TABLE, MIGRATION_LOCK_TABLE, MIGRATION_LOG_TABLE, MigrationLogEntry,
};
pub use redact::{PUBLIC_PARAMETERS, redact, redact_urls_in, scrub};

/// Tables that belong to migration tools, never to the user's schema: named exactly, so
/// that a user's `autogen_users` or `seaql_migrations_archive` is reflected like any other.
pub const BOOKKEEPING_TABLES: &[&str] = &[
    "seaql_migrations",
    MIGRATION_LOG_TABLE,
    MIGRATION_LOCK_TABLE,
    MIGRATION_CHECKSUM_TABLE,
];

/// Whether `name` is one of [`BOOKKEEPING_TABLES`].
pub fn is_bookkeeping_table(name: &str) -> bool {
    BOOKKEEPING_TABLES.contains(&name)
}

/// What to reflect.
#[derive(Debug, Clone, Default)]
pub struct ReflectOptions {
    /// PostgreSQL schema (namespace) to read; `public` when `None`. Its objects keep bare
    /// names. Ignored elsewhere.
    pub schema: Option<String>,
    /// PostgreSQL schemas read besides [`ReflectOptions::schema`]: their objects get
    /// qualified names (`autogen_schema::qualified`) and the schemas themselves are in
    /// `Schema::namespaces`. Ignored elsewhere.
    pub others: OtherSchemas,
}

/// Which PostgreSQL schemas other than the default one are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum OtherSchemas {
    /// None: one namespace, as before multi-schema support.
    #[default]
    None,
    /// These (`--schema public,a,b`); a missing one is an error.
    Listed(Vec<String>),
    /// Every schema but the system's and those extensions create (`--schema '*'`).
    All,
}

/// An open connection to a database of one of the supported dialects.
#[derive(Debug, Clone)]
pub struct Database {
    pool: Pool,
    /// The URL with its secrets hidden, for errors.
    shown: String,
    statement_timeout: Option<Duration>,
}

/// The connection pool of a [`Database`], for queries reflection does not make.
#[derive(Debug, Clone)]
pub enum Pool {
    /// PostgreSQL.
    Postgres(PgPool),
    /// MySQL or MariaDB.
    Mysql(MySqlPool),
    /// SQLite.
    Sqlite(SqlitePool),
}

impl Database {
    /// Connects to `postgres://…`, `postgresql://…`, `mysql://…`, `mariadb://…` or
    /// `sqlite://path[?mode=rwc]` / `sqlite::memory:`, for reading and writing, with the
    /// default timeouts.
    pub async fn connect(url: &str) -> Result<Database, ReflectError> {
        Database::connect_with(url, &ConnectOptions::default()).await
    }

    /// Connects as `options` say.
    pub async fn connect_with(
        url: &str,
        options: &ConnectOptions,
    ) -> Result<Database, ReflectError> {
        let (pool, shown) = connect::open(url, options).await?;
        Ok(Database {
            pool,
            shown,
            statement_timeout: options.statement_timeout,
        })
    }

    /// Runs a read or a statement within the statement timeout.
    async fn bounded<T>(
        &self,
        work: impl Future<Output = Result<T, ReflectError>>,
    ) -> Result<T, ReflectError> {
        let Some(limit) = self.statement_timeout else {
            return work.await;
        };
        tokio::time::timeout(limit, work)
            .await
            .map_err(|_| ReflectError::Timeout {
                url: self.shown.clone(),
                what: "reading",
                after: limit,
                setting: "statement_timeout",
            })?
    }

    /// The pool, for queries of one's own (no timeout applies to them).
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The database's dialect.
    pub fn dialect(&self) -> Dialect {
        match &self.pool {
            Pool::Postgres(_) => Dialect::Postgres,
            Pool::Mysql(_) => Dialect::Mysql,
            Pool::Sqlite(_) => Dialect::Sqlite,
        }
    }

    /// Reads the whole schema, normalized and in the dialect's lowered form.
    pub async fn reflect(&self, options: &ReflectOptions) -> Result<Schema, ReflectError> {
        let schema = self
            .bounded(async {
                match &self.pool {
                    Pool::Postgres(pool) => {
                        postgres::reflect(
                            pool,
                            options.schema.as_deref().unwrap_or("public"),
                            &options.others,
                        )
                        .await
                    }
                    Pool::Mysql(pool) => mysql::reflect(pool).await,
                    Pool::Sqlite(pool) => sqlite::reflect(pool).await,
                }
            })
            .await?;
        // Lowering is the identity on what a dialect holds; applying it spells what the
        // catalog prints (MariaDB's backticked checks, say) the way the models are spelled.
        Ok(self.dialect().lower(&schema))
    }

    /// The versions recorded in sea-orm-migration's `seaql_migrations` table, in order;
    /// empty when the table does not exist (nothing applied yet).
    pub async fn applied_migrations(&self) -> Result<Vec<String>, ReflectError> {
        self.bounded(self.read_applied_migrations()).await
    }

    async fn read_applied_migrations(&self) -> Result<Vec<String>, ReflectError> {
        let tables = self.reflect_table_names().await?;
        if !tables.iter().any(|t| t == "seaql_migrations") {
            return Ok(Vec::new());
        }
        const SQL: &str = "SELECT version FROM seaql_migrations ORDER BY version";
        let versions = match &self.pool {
            Pool::Postgres(pool) => sqlx::query_scalar(SQL).fetch_all(pool).await?,
            Pool::Mysql(pool) => sqlx::query_scalar(SQL).fetch_all(pool).await?,
            Pool::Sqlite(pool) => sqlx::query_scalar(SQL).fetch_all(pool).await?,
        };
        Ok(versions)
    }

    /// Records `version` as applied in sea-orm-migration's `seaql_migrations` table,
    /// creating the table as sea-orm-migration does when it is missing: for a baseline
    /// revision whose schema the database already has (`autogen init --database`), as
    /// Prisma's `migrate resolve --applied` and Alembic's `stamp` do.
    pub async fn record_applied_migration(
        &self,
        version: &str,
        applied_at: i64,
    ) -> Result<(), ReflectError> {
        const INSERT: &str = "INSERT INTO seaql_migrations (version, applied_at) VALUES ";
        self.bounded(async {
            match &self.pool {
                Pool::Postgres(pool) => {
                    sqlx::raw_sql(
                        "CREATE TABLE IF NOT EXISTS \"seaql_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY, \"applied_at\" bigint NOT NULL)",
                    )
                    .execute(pool)
                    .await?;
                    sqlx::query(sqlx::AssertSqlSafe(format!("{INSERT}($1, $2)")))
                        .bind(version)
                        .bind(applied_at)
                        .execute(pool)
                        .await?;
                }
                Pool::Mysql(pool) => {
                    sqlx::raw_sql(
                        "CREATE TABLE IF NOT EXISTS `seaql_migrations` (`version` varchar(255) NOT NULL PRIMARY KEY, `applied_at` bigint NOT NULL)",
                    )
                    .execute(pool)
                    .await?;
                    sqlx::query(sqlx::AssertSqlSafe(format!("{INSERT}(?, ?)")))
                        .bind(version)
                        .bind(applied_at)
                        .execute(pool)
                        .await?;
                }
                Pool::Sqlite(pool) => {
                    sqlx::raw_sql(
                        "CREATE TABLE IF NOT EXISTS \"seaql_migrations\" (\"version\" varchar NOT NULL PRIMARY KEY, \"applied_at\" bigint NOT NULL)",
                    )
                    .execute(pool)
                    .await?;
                    sqlx::query(sqlx::AssertSqlSafe(format!("{INSERT}(?, ?)")))
                        .bind(version)
                        .bind(applied_at)
                        .execute(pool)
                        .await?;
                }
            }
            Ok(())
        })
        .await
    }

    /// Names of the tables in the current database (or `public` schema), bookkeeping included.
    async fn reflect_table_names(&self) -> Result<Vec<String>, ReflectError> {
        let names = match &self.pool {
            Pool::Postgres(pool) => {
                sqlx::query_scalar(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()",
                )
                .fetch_all(pool)
                .await?
            }
            Pool::Mysql(pool) => {
                sqlx::query_scalar(
                    "SELECT CAST(TABLE_NAME AS CHAR) FROM information_schema.TABLES \
                     WHERE TABLE_SCHEMA = DATABASE()",
                )
                .fetch_all(pool)
                .await?
            }
            Pool::Sqlite(pool) => {
                sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .fetch_all(pool)
                    .await?
            }
        };
        Ok(names)
    }

    /// Runs one SQL statement (or, on SQLite and PostgreSQL, a script without parameters).
    pub async fn execute(&self, sql: &str) -> Result<(), ReflectError> {
        let query = || sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()));
        self.bounded(async {
            let result = match &self.pool {
                Pool::Postgres(pool) => query().execute(pool).await.map(drop),
                Pool::Mysql(pool) => query().execute(pool).await.map(drop),
                Pool::Sqlite(pool) => query().execute(pool).await.map(drop),
            };
            result.map_err(|e| ReflectError::Statement {
                sql: sql.to_string(),
                source: e,
            })
        })
        .await
    }

    /// Runs statements in order, stopping at the first failure.
    pub async fn execute_all(&self, statements: &[String]) -> Result<(), ReflectError> {
        for s in statements {
            self.execute(s).await?;
        }
        Ok(())
    }

    /// Closes the connections. A connection abandoned by a timeout may never be given
    /// back, so closing waits at most a few seconds.
    pub async fn close(self) {
        let close = async {
            match &self.pool {
                Pool::Postgres(pool) => pool.close().await,
                Pool::Mysql(pool) => pool.close().await,
                Pool::Sqlite(pool) => pool.close().await,
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(5), close).await;
    }
}

/// The dialect a URL names, from its scheme.
pub fn dialect_of_url(url: &str) -> Result<Dialect, ReflectError> {
    let scheme = url.split_once(':').map(|(scheme, _)| scheme).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    });
    let Some(scheme) = scheme else {
        return Err(ReflectError::BadUrl {
            url: redact(url),
            reason: "expected SCHEME://…, for example postgres://user@host/db".into(),
        });
    };
    match scheme.to_ascii_lowercase().as_str() {
        "postgres" | "postgresql" => Ok(Dialect::Postgres),
        "mysql" | "mariadb" => Ok(Dialect::Mysql),
        "sqlite" => Ok(Dialect::Sqlite),
        // A scheme is letters, digits and `+.-`: it cannot hold a password.
        other => Err(ReflectError::UnknownScheme(other.to_string())),
    }
}

/// Connects, reflects and closes.
pub async fn reflect_url(url: &str, options: &ReflectOptions) -> Result<Schema, ReflectError> {
    let db = Database::connect(url).await?;
    let schema = db.reflect(options).await;
    db.close().await;
    schema
}
