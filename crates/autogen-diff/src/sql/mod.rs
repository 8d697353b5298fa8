//! Plans as SQL, one module per dialect, built on the dialect's DDL pieces in
//! `autogen_schema::dialect`.

mod mysql;
mod postgres;
mod sqlite;

use autogen_schema::Dialect;

use crate::op::Op;
use crate::plan::Plan;

/// An operation the dialect has no SQL for.
#[derive(Debug, thiserror::Error)]
#[error("{dialect} cannot {what}")]
pub struct SqlError {
    /// The dialect.
    pub dialect: Dialect,
    /// What was asked, naming the table or column.
    pub what: String,
}

/// The statements (without `;`) of one operation.
pub fn op_sql(op: &Op, dialect: Dialect) -> Result<Vec<String>, SqlError> {
    match dialect {
        Dialect::Postgres => postgres::op_sql(op),
        Dialect::Mysql => mysql::op_sql(op),
        Dialect::Sqlite => sqlite::op_sql(op),
    }
}

impl Plan {
    /// All statements of the plan, in order, for `dialect`.
    pub fn to_sql(&self, dialect: Dialect) -> Result<Vec<String>, SqlError> {
        let mut out = Vec::new();
        for op in &self.ops {
            out.extend(op_sql(op, dialect)?);
        }
        Ok(out)
    }
}

fn unsupported(dialect: Dialect, what: impl Into<String>) -> SqlError {
    SqlError {
        dialect,
        what: what.into(),
    }
}
