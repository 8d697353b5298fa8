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

/// The statements (without `;`) of one operation, names unqualified.
pub fn op_sql(op: &Op, dialect: Dialect) -> Result<Vec<String>, SqlError> {
    op_sql_in(op, dialect, None)
}

/// The statements (without `;`) of one operation, on PostgreSQL with every name
/// qualified with `namespace` when there is one ([`Plan::namespace`]).
pub fn op_sql_in(
    op: &Op,
    dialect: Dialect,
    namespace: Option<&str>,
) -> Result<Vec<String>, SqlError> {
    match dialect {
        Dialect::Postgres => postgres::op_sql(op, namespace),
        Dialect::Mysql => mysql::op_sql(op),
        Dialect::Sqlite => sqlite::op_sql(op),
    }
}

impl Plan {
    /// All statements of the plan, in order, for `dialect`, inside its script frame
    /// ([`script_frame`]): what a script or a test runs on one connection.
    pub fn to_sql(&self, dialect: Dialect) -> Result<Vec<String>, SqlError> {
        let (before, after) = script_frame(self, dialect);
        let mut out = before;
        let namespace = self
            .namespace
            .as_deref()
            .filter(|_| dialect == Dialect::Postgres);
        for op in &self.ops {
            out.extend(op_sql_in(op, dialect, namespace)?);
        }
        out.extend(after);
        Ok(out)
    }
}

/// The statements a SQL script of `plan` runs before and after its operations.
///
/// SQLite has transactional DDL, so a SQLite script is one transaction: `BEGIN IMMEDIATE`
/// … `COMMIT`. With a table rebuild it follows SQLite's documented procedure: foreign
/// keys off outside the transaction, and before the commit a foreign key check that
/// fails the script (a `CHECK` on the count of `pragma_foreign_key_check` rows; run the
/// script with `sqlite3 -bail` so that a failure stops before `COMMIT`). PostgreSQL and
/// MySQL scripts have no frame: PostgreSQL's may hold statements that cannot run in a
/// transaction (`psql -1` wraps the others), and MySQL commits each DDL statement.
pub fn script_frame(plan: &Plan, dialect: Dialect) -> (Vec<String>, Vec<String>) {
    if dialect != Dialect::Sqlite || plan.ops.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let rebuilds = plan
        .ops
        .iter()
        .any(|op| matches!(op, Op::RebuildTable { .. }));
    let mut before = Vec::new();
    let mut after = Vec::new();
    if rebuilds {
        before.push("PRAGMA foreign_keys = OFF".to_string());
    }
    before.push("BEGIN IMMEDIATE".to_string());
    if rebuilds {
        let check = "\"_autogen_foreign_key_check\"";
        after.extend([
            format!(
                "CREATE TEMP TABLE {check} (\"violations\" integer CHECK (\"violations\" = 0))"
            ),
            format!("INSERT INTO {check} SELECT count(*) FROM pragma_foreign_key_check"),
            format!("DROP TABLE {check}"),
        ]);
    }
    after.push("COMMIT".to_string());
    if rebuilds {
        after.push("PRAGMA foreign_keys = ON".to_string());
    }
    (before, after)
}

fn unsupported(dialect: Dialect, what: impl Into<String>) -> SqlError {
    SqlError {
        dialect,
        what: what.into(),
    }
}

/// The error for an operation on an object only PostgreSQL has (domains, extensions,
/// row-level security, policies, comments on indexes and constraints): lowering to another
/// dialect removes them, so a plan for it holds none unless made by hand.
fn postgres_only(dialect: Dialect, op: &Op) -> SqlError {
    let what = match op {
        Op::CreateExtension { extension } | Op::DropExtension { extension } => {
            format!("manage extension {}", extension.name)
        }
        Op::AlterExtension { name, .. } => format!("update extension {name}"),
        Op::CreateSchema { name } | Op::DropSchema { name } => {
            format!("manage schema {name}")
        }
        Op::CreateDomain { domain } | Op::DropDomain { domain } => {
            format!("manage domain {}", domain.name)
        }
        Op::AlterDomain { to, .. } => format!("alter domain {}", to.name),
        Op::SetRowSecurity { table, .. } => format!("set row-level security on {table}"),
        Op::CreatePolicy { table, policy } | Op::DropPolicy { table, policy } => {
            format!("manage policy {} on {table}", policy.name)
        }
        Op::SetPartComment { table, name, .. } => format!("comment on {name} of {table}"),
        Op::SetTypeComment { name, .. } => format!("comment on type {name}"),
        Op::CreateFunction { function }
        | Op::DropFunction { function }
        | Op::ReplaceFunction { to: function, .. } => {
            format!("create or drop routine {}", function.name)
        }
        _ => "run a PostgreSQL-only operation".to_string(),
    };
    unsupported(dialect, format!("{what} (a PostgreSQL-only object)"))
}
