//! Catalog checks that make a generated step safe to rerun: MySQL/MariaDB commits each
//! DDL statement, SQLite migrations run without a transaction, and PostgreSQL ones with
//! non-transactional steps too; a migration that failed half-way is rerun from the
//! start, and each step whose result is already in the catalog is skipped.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

/// What the catalog holds once a step has run. Names are unqualified: PostgreSQL looks in
/// `current_schema()`, MySQL in `DATABASE()`, SQLite in `main`.
#[derive(Debug, Clone, Copy)]
pub enum Done<'a> {
    /// The table exists.
    TableExists(&'a str),
    /// The table does not exist.
    TableGone(&'a str),
    /// `(table, column)`: the column exists.
    ColumnExists(&'a str, &'a str),
    /// `(table, column)`: the column does not exist.
    ColumnGone(&'a str, &'a str),
    /// `(table, index)`: the index exists (on PostgreSQL, and is valid: a failed
    /// concurrent build leaves an invalid one behind).
    IndexExists(&'a str, &'a str),
    /// `(table, index)`: the index does not exist.
    IndexGone(&'a str, &'a str),
    /// `(table, constraint)`: a unique, foreign key or check constraint of that name
    /// exists (on PostgreSQL, and is validated: an online step may have left it
    /// `NOT VALID`).
    ConstraintExists(&'a str, &'a str),
    /// `(table, constraint)`: no constraint of that name.
    ConstraintGone(&'a str, &'a str),
}

/// Whether the step that leaves `state` behind has already run, so that a rerun of a
/// migration that failed half-way skips it.
pub async fn done(manager: &SchemaManager<'_>, state: Done<'_>) -> Result<bool, DbErr> {
    use Done::*;
    let backend = manager.get_database_backend();
    let (exists, query, values): (bool, &str, Vec<&str>) = match state {
        TableExists(t) => (true, table_query(backend), vec![t]),
        TableGone(t) => (false, table_query(backend), vec![t]),
        ColumnExists(t, c) => (true, column_query(backend), vec![t, c]),
        ColumnGone(t, c) => (false, column_query(backend), vec![t, c]),
        IndexExists(t, i) => (true, index_query(backend), index_values(backend, t, i)),
        IndexGone(t, i) => (false, index_query(backend), index_values(backend, t, i)),
        ConstraintExists(t, k) => (true, constraint_query(backend), vec![t, k]),
        ConstraintGone(t, k) => (false, constraint_query(backend), vec![t, k]),
    };
    let found = if query.is_empty() {
        // SQLite alters no constraint in place (rebuilds do): there is nothing to skip.
        !exists
    } else {
        let values: Vec<Value> = values.into_iter().map(|v| v.into()).collect();
        manager
            .get_connection()
            .query_one_raw(Statement::from_sql_and_values(backend, query, values))
            .await
            .map_err(|e| DbErr::Migration(format!("checking whether {state:?} is done: {e}")))?
            .is_some()
    };
    Ok(found == exists)
}

fn table_query(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => {
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
        }
        DbBackend::MySql => {
            "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?"
        }
        _ => "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
    }
}

fn column_query(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => {
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() \
             AND table_name = $1 AND column_name = $2"
        }
        DbBackend::MySql => {
            "SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE() \
             AND table_name = ? AND column_name = ?"
        }
        _ => "SELECT 1 FROM pragma_table_info(?) WHERE name = ?",
    }
}

fn index_query(backend: DbBackend) -> &'static str {
    match backend {
        // Index names are unique per schema on PostgreSQL and SQLite.
        DbBackend::Postgres => {
            "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relname = $1 AND i.indisvalid"
        }
        DbBackend::MySql => {
            "SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() \
             AND table_name = ? AND index_name = ? LIMIT 1"
        }
        _ => "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?",
    }
}

fn index_values<'a>(backend: DbBackend, table: &'a str, index: &'a str) -> Vec<&'a str> {
    match backend {
        DbBackend::MySql => vec![table, index],
        _ => vec![index],
    }
}

fn constraint_query(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => {
            "SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relname = $1 AND k.conname = $2 \
             AND k.convalidated"
        }
        DbBackend::MySql => {
            "SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE() \
             AND table_name = ? AND constraint_name = ?"
        }
        _ => "",
    }
}
