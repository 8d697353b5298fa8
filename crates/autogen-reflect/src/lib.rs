//! Reads a live database into autogen's [`Schema`] IR.
//!
//! One module per dialect, each with a fixed number of bulk catalog queries for the whole
//! schema (not queries per table). Migration bookkeeping tables (`seaql_migrations`,
//! `autogen_*`) are left out.

mod error;
mod mysql;
mod postgres;
mod sqlite;

use autogen_schema::{Dialect, Schema};
use sqlx::{MySqlPool, PgPool, SqlitePool};

pub use error::ReflectError;

/// Tables that belong to migration tools, never to the user's schema.
pub fn is_bookkeeping_table(name: &str) -> bool {
    name == "seaql_migrations" || name.starts_with("autogen_")
}

/// What to reflect.
#[derive(Debug, Clone, Default)]
pub struct ReflectOptions {
    /// PostgreSQL schema (namespace) to read; `public` when `None`. Ignored elsewhere.
    pub schema: Option<String>,
}

/// An open connection to a database of one of the supported dialects.
#[derive(Debug, Clone)]
pub enum Database {
    /// PostgreSQL.
    Postgres(PgPool),
    /// MySQL or MariaDB.
    Mysql(MySqlPool),
    /// SQLite.
    Sqlite(SqlitePool),
}

impl Database {
    /// Connects to `postgres://…`, `postgresql://…`, `mysql://…`, `mariadb://…` or
    /// `sqlite://path[?mode=rwc]` / `sqlite::memory:`.
    pub async fn connect(url: &str) -> Result<Database, ReflectError> {
        let dialect = dialect_of_url(url)?;
        let url = &url.replacen("mariadb://", "mysql://", 1);
        // A pool retries refused connections until its timeout; one plain connection first
        // fails at once with the real cause (refused, unknown database, bad password).
        probe(dialect, url)
            .await
            .map_err(|e| ReflectError::connect(url, e))?;
        let result = match dialect {
            Dialect::Postgres => sqlx::postgres::PgPoolOptions::new()
                .max_connections(2)
                .connect(url)
                .await
                .map(Database::Postgres),
            Dialect::Mysql => sqlx::mysql::MySqlPoolOptions::new()
                .max_connections(2)
                .connect(url)
                .await
                .map(Database::Mysql),
            // One connection, so that `sqlite::memory:` is one database.
            Dialect::Sqlite => sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(1)
                .connect(url)
                .await
                .map(Database::Sqlite),
        };
        result.map_err(|e| ReflectError::connect(url, e))
    }

    /// The database's dialect.
    pub fn dialect(&self) -> Dialect {
        match self {
            Database::Postgres(_) => Dialect::Postgres,
            Database::Mysql(_) => Dialect::Mysql,
            Database::Sqlite(_) => Dialect::Sqlite,
        }
    }

    /// Reads the whole schema, normalized and in the dialect's lowered form.
    pub async fn reflect(&self, options: &ReflectOptions) -> Result<Schema, ReflectError> {
        let schema = match self {
            Database::Postgres(pool) => {
                postgres::reflect(pool, options.schema.as_deref().unwrap_or("public")).await?
            }
            Database::Mysql(pool) => mysql::reflect(pool).await?,
            Database::Sqlite(pool) => sqlite::reflect(pool).await?,
        };
        // Lowering is the identity on what a dialect holds; applying it spells what the
        // catalog prints (MariaDB's backticked checks, say) the way the models are spelled.
        Ok(self.dialect().lower(&schema))
    }

    /// The versions recorded in sea-orm-migration's `seaql_migrations` table, in order;
    /// empty when the table does not exist (nothing applied yet).
    pub async fn applied_migrations(&self) -> Result<Vec<String>, ReflectError> {
        let tables = self.reflect_table_names().await?;
        if !tables.iter().any(|t| t == "seaql_migrations") {
            return Ok(Vec::new());
        }
        const SQL: &str = "SELECT version FROM seaql_migrations ORDER BY version";
        let versions = match self {
            Database::Postgres(pool) => sqlx::query_scalar(SQL).fetch_all(pool).await?,
            Database::Mysql(pool) => sqlx::query_scalar(SQL).fetch_all(pool).await?,
            Database::Sqlite(pool) => sqlx::query_scalar(SQL).fetch_all(pool).await?,
        };
        Ok(versions)
    }

    /// Names of the tables in the current database (or `public` schema), bookkeeping included.
    async fn reflect_table_names(&self) -> Result<Vec<String>, ReflectError> {
        let names = match self {
            Database::Postgres(pool) => {
                sqlx::query_scalar(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()",
                )
                .fetch_all(pool)
                .await?
            }
            Database::Mysql(pool) => {
                sqlx::query_scalar(
                    "SELECT CAST(TABLE_NAME AS CHAR) FROM information_schema.TABLES \
                     WHERE TABLE_SCHEMA = DATABASE()",
                )
                .fetch_all(pool)
                .await?
            }
            Database::Sqlite(pool) => {
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
        let result = match self {
            Database::Postgres(pool) => query().execute(pool).await.map(drop),
            Database::Mysql(pool) => query().execute(pool).await.map(drop),
            Database::Sqlite(pool) => query().execute(pool).await.map(drop),
        };
        result.map_err(|e| ReflectError::Statement {
            sql: sql.to_string(),
            source: e,
        })
    }

    /// Runs statements in order, stopping at the first failure.
    pub async fn execute_all(&self, statements: &[String]) -> Result<(), ReflectError> {
        for s in statements {
            self.execute(s).await?;
        }
        Ok(())
    }

    /// Closes the connections.
    pub async fn close(self) {
        match self {
            Database::Postgres(pool) => pool.close().await,
            Database::Mysql(pool) => pool.close().await,
            Database::Sqlite(pool) => pool.close().await,
        }
    }
}

async fn probe(dialect: Dialect, url: &str) -> Result<(), sqlx::Error> {
    use sqlx::Connection;
    match dialect {
        Dialect::Postgres => sqlx::PgConnection::connect(url).await?.close().await,
        Dialect::Mysql => sqlx::MySqlConnection::connect(url).await?.close().await,
        // SQLite opens a file; the pool reports the same errors at once.
        Dialect::Sqlite => Ok(()),
    }
}

/// The dialect a URL names, from its scheme.
pub fn dialect_of_url(url: &str) -> Result<Dialect, ReflectError> {
    let Some((scheme, _)) = url.split_once(':') else {
        return Err(ReflectError::BadUrl {
            url: url.to_string(),
            reason: "expected SCHEME://…, for example postgres://user@host/db".into(),
        });
    };
    match scheme.to_ascii_lowercase().as_str() {
        "postgres" | "postgresql" => Ok(Dialect::Postgres),
        "mysql" | "mariadb" => Ok(Dialect::Mysql),
        "sqlite" => Ok(Dialect::Sqlite),
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
